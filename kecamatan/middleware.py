"""Request-wide rules of the kecamatan app."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

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
                # Said once, where it is read: not for a fragment (HTMX would swallow it and the next
                # page would show a pile), nor for a link followed from the password form itself.
                dari_form = urlsplit(request.headers.get("Referer", "")).path == reverse("password_change")
                if not request.htmx and not dari_form:
                    messages.warning(
                        request,
                        "Akun Anda dibuat oleh admin. Ganti kata sandi Anda terlebih dahulu sebelum memakai aplikasi.",
                    )
                if request.htmx:
                    # A whole-page visit to the form, not the form swapped into a fragment.
                    return HttpResponseClientRedirect(reverse("password_change"))
                return redirect("password_change")
        return self.get_response(request)


# docs/DESIGN.md §2.7: a desa operator reaches its desa's page, its notifications and its account; nothing else.
OPERATOR_BOLEH = {
    "indikator:beranda",
    "indikator:akun",
    "desa:operator",
    "desa:ajukan",
    "desa:pengajuan-scan",
    "logout",
    "password_change",
    "password_change_done",
}
OPERATOR_BOLEH_NAMESPACE = {"notifikasi"}


class OperatorDesaMiddleware:
    """Every other page answers 404 to a desa operator, as if the kecamatan's data did not exist.

    The scoped querysets already show an operator nothing (``Kecamatan.objects.for_user``); this rule makes
    the answer the same 404 everywhere, also on pages that would render an empty list.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if akses.desa_operator_id(request.user) is None:
            return None
        match = request.resolver_match
        if match is not None and (match.view_name in OPERATOR_BOLEH or match.namespace in OPERATOR_BOLEH_NAMESPACE):
            return None
        raise Http404("Halaman tidak ditemukan.")
