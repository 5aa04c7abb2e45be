"""The security log: logins, failed logins and denied access, on the "iku.keamanan" logger.

django-axes also keeps every attempt in the database (AccessAttempt,
AccessLog), visible in the admin; this log is for the server's log pipeline.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from iku_project.klien import alamat_klien

logger = logging.getLogger("iku.keamanan")


def _client(request) -> str:
    return alamat_klien(request) or "-"


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    logger.info("login berhasil user=%s ip=%s", user.get_username(), _client(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    logger.info("logout user=%s ip=%s", user.get_username() if user else "-", _client(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    # Never log the password: Django already masks it, and we only read the username.
    logger.warning("login gagal user=%s ip=%s", credentials.get("username", "-"), _client(request))


class AksesDitolakMiddleware:
    """Log every 403 answer: a user reaching for something their role does not allow."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            logger.warning(
                "akses ditolak user=%s ip=%s %s %s",
                user.get_username() if user is not None and user.is_authenticated else "-",
                _client(request),
                request.method,
                request.path,
            )
        return response
