"""The kecamatan office as an organisation: its seksi and its pejabat."""

from django.db import models
from django.db.models import Q

from kecamatan.nip import format_nip, normalize_nip, validate_nip


class Seksi(models.Model):
    class Jenis(models.TextChoices):
        SEKSI = "seksi", "Seksi"
        SUB_BAGIAN = "sub_bagian", "Sub Bagian"

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="seksi")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices, default=Jenis.SEKSI)
    nama = models.CharField("nama", max_length=150, help_text="Misalnya: Seksi Pemerintahan.")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        ordering = ["kecamatan", "urutan", "nama"]
        verbose_name = "seksi / sub bagian"
        verbose_name_plural = "seksi / sub bagian"
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "nama"], name="seksi_unik_per_kecamatan"),
        ]

    def __str__(self):
        return self.nama


class Pejabat(models.Model):
    class Jabatan(models.TextChoices):
        CAMAT = "camat", "Camat"
        SEKRETARIS_CAMAT = "sekretaris_camat", "Sekretaris Camat"
        KEPALA_SEKSI = "kepala_seksi", "Kepala Seksi"
        KEPALA_SUB_BAGIAN = "kepala_sub_bagian", "Kepala Sub Bagian"

    class Status(models.TextChoices):
        DEFINITIF = "definitif", "Definitif"
        PLT = "plt", "Pelaksana Tugas (Plt.)"
        PLH = "plh", "Pelaksana Harian (Plh.)"

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="pejabat")
    nama = models.CharField("nama lengkap dan gelar", max_length=150)
    nip = models.CharField("NIP", max_length=18, validators=[validate_nip])
    pangkat_golongan = models.CharField(
        "pangkat/golongan", max_length=100, blank=True, help_text="Misalnya: Pembina Tingkat I (IV/b)."
    )
    jabatan = models.CharField("jabatan", max_length=30, choices=Jabatan.choices)
    seksi = models.ForeignKey(
        Seksi,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pejabat",
        help_text="Untuk Kepala Seksi / Kepala Sub Bagian.",
    )
    status = models.CharField("status jabatan", max_length=20, choices=Status.choices, default=Status.DEFINITIF)
    mulai = models.DateField("mulai menjabat", null=True, blank=True, help_text="Kosong bila tidak diketahui.")
    selesai = models.DateField("selesai menjabat", null=True, blank=True, help_text="Kosong bila masih menjabat.")

    class Meta:
        ordering = ["kecamatan", "jabatan", "-mulai"]
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(mulai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="pejabat_masa_jabatan_urut",
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.get_jabatan_display()})"

    def save(self, *args, **kwargs):
        self.nip = normalize_nip(self.nip)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Before the field's max_length of 18 sees "19681114 199003 1 004": every path (admin,
        # pimpinan's form, import, shell) goes through here, not only the forms that normalise first.
        self.nip = normalize_nip(self.nip)
        super().clean_fields(exclude=exclude)

    @property
    def jabatan_lengkap(self) -> str:
        """ "Kepala Seksi Pemerintahan", not "Kepala Seksi Seksi Pemerintahan": the seksi's name
        usually starts with its own kind already."""
        label = self.get_jabatan_display()
        if self.seksi is None or self.jabatan not in (self.Jabatan.KEPALA_SEKSI, self.Jabatan.KEPALA_SUB_BAGIAN):
            return label
        unit = label.removeprefix("Kepala ")
        if self.seksi.nama.casefold().startswith(unit.casefold()):
            return f"Kepala {self.seksi.nama}"
        return f"{label} {self.seksi.nama}"

    @property
    def nip_tampil(self):
        return format_nip(self.nip)
