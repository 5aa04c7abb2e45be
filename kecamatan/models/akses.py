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
    OPERATOR_DESA = "operator_desa", "Operator Desa"


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
    desa = models.ForeignKey(
        "wilayah.Desa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operator",
        help_text="Untuk operator desa: desa yang dokumennya ia ajukan (bukan kelurahan).",
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
                    Q(peran__in=PERAN_KECAMATAN, kecamatan__isnull=False, kabupaten__isnull=True, desa__isnull=True)
                    | Q(peran__in=PERAN_KABUPATEN, kabupaten__isnull=False, kecamatan__isnull=True, desa__isnull=True)
                    # docs/DESIGN.md §2.7: an operator has its desa and that desa's kecamatan (checked in clean).
                    | Q(peran=Peran.OPERATOR_DESA, kecamatan__isnull=False, desa__isnull=False, kabupaten__isnull=True)
                ),
                name="keanggotaan_lingkup_sesuai_peran",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_peran_display()} {self.desa or self.kecamatan or self.kabupaten}"

    def clean(self):
        keanggotaan_lingkup_validate(peran=self.peran, kecamatan_id=self.kecamatan_id, desa=self.desa)


def keanggotaan_lingkup_validate(*, peran, kecamatan_id, desa) -> None:
    """docs/DESIGN.md §2.7: an operator's desa is a desa (not a kelurahan) of its kecamatan; only operators have one."""
    from django.core.exceptions import ValidationError

    if peran != Peran.OPERATOR_DESA:
        if desa is not None:
            raise ValidationError({"desa": "Hanya operator desa yang terikat pada satu desa."})
        return
    if desa is None:
        raise ValidationError({"desa": "Operator desa harus terikat pada satu desa."})
    if desa.is_kelurahan:
        raise ValidationError(
            {"desa": f"{desa} adalah kelurahan: kelurahan tidak menyusun dokumen desa, jadi tidak punya operator desa."}
        )
    if kecamatan_id is not None and desa.kecamatan_id != kecamatan_id:
        raise ValidationError({"desa": "Desa harus berada di kecamatan operator tersebut."})
