from django.contrib import admin
from django.urls import include, path

from indikator.views.akun import (
    KeluarView,
    MasukView,
    SandiGantiSelesaiView,
    SandiGantiView,
    SandiLupaTerkirimView,
    SandiLupaView,
    SandiResetSelesaiView,
    SandiResetView,
)

admin.site.site_header = "IKU Kecamatan — Administrasi"
admin.site.site_title = "IKU Kecamatan"
admin.site.index_title = "Administrasi data"

# JSON for an unmatched URL under /api/ (iku_project/api/errors.py); the site's page elsewhere.
handler404 = "iku_project.api.errors.halaman_404"

urlpatterns = [
    path("masuk/", MasukView.as_view(), name="login"),
    path("keluar/", KeluarView.as_view(), name="logout"),
    path("akun/sandi/", SandiGantiView.as_view(), name="password_change"),
    path("akun/sandi/selesai/", SandiGantiSelesaiView.as_view(), name="password_change_done"),
    path("masuk/lupa-sandi/", SandiLupaView.as_view(), name="password_reset"),
    path("masuk/lupa-sandi/terkirim/", SandiLupaTerkirimView.as_view(), name="password_reset_done"),
    path("masuk/reset/<uidb64>/<token>/", SandiResetView.as_view(), name="password_reset_confirm"),
    path("masuk/reset/selesai/", SandiResetSelesaiView.as_view(), name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("iku_project.api.urls")),
    path("desa/", include("desa.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("laporan/", include("indikator.laporan.urls")),
    path("impor/", include("indikator.impor.urls")),
    path("pekerjaan/", include("pekerjaan.urls")),
    path("skm/", include("skm.urls")),
    path("", include("kecamatan.urls")),
    path("", include("indikator.urls")),
]
