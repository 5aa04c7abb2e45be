"""The administrative regions, provinsi down to desa and kelurahan, keyed by their Kepmendagri codes.

The bottom layer of the project: every other app may use these models, and this app imports from
none of the others (tests/test_arsitektur.py).
"""

from django.core.exceptions import ValidationError
from django.db import models

from wilayah.fungsi import lettered_fungsi


class Provinsi(models.Model):
    kode = models.CharField("kode", max_length=2, unique=True)
    nama = models.CharField("nama", max_length=100)

    class Meta:
        ordering = ["kode"]
        verbose_name = "provinsi"
        verbose_name_plural = "provinsi"

    def __str__(self):
        return self.nama


class Kabupaten(models.Model):
    kode = models.CharField("kode", max_length=5, unique=True)
    nama = models.CharField("nama", max_length=100)
    provinsi = models.ForeignKey(Provinsi, on_delete=models.PROTECT, related_name="kabupaten")

    class Meta:
        ordering = ["kode"]
        verbose_name = "kabupaten/kota"
        verbose_name_plural = "kabupaten/kota"

    def __str__(self):
        return self.nama


class KecamatanQuerySet(models.QuerySet):
    def for_user(self, user):
        """The kecamatan whose data this user may see: the only tenancy rule."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        keanggotaan = getattr(user, "keanggotaan", None)
        if keanggotaan is None:
            return self.none()
        if getattr(keanggotaan, "desa_id", None) is not None:
            # docs/DESIGN.md §2.7: a desa operator sees its own desa's page only, no kecamatan data.
            return self.none()
        if keanggotaan.kecamatan_id is not None:
            return self.filter(pk=keanggotaan.kecamatan_id)
        if keanggotaan.kabupaten_id is not None:
            return self.filter(kabupaten_id=keanggotaan.kabupaten_id)
        return self.none()


class Kecamatan(models.Model):
    kode = models.CharField("kode", max_length=8, unique=True)
    nama = models.CharField("nama", max_length=100)
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan")
    tugas = models.TextField("tugas", blank=True)
    fungsi = models.TextField(
        "fungsi", blank=True, help_text="Satu fungsi per baris, berurutan (akan diberi huruf a, b, c…)."
    )
    tempat_penandatanganan = models.CharField(
        "tempat penandatanganan",
        max_length=100,
        blank=True,
        help_text="Nama tempat pada blok tanda tangan; kosong berarti nama kecamatan.",
    )
    # Bumped by every write that can change this kecamatan's figures or reports (wilayah/versi.py);
    # cached computations and stored renderings are keyed by it.
    versi_data = models.PositiveBigIntegerField("versi data", default=0, editable=False)

    objects = KecamatanQuerySet.as_manager()

    class Meta:
        ordering = ["kode"]
        verbose_name = "kecamatan"
        verbose_name_plural = "kecamatan"

    def __str__(self):
        return self.nama

    @property
    def daftar_fungsi(self):
        return lettered_fungsi(self.fungsi)

    @property
    def tempat_ttd(self):
        return self.tempat_penandatanganan or self.nama


class DesaQuerySet(models.QuerySet):
    def for_user(self, user):
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
    """A desa or kelurahan, told apart by its Kepmendagri code."""

    class Jenis(models.TextChoices):
        DESA = "desa", "Desa"
        KELURAHAN = "kelurahan", "Kelurahan"

    kode = models.CharField("kode", max_length=13, unique=True)
    nama = models.CharField("nama", max_length=100)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="desa")
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
