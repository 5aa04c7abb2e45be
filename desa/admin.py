from django.contrib import admin

from desa.models import Desa, DokumenDesa
from kecamatan import akses
from kecamatan.admin_scope import PeranAdminMixin, PeranHistoryAdmin


@admin.register(Desa)
class DesaAdmin(PeranAdminMixin, admin.ModelAdmin):
    peran_baca = akses.PERAN_ADMIN
    list_display = ["kode", "nama", "jenis", "kecamatan"]
    list_filter = ["jenis", "kecamatan"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan"]
    readonly_fields = ["jenis"]

    def get_readonly_fields(self, request, obj=None):
        # The code fixes the desa's kecamatan and whether it is a kelurahan.
        return ["kode", "kecamatan", "jenis"] if obj else ["jenis"]


@admin.register(DokumenDesa)
class DokumenDesaAdmin(PeranHistoryAdmin):
    peran_baca = akses.PERAN_ADMIN
    # Read-only: documents are entered on the desa pages through ``dokumen_desa_create``/``_update``,
    # whose rules (who, which desa, no kelurahan, dates, one per TA) an admin form would bypass.
    peran_tulis = ()
    kecamatan_lookup = "desa__kecamatan"
    list_display = ["desa", "jenis", "tahun_anggaran", "tanggal", "nomor", "updated_by", "updated_at"]
    list_filter = ["jenis", "tahun_anggaran", "desa__kecamatan"]
    search_fields = ["desa__nama", "desa__kode", "nomor"]
    list_select_related = ["desa", "updated_by"]
    readonly_fields = ["scan", "scan_nama", "scan_content_type", "scan_ukuran", "updated_by", "updated_at"]
