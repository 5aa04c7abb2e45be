from django.urls import path

from indikator.laporan import skm, views

app_name = "laporan"
urlpatterns = [
    path("", views.laporan, name="index"),
    path("capaian.pdf", views.capaian_pdf, name="capaian-pdf"),
    path("capaian.xlsx", views.capaian_xlsx, name="capaian-xlsx"),
    path("dokumen-iku.pdf", views.dokumen_pdf, name="dokumen-pdf"),
    path("dokumen-iku.xlsx", views.dokumen_xlsx, name="dokumen-xlsx"),
    path("sahkan/", views.sahkan, name="sahkan"),
    path("kecamatan/<str:kode>/", views.laporan, name="kecamatan"),
    path("kecamatan/<str:kode>/capaian.pdf", views.capaian_pdf, name="capaian-pdf-kecamatan"),
    path("kecamatan/<str:kode>/capaian.xlsx", views.capaian_xlsx, name="capaian-xlsx-kecamatan"),
    path("kecamatan/<str:kode>/dokumen-iku.pdf", views.dokumen_pdf, name="dokumen-pdf-kecamatan"),
    path("kecamatan/<str:kode>/dokumen-iku.xlsx", views.dokumen_xlsx, name="dokumen-xlsx-kecamatan"),
    path("kecamatan/<str:kode>/sahkan/", views.sahkan, name="sahkan-kecamatan"),
    path("disahkan/<int:pk>.pdf", views.unduh_disahkan, name="unduh-disahkan"),
    path("rekap/kabupaten.pdf", views.rekap_pdf, name="rekap-pdf"),
    path("rekap/kabupaten.xlsx", views.rekap_xlsx, name="rekap-xlsx"),
    path("verifikasi/<str:token>/", views.verifikasi, name="verifikasi"),
    path("skm.<str:fmt>", skm.laporan_skm, name="skm"),
    path("kecamatan/<str:kode>/skm.<str:fmt>", skm.laporan_skm, name="skm-kecamatan"),
]
