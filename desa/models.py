"""Desa and kelurahan, told apart by their Kepmendagri code (DESIGN.md §2.3)."""

from django.core.exceptions import ValidationError
from django.db import models


class DesaQuerySet(models.QuerySet):
    def for_user(self, user):
        from kecamatan.models import Kecamatan

        return self.filter(kecamatan__in=Kecamatan.objects.for_user(user))

    def desa_saja(self):
        return self.filter(jenis=Desa.Jenis.DESA)


def jenis_dari_kode(kode: str) -> str:
    """Kepmendagri: the four-digit suffix starts with 1 for a kelurahan, 2 for a desa."""
    suffix = kode.rsplit(".", 1)[-1]
    if len(suffix) != 4 or not suffix.isdigit() or suffix[0] not in "12":
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
