"""What every API view shares (docs/DESIGN.md §3.6): DRF authenticates, the security log records.

API views are marked ``login_not_required`` for ``LoginRequiredMiddleware``: a token is not a session,
so the middleware cannot see it; DRF's own authentication (``IsAuthenticated`` by default) answers an
anonymous caller with a JSON 401 instead of a redirect to the login page.
"""

import logging

from django.contrib.auth.decorators import login_not_required
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.views import APIView

from iku_project.klien import alamat_klien

logger = logging.getLogger("iku.keamanan")


def api_request_log(request, response) -> None:
    # Only what authentication already found: reading ``request.user`` here would run it now, and a
    # refused token would raise outside DRF's handler (a 406 answered before authentication became a 500).
    user = request.__dict__.get("_user")
    token = getattr(request.__dict__.get("_auth"), "prefix", None)
    logger.info(
        "api user=%s token=%s ip=%s %s %s status=%s",
        user.get_username() if user is not None and user.is_authenticated else "-",
        token or "-",
        alamat_klien(request) or "-",
        request.method,
        request.get_full_path(),
        response.status_code,
    )


class AbaikanAccept(DefaultContentNegotiation):
    """For a view answering a file: its type is the file's own, whatever ``Accept`` says (a client asking
    for ``application/pdf`` must get the PDF, not a 406); its errors are still JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ApiMixin:
    """Put first in an API view's bases."""

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL cannot store or compare a NUL character: refuse it as bad input before any query sees it.
        nul = [name for name, values in request.query_params.lists() if any("\x00" in v for v in values)]
        nul += [name for name, value in kwargs.items() if "\x00" in str(value)]
        if nul:
            raise ValidationError({name: ["Karakter NUL tidak diizinkan."] for name in nul})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        api_request_log(request, response)
        return response


class ApiView(ApiMixin, APIView):
    pass
