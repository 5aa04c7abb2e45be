from django.urls import path

from indikator import views

app_name = "indikator"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dasbor/kabupaten/", views.dasbor_kabupaten, name="dasbor-kabupaten"),
    path("dasbor/<str:kode>/", views.dasbor_kecamatan, name="dasbor-kecamatan"),
    path("target/", views.target_iku, name="target"),
    path("akun/", views.akun, name="akun"),
    path("akun/token-api/", views.token_buat, name="token-buat"),
    path("akun/token-api/<int:pk>/cabut/", views.token_cabut, name="token-cabut"),
    path("dokumen-iku/", views.dokumen_iku, name="dokumen"),
    path("dokumen-iku/<str:kode>/", views.dokumen_iku, name="dokumen-kecamatan"),
]
