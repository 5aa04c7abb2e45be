"""The documents desa owe: RKPDes, APBDes and LPPDes (docs/DESIGN.md §2.3). Desa themselves live in wilayah."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from desa.tenggat import JenisDokumen, tenggat
from kecamatan.berkas import upload_to_generated
from wilayah.models import Desa, Kecamatan


class DokumenDesaQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(desa__kecamatan__in=Kecamatan.objects.for_user(user))

    def untuk_kecamatan(self, kecamatan, dokumen_wajib):
        """The documents of ``kecamatan`` matching the given (jenis, TA) pairs, in one query."""
        pasangan = models.Q(pk__in=[])
        for wajib in dokumen_wajib:
            pasangan |= models.Q(jenis=wajib.jenis, tahun_anggaran=wajib.tahun_anggaran)
        return self.filter(pasangan, desa__kecamatan=kecamatan)


class DokumenDesa(models.Model):
    """An RKPDes, APBDes or LPPDes of one desa for one tahun anggaran (docs/DESIGN.md §2.3)."""

    Jenis = JenisDokumen
    BERKAS_PREFIX = "dokumen_desa"

    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="dokumen")
    jenis = models.CharField("dokumen", max_length=10, choices=JenisDokumen.choices)
    tahun_anggaran = models.PositiveSmallIntegerField(
        "tahun anggaran", validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    nomor = models.CharField(
        "nomor", max_length=100, blank=True, help_text="Nomor Perdes (RKPDes, APBDes) atau nomor surat (LPPDes)."
    )
    tanggal = models.DateField(
        "tanggal", help_text="Tanggal penetapan Perdes (RKPDes, APBDes) atau tanggal penyampaian (LPPDes)."
    )
    berkas = models.FileField("pindaian dokumen", upload_to=upload_to_generated, max_length=255, blank=True)
    nama_berkas_asli = models.CharField("nama berkas asli", max_length=255, blank=True, editable=False)
    content_type = models.CharField("jenis berkas", max_length=100, blank=True, editable=False)
    ukuran = models.PositiveIntegerField("ukuran berkas (bita)", null=True, blank=True, editable=False)
    catatan = models.TextField("catatan", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="diubah oleh",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    objects = DokumenDesaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["desa__kode", "jenis", "tahun_anggaran"]
        verbose_name = "dokumen desa"
        verbose_name_plural = "dokumen desa"
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "jenis", "tahun_anggaran"],
                name="dokumen_desa_unik_per_tahun_anggaran",
                violation_error_message="Dokumen ini untuk desa dan tahun anggaran tersebut sudah tercatat.",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} TA {self.tahun_anggaran} {self.desa}"

    def clean(self):
        # The rules live in desa.validation (imported here: it imports this module); the admin comes this way.
        from desa.validation import dokumen_desa_validate

        dokumen_desa_validate(
            desa=self.desa if self.desa_id else None,
            jenis=self.jenis,
            tahun_anggaran=self.tahun_anggaran,
            tanggal=self.tanggal,
            today=None,
        )

    @property
    def tenggat(self):
        return tenggat(self.jenis, self.tahun_anggaran)

    @property
    def extension(self) -> str:
        return self.berkas.name.rsplit(".", 1)[-1] if self.berkas else ""


def pesan_kelurahan(desa) -> str:
    return (
        f"{desa} adalah kelurahan: kelurahan tidak menyusun RKPDes, APBDes maupun LPPDes "
        "dan tidak dihitung dalam IKU 2. Dokumen ini hanya untuk desa."
    )


class PengajuanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Kecamatan and kabupaten roles: their scope's submissions; a desa operator: its own desa's."""
        from kecamatan.akses import desa_operator_id

        desa_id = desa_operator_id(user)
        if desa_id is not None:
            return self.filter(desa_id=desa_id)
        return self.filter(desa__kecamatan__in=Kecamatan.objects.for_user(user))

    def menunggu(self):
        return self.filter(status=PengajuanDokumenDesa.Status.MENUNGGU)


class PengajuanDokumenDesa(models.Model):
    """A desa document handed in by the desa's operator, waiting for the kasi (docs/DESIGN.md §2.7).

    It never counts by itself: only acceptance writes the DokumenDesa that IKU 2 reads.
    """

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu pemeriksaan"
        DITERIMA = "diterima", "Diterima"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"

    BERKAS_PREFIX = "pengajuan_desa"

    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="pengajuan_dokumen")
    jenis = models.CharField("dokumen", max_length=10, choices=JenisDokumen.choices)
    tahun_anggaran = models.PositiveSmallIntegerField(
        "tahun anggaran", validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    tanggal = models.DateField("tanggal", help_text="Tanggal penetapan (RKPDes, APBDes) atau penyampaian (LPPDes).")
    nomor = models.CharField("nomor", max_length=100, blank=True)
    berkas = models.FileField("pindaian dokumen", upload_to=upload_to_generated, max_length=255)
    nama_berkas_asli = models.CharField("nama berkas asli", max_length=255, blank=True, editable=False)
    content_type = models.CharField("jenis berkas", max_length=100, blank=True, editable=False)
    ukuran = models.PositiveIntegerField("ukuran berkas (bita)", null=True, blank=True, editable=False)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    alasan = models.TextField("alasan dikembalikan", blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="diajukan oleh"
    )
    diajukan_pada = models.DateTimeField("diajukan pada", auto_now_add=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="diperiksa oleh",
    )
    diputus_pada = models.DateTimeField("diperiksa pada", null=True, blank=True)
    dokumen = models.ForeignKey(
        DokumenDesa,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pengajuan",
        verbose_name="dokumen yang dicatat",
    )

    objects = PengajuanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-diajukan_pada", "-pk"]
        verbose_name = "pengajuan dokumen desa"
        verbose_name_plural = "pengajuan dokumen desa"
        constraints = [
            # One waiting submission per document: the kasi decides on one before the next comes in.
            models.UniqueConstraint(
                fields=["desa", "jenis", "tahun_anggaran"],
                condition=models.Q(status="menunggu"),
                name="pengajuan_desa_satu_menunggu",
                violation_error_message="Dokumen ini sudah diajukan dan sedang menunggu pemeriksaan kasi.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="dikembalikan") | ~models.Q(alasan=""),
                name="pengajuan_desa_dikembalikan_beralasan",
            ),
        ]

    def __str__(self):
        return f"Pengajuan {self.get_jenis_display()} TA {self.tahun_anggaran} {self.desa}"

    @property
    def tenggat(self):
        return tenggat(self.jenis, self.tahun_anggaran)

    @property
    def label(self) -> str:
        return f"{self.get_jenis_display()} TA {self.tahun_anggaran}"

    @property
    def extension(self) -> str:
        return self.berkas.name.rsplit(".", 1)[-1] if self.berkas else ""
