"""IKU documents of a kecamatan over time, the targets of each indicator, and approved reports."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from wilayah.fungsi import lettered_fungsi


class KodeIndikator(models.TextChoices):
    IKU1 = "iku1", "Persentase hasil fasilitasi dan koordinasi yang ditindaklanjuti"
    IKU2 = "iku2", "Rata-rata persentase desa yang menyusun dokumen administrasi pemerintahan desa tepat waktu"


class DokumenIKUQuerySet(models.QuerySet):
    def for_user(self, user):
        from wilayah.models import Kecamatan

        return self.filter(kecamatan__in=Kecamatan.objects.for_user(user))

    def in_force_on(self, kecamatan, tanggal: datetime.date):
        """The document in force on ``tanggal``: of those already effective then, the latest to take
        effect. A document takes effect on its date (a Perubahan applies from the day it is signed,
        docs/DESIGN.md §2.5), or on 1 January of its year when it names only a year, or always when it
        names neither. ``None`` when none is in force yet: never a later document for an earlier day.
        """
        berlaku = [(d.mulai_berlaku, d.pk, d) for d in self.filter(kecamatan=kecamatan)]
        berlaku = [b for b in berlaku if b[0] <= tanggal]
        return max(berlaku, key=lambda b: b[:2])[2] if berlaku else None

    def in_force_for(self, kecamatan, tahun):
        """The document in force at the end of ``tahun`` (a year's figures are read at its end)."""
        return self.in_force_on(kecamatan, datetime.date(tahun, 12, 31))


class DokumenIKU(models.Model):
    class Jenis(models.TextChoices):
        ASLI = "asli", "Indikator Kinerja Utama"
        PERUBAHAN = "perubahan", "Indikator Kinerja Utama Perubahan"

    class LetakPenjelasan(models.TextChoices):
        # Each document prints what its paper original holds, nothing more (issue 17).
        LAMPIRAN = "lampiran", "Bagian Penjelasan Indikator beserta katalog (seperti IKU Kecamatan Senduro)"
        RUMUS = "rumus", "Di sel Rumus/Formula, tanpa katalog (seperti IKU Perubahan Kecamatan Lumajang)"

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.PROTECT, related_name="dokumen_iku")
    jenis = models.CharField("jenis dokumen", max_length=20, choices=Jenis.choices, default=Jenis.ASLI)
    tahun_berlaku = models.PositiveSmallIntegerField(
        "berlaku mulai tahun",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="Kosong bila dokumen tidak mencantumkannya (berlaku sampai diganti).",
    )
    tanggal = models.DateField("tanggal dokumen", null=True, blank=True)
    tempat = models.CharField("tempat penandatanganan", max_length=100, blank=True)
    tugas = models.TextField("tugas")
    fungsi = models.TextField("fungsi", help_text="Satu fungsi per baris, berurutan (a–j).")
    tujuan = models.TextField("tujuan")
    indikator_tujuan = models.CharField("indikator tujuan", max_length=250)
    penandatangan = models.ForeignKey(
        "kecamatan.Pejabat",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dokumen_iku_ditandatangani",
    )
    sumber = models.CharField(
        "sumber", max_length=200, blank=True, help_text="Asal isi dokumen, misalnya berkas pindaian aslinya."
    )
    letak_penjelasan = models.CharField(
        "letak penjelasan indikator",
        max_length=20,
        choices=LetakPenjelasan.choices,
        default=LetakPenjelasan.LAMPIRAN,
        help_text="Susunan dokumen aslinya: bagian tersendiri beserta katalog, atau di sel Rumus/Formula.",
    )
    judul_penandatangan = models.CharField(
        "judul di atas penandatangan",
        max_length=200,
        blank=True,
        help_text="Bila dokumen aslinya menulis lain dari jabatan, misalnya «KECAMATAN SENDURO». "
        "Kosong: jabatan penandatangan (CAMAT …).",
    )

    objects = DokumenIKUQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kecamatan", "tahun_berlaku", "tanggal", "pk"]
        verbose_name = "dokumen IKU"
        verbose_name_plural = "dokumen IKU"

    def __str__(self):
        suffix = f" {self.tahun_berlaku}" if self.tahun_berlaku else ""
        return f"{self.get_jenis_display()} Kecamatan {self.kecamatan.nama}{suffix}"

    @property
    def mulai_berlaku(self) -> datetime.date:
        """The first day this document applies; see ``DokumenIKUQuerySet.in_force_on``."""
        mulai = [datetime.date(self.tahun_berlaku, 1, 1)] if self.tahun_berlaku else []
        if self.tanggal:
            mulai.append(self.tanggal)
        return max(mulai, default=datetime.date.min)

    @property
    def judul(self):
        return self.get_jenis_display().upper()

    @property
    def daftar_fungsi(self):
        return lettered_fungsi(self.fungsi)


