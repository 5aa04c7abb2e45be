from django.urls import path

from indikator.impor import views

app_name = "impor"
urlpatterns = [
    path("", views.impor, name="impor"),
    path("templat/", views.templat, name="templat"),
    path("ekspor/", views.ekspor, name="ekspor"),
    path("ekspor/<str:kode>/", views.ekspor, name="ekspor-kecamatan"),
]
