"""Request-wide rules of the kecamatan app."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from kecamatan import akses

# What a user who must change their password may still reach: the change itself, and the way out.
BEBAS = ("password_change", "password_change_done", "logout")


class WajibGantiSandiMiddleware:
    """Until an account created by an admin has chosen its own password, every page leads to the
    password change form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        keanggotaan = akses.keanggotaan_of(request.user)
        if keanggotaan is not None and keanggotaan.wajib_ganti_sandi:
            bebas = {reverse(name) for name in BEBAS}
            if request.path not in bebas and not request.path.startswith(("/static/", "/media/")):
                messages.warning(
                    request,
                    "Akun Anda dibuat oleh admin. Ganti kata sandi Anda terlebih dahulu sebelum memakai aplikasi.",
                )
                return redirect("password_change")
        return self.get_response(request)
