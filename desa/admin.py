from django.contrib import admin

from desa.models import DokumenDesa
from kecamatan.admin_scope import PeranAdminMixin, PeranHistoryAdmin
from kecamatan.akses import kecamatan_scope
from kecamatan.models import Peran
from wilayah.models import Desa


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


@admin.register(DokumenDesa)
class DokumenDesaAdmin(PeranHistoryAdmin):
    peran_baca = (Peran.ADMIN_KABUPATEN, Peran.PIMPINAN)
    peran_tulis = (Peran.PIMPINAN,)
    kecamatan_lookup = "desa__kecamatan"
    list_display = ["desa", "jenis", "tahun_anggaran", "tanggal", "nomor", "diubah_oleh", "diubah_pada"]
    list_filter = ["jenis", "tahun_anggaran", "desa__kecamatan"]
    search_fields = ["desa__nama", "desa__kode", "nomor"]
    list_select_related = ["desa", "diubah_oleh"]
    readonly_fields = ["berkas", "nama_berkas_asli", "content_type", "ukuran", "diubah_oleh", "diubah_pada"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "desa":
            # Kelurahan owe no RKPDes, APBDes or LPPDes; offering them invites a refused save.
            field.queryset = field.queryset.desa_saja().filter(kecamatan__in=kecamatan_scope(request.user))
        return field

    def save_model(self, request, obj, form, change):
        obj.diubah_oleh = request.user
        super().save_model(request, obj, form, change)
