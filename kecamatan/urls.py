from django.urls import path

from kecamatan import views

urlpatterns = [
    path("katalog/", views.katalog, name="katalog"),
    path("profil/", views.profil, name="profil"),
    path("profil/<str:kode>/", views.profil, name="profil-kecamatan"),
]
