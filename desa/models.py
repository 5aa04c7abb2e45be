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
