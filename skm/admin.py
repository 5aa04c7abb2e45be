from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max

from kecamatan import akses
from kecamatan.admin_scope import PeranAdminMixin, PeranInlineMixin
from skm.models import (
    IntervalMutu,
    JenisLayanan,
    Kuesioner,
    PenggunaLayanan,
    Pertanyaan,
    RencanaTindakLanjut,
    Responden,
    Unsur,
)
from wilayah.versi import versi_data_naikkan_semua

PERAN_PEMBACA = akses.PERAN_PEMBACA_SKM


class PertanyaanInline(PeranInlineMixin, admin.TabularInline):
    model = Pertanyaan
    extra = 0
    fields = ["unsur", "teks", "jawaban_1", "jawaban_2", "jawaban_3", "jawaban_4"]
    peran_baca = PERAN_PEMBACA

    def has_add_permission(self, request, obj=None):
        # A version already answered keeps its wording, so old answers keep their meaning.
        return super().has_add_permission(request, obj) and not (obj and obj.responden.exists())

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


@admin.action(description="Salin sebagai versi baru (untuk mengubah kata-kata kuesioner yang sudah dijawab)")
def salin_versi_baru(modeladmin, request, queryset):
    with transaction.atomic():
        for kuesioner in queryset.prefetch_related("pertanyaan"):
            versi = (Kuesioner.objects.aggregate(m=Max("versi"))["m"] or 0) + 1
            baru = Kuesioner.objects.create(
                versi=versi, berlaku_mulai=kuesioner.berlaku_mulai, keterangan=f"Salinan versi {kuesioner.versi}"
            )
            Pertanyaan.objects.bulk_create(
                Pertanyaan(
                    kuesioner=baru,
                    unsur_id=p.unsur_id,
                    teks=p.teks,
                    jawaban_1=p.jawaban_1,
                    jawaban_2=p.jawaban_2,
                    jawaban_3=p.jawaban_3,
                    jawaban_4=p.jawaban_4,
                )
                for p in kuesioner.pertanyaan.all()
            )
            # A new questionnaire version decides which wording later answers are read against.
            versi_data_naikkan_semua()
            modeladmin.message_user(
                request, f"Versi {versi} dibuat; ubah kata-katanya dan tanggal berlakunya.", messages.SUCCESS
            )


@admin.register(Kuesioner)
class KuesionerAdmin(PeranAdminMixin, admin.ModelAdmin):
    """The wording is the admin kabupaten's; a version in use is frozen (copy it to change it)."""

    kecamatan_lookup = None
    peran_baca = PERAN_PEMBACA
    list_display = ["versi", "berlaku_mulai", "keterangan"]
    inlines = [PertanyaanInline]
    actions = [salin_versi_baru]

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request) and not (obj and obj.responden.exists())


@admin.register(Unsur)
class UnsurAdmin(PeranAdminMixin, admin.ModelAdmin):
    kecamatan_lookup = None
    peran_baca = PERAN_PEMBACA
    list_display = ["kode", "nama", "urutan"]


@admin.register(IntervalMutu)
class IntervalMutuAdmin(PeranAdminMixin, admin.ModelAdmin):
    kecamatan_lookup = None
    peran_baca = PERAN_PEMBACA
    list_display = ["mutu", "kinerja", "batas_bawah", "batas_atas"]


@admin.register(JenisLayanan)
class JenisLayananAdmin(PeranAdminMixin, admin.ModelAdmin):
    peran_baca = PERAN_PEMBACA
    peran_tulis = akses.PERAN_ADMIN
    list_display = ["nama", "kecamatan", "urutan", "aktif"]
    list_filter = ["aktif"]
    list_select_related = ["kecamatan"]
    search_fields = ["nama"]


@admin.register(PenggunaLayanan)
class PenggunaLayananAdmin(PeranAdminMixin, admin.ModelAdmin):
    peran_baca = PERAN_PEMBACA
    peran_tulis = akses.PERAN_ADMIN
    list_display = ["kecamatan", "tahun", "jumlah"]
    list_select_related = ["kecamatan"]


@admin.register(Responden)
class RespondenAdmin(PeranAdminMixin, admin.ModelAdmin):
    """Answers are evidence: read here, never edited."""

    peran_baca = PERAN_PEMBACA
    peran_tulis = ()
    list_display = ["tanggal", "kecamatan", "jenis_layanan", "sumber", "kuesioner"]
    list_filter = ["sumber", "tanggal"]
    list_select_related = ["kecamatan", "jenis_layanan", "kuesioner"]
    date_hierarchy = "tanggal"


@admin.register(RencanaTindakLanjut)
class RencanaTindakLanjutAdmin(PeranAdminMixin, admin.ModelAdmin):
    """Written by the kasi on the results page; read here."""

    peran_baca = PERAN_PEMBACA
    peran_tulis = ()
    list_display = ["kecamatan", "periode_mulai", "periode_selesai", "unsur", "penanggung_jawab", "target_waktu"]
    list_select_related = ["kecamatan", "unsur"]
