from django.urls import path

from skm import views

app_name = "skm"

urlpatterns = [
    path("hasil/", views.hasil, name="hasil"),
    path("hasil/<str:kode>/", views.hasil, name="hasil-kecamatan"),
    path("kertas/", views.kertas, name="kertas"),
    path("impor/", views.impor, name="impor"),
    path("responden/<int:pk>/", views.responden_detail, name="responden"),
    path("rtl/", views.rtl_simpan, name="rtl-simpan"),
    path("rtl/<int:pk>/", views.rtl_detail, name="rtl"),
    path("<str:kode>/", views.survei, name="survei"),
    path("<str:kode>/terima-kasih/", views.terima_kasih, name="terima-kasih"),
    path("<str:kode>/poster/", views.poster, name="poster"),
    path("<str:kode>/publikasi/", views.publikasi, name="publikasi"),
]
