"""Desa and kelurahan, told apart by their Kepmendagri code, and the documents desa owe (DESIGN.md §2.3)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from desa.tenggat import KETERANGAN_TANGGAL, JenisDokumen, tenggat
from kecamatan.berkas import upload_to_generated


class DesaQuerySet(models.QuerySet):
    def for_user(self, user):
        from kecamatan.models import Kecamatan

        return self.filter(kecamatan__in=Kecamatan.objects.for_user(user))

    def desa_saja(self):
        return self.filter(jenis=Desa.Jenis.DESA)


def jenis_dari_kode(kode: str) -> str:
    """Kepmendagri: the four-digit suffix starts with 1 for a kelurahan, 2 for a desa.

    Papua's Desa Adat are numbered 3xxx; they are desa, with the same documents and deadlines.
    """
    suffix = kode.rsplit(".", 1)[-1]
    if len(suffix) != 4 or not suffix.isdigit() or suffix[0] not in "123":
        raise ValueError(f"kode desa/kelurahan tidak dikenal: {kode!r}")
    return Desa.Jenis.KELURAHAN if suffix[0] == "1" else Desa.Jenis.DESA


class Desa(models.Model):
    class Jenis(models.TextChoices):
        DESA = "desa", "Desa"
        KELURAHAN = "kelurahan", "Kelurahan"

    kode = models.CharField("kode", max_length=13, unique=True)
    nama = models.CharField("nama", max_length=100)
    kecamatan = models.ForeignKey("kecamatan.Kecamatan", on_delete=models.PROTECT, related_name="desa")
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, editable=False)

    objects = DesaQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        verbose_name = "desa/kelurahan"
        verbose_name_plural = "desa/kelurahan"

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama}"

    def save(self, *args, **kwargs):
        # The code decides desa or kelurahan; it is never typed separately.
        self.jenis = jenis_dari_kode(self.kode)
        super().save(*args, **kwargs)

    def clean(self):
        try:
            jenis_dari_kode(self.kode)
        except ValueError:
            raise ValidationError(
                {"kode": "Kode harus berakhiran 4 angka: 1xxx untuk kelurahan, 2xxx untuk desa."}
            ) from None
        if self.kecamatan_id and not self.kode.startswith(self.kecamatan.kode + "."):
            raise ValidationError({"kode": "Kode desa harus diawali kode kecamatannya."})

    @property
    def is_kelurahan(self):
        return self.jenis == self.Jenis.KELURAHAN


class DokumenDesaQuerySet(models.QuerySet):
    def for_user(self, user):
        from kecamatan.models import Kecamatan

        return self.filter(desa__kecamatan__in=Kecamatan.objects.for_user(user))

    def untuk_kecamatan(self, kecamatan, dokumen_wajib):
        """The documents of ``kecamatan`` matching the given (jenis, TA) pairs, in one query."""
        pasangan = models.Q(pk__in=[])
        for wajib in dokumen_wajib:
            pasangan |= models.Q(jenis=wajib.jenis, tahun_anggaran=wajib.tahun_anggaran)
        return self.filter(pasangan, desa__kecamatan=kecamatan)


class DokumenDesa(models.Model):
    """An RKPDes, APBDes or LPPDes of one desa for one tahun anggaran (DESIGN.md §2.3)."""

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
    scan = models.FileField("pindaian dokumen", upload_to=upload_to_generated, max_length=255, blank=True)
    scan_nama = models.CharField("nama berkas asli", max_length=255, blank=True, editable=False)
    scan_content_type = models.CharField("jenis berkas", max_length=100, blank=True, editable=False)
    scan_ukuran = models.PositiveIntegerField("ukuran berkas (bita)", null=True, blank=True, editable=False)
    catatan = models.TextField("catatan", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="diubah oleh",
    )
    updated_at = models.DateTimeField("diubah pada", auto_now=True)

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
    def scan_extension(self) -> str:
        return self.scan.name.rsplit(".", 1)[-1] if self.scan else ""

    @property
    def keterangan_tanggal(self):
        return KETERANGAN_TANGGAL[self.jenis]


def pesan_kelurahan(desa) -> str:
    return (
        f"{desa} adalah kelurahan: kelurahan tidak menyusun RKPDes, APBDes maupun LPPDes "
        "dan tidak dihitung dalam IKU 2. Dokumen ini hanya untuk desa."
    )
