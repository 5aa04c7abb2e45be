from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from kecamatan.forms import LoginForm, SandiBaruForm, SandiGantiForm
from kecamatan.services import pengguna_sandi_diganti


def akun(request):
    """The user's own account: name, role and scope. Also the benchmarks' trivial login-required page."""
    return render(request, "indikator/akun.html")


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
