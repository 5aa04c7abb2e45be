"""The fasilitasi catalogue shared by every kecamatan (docs/DESIGN.md §2.1).

Entries are retired (``aktif = False``), never deleted, and a kegiatan copies
the texts it was logged with, so editing the catalogue never rewrites history.
"""

from django.db import models
from simple_history.models import HistoricalRecords


class Kategori(models.TextChoices):
    FASILITASI = "fasilitasi", "Fasilitasi"
    KOORDINASI = "koordinasi", "Koordinasi"
    REKOMENDASI = "rekomendasi", "Rekomendasi"


class KatalogQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)


class JenisKegiatan(models.Model):
    """A jenis fasilitasi, koordinasi or rekomendasi, numbered within its category."""

    kategori = models.CharField("kategori", max_length=20, choices=Kategori.choices)
    nomor = models.PositiveSmallIntegerField("nomor")
    nama = models.TextField("nama jenis")
    aktif = models.BooleanField("aktif", default=True, help_text="Jenis yang dipensiunkan tidak bisa dipilih lagi.")

    objects = KatalogQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kategori", "nomor"]
        verbose_name = "jenis kegiatan"
        verbose_name_plural = "katalog jenis kegiatan"
        constraints = [
            models.UniqueConstraint(fields=["kategori", "nomor"], name="jenis_nomor_unik_per_kategori"),
        ]

    def __str__(self):
        return f"{self.get_kategori_display()} {self.nomor}. {self.nama}"


class UraianAktivitas(models.Model):
    jenis = models.ForeignKey(JenisKegiatan, on_delete=models.PROTECT, related_name="uraian")
    nomor = models.PositiveSmallIntegerField("nomor")
    teks = models.TextField("uraian aktivitas")
    output = models.TextField("output aktivitas")
    rincian_output = models.TextField(
        "rincian output",
        blank=True,
        help_text="Butir a., b., c. di bawah output, satu per baris tanpa hurufnya (mis. Fasilitasi 2: "
        "Data Perangkat Desa / Buku Perdes / Buku SK).",
    )
    aktif = models.BooleanField("aktif", default=True, help_text="Uraian yang dipensiunkan tidak bisa dipilih lagi.")

    objects = KatalogQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["jenis__kategori", "jenis__nomor", "nomor"]
        verbose_name = "uraian aktivitas"
        verbose_name_plural = "uraian aktivitas"
        constraints = [
            models.UniqueConstraint(fields=["jenis", "nomor"], name="uraian_nomor_unik_per_jenis"),
        ]

    def __str__(self):
        return f"{self.jenis.nomor}.{self.nomor} {self.teks}"

    @property
    def daftar_rincian_output(self) -> list[tuple[str, str]]:
        """The sub-items lettered as the seed prints them: [("a", "Data Perangkat Desa"), ...]."""
        butir = [b.strip() for b in self.rincian_output.splitlines() if b.strip()]
        return [(chr(ord("a") + i), b) for i, b in enumerate(butir)]

    @property
    def output_lengkap(self) -> str:
        """The output with its sub-items, as one text a kegiatan copies when it is logged:
        "Administrasi Umum: a. Data Perangkat Desa; b. Buku Perdes; c. Buku SK"."""
        if not self.daftar_rincian_output:
            return self.output
        return f"{self.output}: " + "; ".join(f"{h}. {b}" for h, b in self.daftar_rincian_output)


class JenisBukti(models.Model):
    """One of the five kinds of bukti pendukung."""

    kode = models.SlugField("kode", max_length=40, unique=True)
    nama = models.CharField("nama", max_length=200)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    aktif = models.BooleanField("aktif", default=True)

    objects = KatalogQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan"]
        verbose_name = "jenis bukti pendukung"
        verbose_name_plural = "jenis bukti pendukung"

    def __str__(self):
        return self.nama
