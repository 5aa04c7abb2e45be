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
    path("desa-saya/", views.operator, name="operator"),
    path("operator-desa/", views.rekap_operator, name="rekap-operator"),
    path("operator-desa/kelola/", views.operator_kelola, name="operator-kelola"),
    path("operator-desa/kelola/<int:user_id>/aktif/", views.operator_aktif, name="operator-aktif"),
    path("desa-saya/ajukan/<str:jenis>/<int:tahun_anggaran>/", views.ajukan, name="ajukan"),
    path("pengajuan/<int:pk>/pindaian/", views.pengajuan_scan, name="pengajuan-scan"),
    path("pengajuan/<int:pk>/terima/", views.pengajuan_terima, name="pengajuan-terima"),
    path("pengajuan/<int:pk>/kembalikan/", views.pengajuan_kembalikan, name="pengajuan-kembalikan"),
    path("tenggat/kecamatan/<str:kode>/", views.tenggat, name="tenggat-kecamatan"),
]
