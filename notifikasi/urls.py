from django.urls import path

from notifikasi import views

app_name = "notifikasi"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:pk>/baca/", views.baca, name="baca"),
    path("baca-semua/", views.baca_semua, name="baca-semua"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
]
