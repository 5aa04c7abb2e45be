from django.urls import path

from indikator import views

app_name = "indikator"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dokumen-iku/", views.dokumen_iku, name="dokumen"),
    path("dokumen-iku/<str:kode>/", views.dokumen_iku, name="dokumen-kecamatan"),
]
