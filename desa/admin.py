from django.contrib import admin

from desa.models import Desa
from kecamatan.admin_scope import PeranAdminMixin
from kecamatan.models import Peran


@admin.register(Desa)
class DesaAdmin(PeranAdminMixin, admin.ModelAdmin):
    peran_baca = (Peran.ADMIN_KABUPATEN, Peran.PIMPINAN)
    list_display = ["kode", "nama", "jenis", "kecamatan"]
    list_filter = ["jenis", "kecamatan"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan"]
    readonly_fields = ["jenis"]

    def get_readonly_fields(self, request, obj=None):
        # The code fixes the desa's kecamatan and whether it is a kelurahan.
        return ["kode", "kecamatan", "jenis"] if obj else ["jenis"]
