"""The admin site, opened by role rather than by Django's is_staff flag.

admin_kabupaten keeps the catalogue, kecamatan, desa, IKU documents and users
of their kabupaten; pimpinan keeps the pejabat, seksi and targets of their own
kecamatan. Every ModelAdmin scopes its rows through ``PeranAdminMixin``.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from kecamatan.akses import boleh_buka_admin


class IKUAdminSite(admin.AdminSite):
    site_header = "IKU Kecamatan — Administrasi"
    site_title = "IKU Kecamatan"
    index_title = "Administrasi data"

    def has_permission(self, request):
        return boleh_buka_admin(request.user)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Logged in, but not a role that administers anything: refuse
            # rather than bounce between the two login pages.
            raise PermissionDenied("Peran Anda tidak memiliki akses ke halaman administrasi.")
        # One login page for the whole application.
        return redirect(f"{reverse('login')}?next={request.get_full_path()}")
