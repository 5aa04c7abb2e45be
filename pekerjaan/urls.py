from django.urls import path

from pekerjaan import views

app_name = "pekerjaan"
urlpatterns = [
    path("<uuid:pk>/", views.status, name="status"),
    path("<uuid:pk>/unduh/", views.unduh, name="unduh"),
]
