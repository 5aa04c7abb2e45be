from django.urls import path

from kecamatan import views

app_name = "kecamatan"

urlpatterns = [
    path("katalog/", views.katalog, name="katalog"),
    path("profil/", views.profil, name="profil"),
    path("profil/<str:kode>/", views.profil, name="profil-kecamatan"),
    path("sertifikat-tte/", views.sertifikat_daftar, name="sertifikat"),
    path("sertifikat-tte/kecamatan/<str:kode>/", views.sertifikat_daftar, name="sertifikat-kecamatan"),
    path("sertifikat-tte/pejabat/<int:pk>/", views.sertifikat_unggah, name="sertifikat-unggah"),
    path("kegiatan/", views.kegiatan_list, name="kegiatan-list"),
    path("kegiatan/perlu-tindak-lanjut/", views.kegiatan_perlu_tindak_lanjut, name="kegiatan-perlu-tindak-lanjut"),
    path("kegiatan/baru/", views.kegiatan_create, name="kegiatan-create"),
    path("kegiatan/pilihan-uraian/", views.kegiatan_pilihan, name="kegiatan-pilihan"),
    path("kegiatan/<int:pk>/", views.kegiatan_detail, name="kegiatan-detail"),
    path("kegiatan/<int:pk>/ubah/", views.kegiatan_update, name="kegiatan-update"),
    path("kegiatan/<int:pk>/output/", views.kegiatan_output, name="kegiatan-output"),
    path("kegiatan/<int:pk>/bukti/", views.bukti_create, name="bukti-create"),
    path("kegiatan/<int:kegiatan_pk>/bukti/<int:pk>/unduh/", views.bukti_download, name="bukti-download"),
    path("kegiatan/<int:kegiatan_pk>/bukti/<int:pk>/lihat/", views.bukti_preview, name="bukti-preview"),
    path("kegiatan/<int:kegiatan_pk>/bukti/<int:pk>/hapus/", views.bukti_remove, name="bukti-remove"),
    path("kegiatan/<int:kegiatan_pk>/bukti/<int:pk>/lampirkan/", views.bukti_attach, name="bukti-attach"),
]
