from django import forms
from django.contrib import admin

from indikator.models import BarisIKU, DokumenIKU, TargetIKU
from kecamatan import akses
from kecamatan.admin_scope import PeranHistoryAdmin, PeranInlineMixin


class BarisIKUInline(PeranInlineMixin, admin.StackedInline):
    model = BarisIKU
    extra = 0
    peran_baca = akses.PERAN_ADMIN
    fields = [
        ("nomor", "indikator"),
        "sasaran_strategis",
        "nama_indikator",
        "rumus_pembilang",
        "rumus_penyebut",
        "penjelasan",
        ("sumber_data", "penanggung_jawab"),
    ]
    formfield_overrides = {
        BarisIKU._meta.get_field("penjelasan").__class__: {"widget": forms.Textarea(attrs={"rows": 3})}
    }


@admin.register(DokumenIKU)
class DokumenIKUAdmin(PeranHistoryAdmin):
    peran_baca = akses.PERAN_ADMIN
    list_display = ["kecamatan", "jenis", "tahun_berlaku", "tanggal", "penandatangan"]
    list_filter = ["jenis", "kecamatan"]
    list_select_related = ["kecamatan", "penandatangan"]
    search_fields = ["kecamatan__nama", "tujuan"]
    inlines = [BarisIKUInline]


@admin.register(TargetIKU)
class TargetIKUAdmin(PeranHistoryAdmin):
    peran_baca = akses.PERAN_ADMIN
    # Read-only: targets are set on the target page through ``target_iku_set``, whose rule (the
    # kecamatan's own pimpinan, never the kabupaten) an admin form would bypass.
    peran_tulis = ()
    list_display = ["kecamatan", "tahun", "indikator", "target"]
    list_filter = ["tahun", "indikator", "kecamatan"]
    list_select_related = ["kecamatan"]
