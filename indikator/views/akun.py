from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET, require_POST

from iku_project.klien import alamat_klien
from kecamatan.akses import boleh_pakai_api
from kecamatan.forms import LoginForm, SandiBaruForm, SandiGantiForm, TokenAPIForm
from kecamatan.models import TokenAPI
from kecamatan.services import pengguna_sandi_diganti, token_api_create, token_api_revoke


def _akun_render(request, *, form=None, token_baru=None, status=200):
    context = {
        "token_form": form or TokenAPIForm(initial={"berlaku_hari": settings.IKU_API_TOKEN_HARI}),
        "token_api": TokenAPI.objects.filter(user=request.user, dicabut_pada__isnull=True),
        "token_baru": token_baru,
        "sekarang": timezone.now(),
        "boleh_token_api": boleh_pakai_api(request.user),
    }
    return render(request, "indikator/akun.html", context, status=status)


@require_GET
def akun(request):
    """The user's own account: name, role and scope, and their API tokens. Also the benchmarks' trivial page."""
    return _akun_render(request)


@require_POST
def token_buat(request):
    """Make a personal API token; the page shows it this once (only its digest is stored)."""
    form = TokenAPIForm(request.POST)
    if not form.is_valid():
        return _akun_render(request, form=form, status=400)
    try:
        _, token = token_api_create(
            user=request.user, nama=form.cleaned_data["nama"], berlaku_hari=form.cleaned_data["berlaku_hari"],
            sekarang=timezone.now(), ip=alamat_klien(request),
        )  # fmt: skip
    except ValidationError as exc:
        form.add_error(None, exc)
        return _akun_render(request, form=form, status=400)
    return _akun_render(request, token_baru=token)


@require_POST
def token_cabut(request, pk):
    baris = token_api_revoke(user=request.user, token_pk=pk, sekarang=timezone.now(), ip=alamat_klien(request))
    messages.success(request, f"Token “{baris.nama}” dicabut; aplikasi yang memakainya tidak dapat masuk lagi.")
    return redirect("indikator:akun")


class MasukView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # "Lupa kata sandi" only where a reset email can actually be sent.
        return super().get_context_data(**kwargs, reset_sandi_email=settings.RESET_SANDI_EMAIL)


class KeluarView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "Anda telah keluar.")
        return response


class SandiGantiView(auth_views.PasswordChangeView):
    template_name = "registration/sandi_ganti.html"
    form_class = SandiGantiForm

    def form_valid(self, form):
        response = super().form_valid(form)
        pengguna_sandi_diganti(user=form.user)
        return response


class SandiGantiSelesaiView(auth_views.PasswordChangeDoneView):
    template_name = "registration/sandi_ganti_selesai.html"


# Public like Django's own reset views: their login_not_required mark sits on the dispatch this overrides.
@method_decorator(login_not_required, name="dispatch")
class _ResetLewatEmail:
    """Password reset by email exists only where email is configured (``RESET_SANDI_EMAIL``)."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.RESET_SANDI_EMAIL:
            raise Http404("Reset kata sandi lewat email tidak tersedia. Hubungi admin kabupaten.")
        return super().dispatch(request, *args, **kwargs)


class SandiLupaView(_ResetLewatEmail, auth_views.PasswordResetView):
    template_name = "registration/sandi_lupa.html"
    email_template_name = "registration/sandi_reset_email.txt"
    subject_template_name = "registration/sandi_reset_subjek.txt"
    success_url = reverse_lazy("password_reset_done")


class SandiLupaTerkirimView(_ResetLewatEmail, auth_views.PasswordResetDoneView):
    template_name = "registration/sandi_lupa_terkirim.html"


class SandiResetView(_ResetLewatEmail, auth_views.PasswordResetConfirmView):
    template_name = "registration/sandi_reset.html"
    form_class = SandiBaruForm

    def form_valid(self, form):
        response = super().form_valid(form)
        pengguna_sandi_diganti(user=form.user)
        return response


class SandiResetSelesaiView(_ResetLewatEmail, auth_views.PasswordResetCompleteView):
    template_name = "registration/sandi_reset_selesai.html"
