"""Who may do what: one membership per user, with a role and its scope (docs/DESIGN.md §1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Peran(models.TextChoices):
    STAF = "staf", "Staf"
    KASI = "kasi", "Kepala Seksi / Kasubag"
    PIMPINAN = "pimpinan", "Pimpinan (Camat / Sekretaris Camat)"
    ADMIN_KABUPATEN = "admin_kabupaten", "Admin Kabupaten"
    PEMERIKSA = "pemeriksa", "Pemeriksa (Inspektorat)"


PERAN_KECAMATAN = (Peran.STAF, Peran.KASI, Peran.PIMPINAN)
PERAN_KABUPATEN = (Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA)


class Keanggotaan(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keanggotaan")
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anggota",
        help_text="Untuk staf, kasi dan pimpinan.",
    )
    kabupaten = models.ForeignKey(
        "wilayah.Kabupaten",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="anggota",
        help_text="Untuk admin kabupaten dan pemeriksa.",
    )
    seksi = models.ForeignKey(
        "kecamatan.Seksi",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="anggota",
        help_text="Seksi tempat staf atau kasi bekerja.",
    )
    wajib_ganti_sandi = models.BooleanField(
        "wajib ganti kata sandi",
        default=False,
        help_text="Kata sandinya dibuat oleh admin: pengguna harus menggantinya sebelum memakai aplikasi.",
    )

    class Meta:
        verbose_name = "keanggotaan"
        verbose_name_plural = "keanggotaan"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(peran__in=PERAN_KECAMATAN, kecamatan__isnull=False, kabupaten__isnull=True)
                    | Q(peran__in=PERAN_KABUPATEN, kabupaten__isnull=False, kecamatan__isnull=True)
                ),
                name="keanggotaan_lingkup_sesuai_peran",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_peran_display()} {self.kecamatan or self.kabupaten}"
