from django.contrib import admin

from desa.models import DokumenDesa, PengajuanDokumenDesa
from kecamatan import akses
from kecamatan.admin_scope import PeranAdminMixin, PeranHistoryAdmin
from wilayah.models import Desa


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
    list_display = ["desa", "jenis", "tahun_anggaran", "tanggal", "nomor", "diubah_oleh", "diubah_pada"]
    list_filter = ["jenis", "tahun_anggaran", "desa__kecamatan"]
    search_fields = ["desa__nama", "desa__kode", "nomor"]
    list_select_related = ["desa", "diubah_oleh"]
    readonly_fields = ["berkas", "nama_berkas_asli", "content_type", "ukuran", "diubah_oleh", "diubah_pada"]


@admin.register(PengajuanDokumenDesa)
class PengajuanDokumenDesaAdmin(PeranHistoryAdmin):
    """Read-only with its history (docs/DESIGN.md §2.7): submissions are decided on the matrix page."""

    peran_baca = akses.PERAN_ADMIN
    peran_tulis = ()
    kecamatan_lookup = "desa__kecamatan"
    mengubah_data = False  # a submission counts only once accepted (desa.services.pengajuan_terima)
    list_display = ["desa", "jenis", "tahun_anggaran", "tanggal", "status", "diajukan_oleh", "diajukan_pada"]
    list_filter = ["status", "jenis", "tahun_anggaran", "desa__kecamatan"]
    search_fields = ["desa__nama", "desa__kode", "nomor"]
    list_select_related = ["desa", "diajukan_oleh"]
    # The stored path is not a link: the scan is served only by the view that checks the user.
    exclude = ["berkas"]
