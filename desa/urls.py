from django.urls import path

from desa import views

app_name = "desa"
urlpatterns = [
    path("dokumen/", views.matriks, name="dokumen"),
    path("dokumen/kecamatan/<str:kode>/", views.matriks, name="dokumen-kecamatan"),
    path("dokumen/sel/<int:desa_id>/<str:jenis>/<int:tahun_anggaran>/", views.sel, name="sel"),
    path("dokumen/<int:pk>/pindaian/", views.scan, name="scan"),
    path("dokumen/<int:pk>/hapus/", views.hapus, name="hapus"),
    path("tenggat/", views.tenggat, name="tenggat"),
    path("tenggat/kecamatan/<str:kode>/", views.tenggat, name="tenggat-kecamatan"),
]
