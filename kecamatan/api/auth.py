"""``Authorization: Token iku_…``: a personal API token acts as its user (docs/DESIGN.md §3.6)."""

import logging

from django.core.cache import cache
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from iku_project.klien import alamat_klien
from kecamatan import akses, services
from kecamatan.models.token import PANJANG_PREFIX

logger = logging.getLogger("iku.keamanan")

KATA_KUNCI = "Token"
# Failed token attempts allowed per client address per minute: DRF throttles only after authentication
# and permission, so a caller guessing tokens would otherwise never be slowed (docs/DESIGN.md §3.6).
GAGAL_MAKS_PER_MENIT = 20


def _kunci_gagal(request) -> str:
    return f"api-token-gagal:{alamat_klien(request) or '-'}"


def _tolak_bila_terlalu_sering(request) -> None:
    if cache.get(_kunci_gagal(request), 0) >= GAGAL_MAKS_PER_MENIT:
        raise exceptions.Throttled(
            wait=60, detail="Terlalu banyak percobaan token yang gagal dari alamat ini. Coba lagi dalam 1 menit."
        )


def _catat_gagal(request, token: str) -> None:
    kunci = _kunci_gagal(request)
    cache.add(kunci, 0, timeout=60)
    try:
        cache.incr(kunci)
    except ValueError:  # expired between add and incr: this failure opens a new minute
        cache.set(kunci, 1, timeout=60)
    _log_ditolak(request, token)


def _log_ditolak(request, token: str) -> None:
    # The attempted prefix only (never the secret), cut to the characters a prefix has: a forged header
    # cannot write its own lines into the log.
    prefix = "".join(
        c for c in token.removeprefix(services.AWALAN_TOKEN)[:PANJANG_PREFIX] if c.isascii() and c.isalnum()
    )
    logger.warning("token api ditolak token=%s ip=%s", prefix or "-", alamat_klien(request) or "-")


class TokenAPIAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KATA_KUNCI.lower().encode():
            return None
        _tolak_bila_terlalu_sering(request)
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Header Authorization harus berbentuk: Token <token>.")
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("Token API tidak sah.") from None
        sekarang = timezone.now()
        baris = services.token_api_find(token=token, sekarang=sekarang)
        if baris is None or not baris.user.is_active:
            _catat_gagal(request, token)
            raise exceptions.AuthenticationFailed("Token API tidak dikenal, kedaluwarsa atau sudah dicabut.")
        if not akses.boleh_pakai_api(baris.user):
            # A token made before the account became a desa operator's.
            _log_ditolak(request, token)
            raise exceptions.AuthenticationFailed("Akun operator desa tidak memakai API.")
        keanggotaan = getattr(baris.user, "keanggotaan", None)
        if keanggotaan is not None and keanggotaan.wajib_ganti_sandi:
            _log_ditolak(request, token)
            raise exceptions.AuthenticationFailed(
                "Kata sandi akun ini harus diganti dahulu: masuk ke aplikasi, ganti kata sandi, lalu buat token baru."
            )
        services.token_api_used(token=baris, sekarang=sekarang)
        return baris.user, baris

    def authenticate_header(self, request):
        return KATA_KUNCI


class TokenAPIScheme(OpenApiAuthenticationExtension):
    target_class = TokenAPIAuthentication
    name = "tokenAPI"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token API pribadi dari halaman Akun saya, dengan awalan `Token `: "
            "`Authorization: Token iku_…`.",
        }