class BarisIKU(models.Model):
    """One row of the IKU table: sasaran strategis, indikator, rumus, sumber data, penanggung jawab."""

    dokumen = models.ForeignKey(DokumenIKU, on_delete=models.CASCADE, related_name="baris")
    nomor = models.PositiveSmallIntegerField("nomor")
    indikator = models.CharField("indikator (kode)", max_length=10, choices=KodeIndikator.choices)
    sasaran_strategis = models.TextField("sasaran strategis")
    nama_indikator = models.TextField("indikator kinerja utama")
    rumus_pembilang = models.TextField("rumus: pembilang")
    rumus_penyebut = models.TextField("rumus: penyebut")
    penjelasan = models.TextField("penjelasan", blank=True)
    sumber_data = models.TextField("sumber data")
    penanggung_jawab = models.TextField("penanggung jawab", blank=True)

    class Meta:
        ordering = ["dokumen", "nomor"]
        verbose_name = "baris IKU"
        verbose_name_plural = "baris IKU"
        constraints = [
            models.UniqueConstraint(fields=["dokumen", "nomor"], name="baris_iku_nomor_unik"),
            models.UniqueConstraint(fields=["dokumen", "indikator"], name="baris_iku_indikator_unik"),
        ]

    def __str__(self):
        return f"{self.nomor}. {self.nama_indikator}"


class TargetIKU(models.Model):
    """The target of one indicator for one year (Renstra / Perjanjian Kinerja)."""

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="target_iku")
    indikator = models.CharField("indikator", max_length=10, choices=KodeIndikator.choices)
    tahun = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    target = models.DecimalField(
        "target (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kecamatan", "tahun", "indikator"]
        verbose_name = "target IKU"
        verbose_name_plural = "target IKU"
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "indikator", "tahun"], name="target_iku_unik"),
        ]

    def __str__(self):
        return f"{self.get_indikator_display()} {self.tahun}: {self.target}%"


class NilaiIndikatorTujuan(models.Model):
    """The tujuan indicator's value for a year (Nilai IKM, Indeks Pelayanan Publik), entered by pimpinan.

    docs/DESIGN.md §2.4: entered by the kecamatan until the application computes it.
    """

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="nilai_indikator_tujuan")
    tahun = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    nilai = models.DecimalField("nilai", max_digits=7, decimal_places=2, validators=[MinValueValidator(0)])
    keterangan = models.CharField("keterangan / sumber", max_length=250, blank=True)
    diisi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diisi oleh",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kecamatan", "tahun"]
        verbose_name = "nilai indikator tujuan"
        verbose_name_plural = "nilai indikator tujuan"
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "tahun"], name="nilai_tujuan_unik_per_tahun"),
        ]

    def __str__(self):
        return f"{self.kecamatan} {self.tahun}: {self.nilai}"


def token_verifikasi_baru() -> str:
    return secrets.token_urlsafe(32)


def _nama_berkas_pengesahan(instance, filename) -> str:
    # Generated, unguessable names: the stored PDF is served only through a view that checks the user.
    return f"laporan/{instance.kecamatan.kode}/{uuid.uuid4().hex}.pdf"


class PengesahanLaporanQuerySet(models.QuerySet):
    def for_user(self, user):
        from wilayah.models import Kecamatan

        return self.filter(kecamatan__in=Kecamatan.objects.for_user(user))

    def untuk_periode(self, kecamatan, periode):
        return self.filter(kecamatan=kecamatan, periode_mulai=periode.mulai, periode_selesai=periode.selesai)


class PengesahanLaporan(models.Model):
    """One approved (disahkan) version of a kecamatan's Laporan Capaian IKU for a period.

    Frozen on approval: the figures as JSON, the signatory and the rendered PDF. Later
    edits to kegiatan or desa documents never change it; approving again adds a version.
    """

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.PROTECT, related_name="pengesahan_laporan")
    periode_mulai = models.DateField("awal periode")
    periode_selesai = models.DateField("akhir periode")
    periode_jenis = models.CharField("jenis periode", max_length=20)
    periode_nomor = models.PositiveSmallIntegerField("nomor periode", null=True, blank=True)
    versi = models.PositiveIntegerField("versi")
    tanggal = models.DateField("tanggal pengesahan (as-of)")
    data = models.JSONField("angka yang disahkan")
    penandatangan = models.JSONField("penandatangan (salinan)")
    berkas = models.FileField("PDF", upload_to=_nama_berkas_pengesahan, max_length=255)
    sha256 = models.CharField("SHA-256 PDF", max_length=64)
    token = models.CharField(
        "token verifikasi", max_length=64, unique=True, default=token_verifikasi_baru, editable=False
    )
    disahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="disahkan oleh"
    )
    disahkan_pada = models.DateTimeField("disahkan pada")

    objects = PengesahanLaporanQuerySet.as_manager()

    class Meta:
        ordering = ["kecamatan", "-periode_selesai", "periode_mulai", "-versi"]
        verbose_name = "pengesahan laporan capaian"
        verbose_name_plural = "pengesahan laporan capaian"
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "periode_mulai", "periode_selesai", "versi"],
                name="pengesahan_versi_unik_per_periode",
            ),
        ]

    def __str__(self):
        return f"Laporan Capaian IKU {self.kecamatan} {self.periode.label} versi {self.versi}"

    @property
    def periode(self):
        from kecamatan.periode import Periode

        return Periode(self.periode_mulai, self.periode_selesai, self.periode_jenis, self.periode_nomor)

    @property
    def revisi(self) -> bool:
        return self.versi > 1
