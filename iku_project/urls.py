from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kecamatan.forms import LoginForm

admin.site.site_header = "IKU Kecamatan — Administrasi"
admin.site.site_title = "IKU Kecamatan"
admin.site.index_title = "Administrasi data"

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("desa/", include("desa.urls")),
    path("laporan/", include("indikator.laporan.urls")),
    path("impor/", include("indikator.impor.urls")),
    path("skm/", include("skm.urls")),
    path("", include("kecamatan.urls")),
    path("", include("indikator.urls")),
]
