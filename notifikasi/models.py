"""In-app notifications and their email copy (docs/DESIGN.md §2.7)."""

from django.conf import settings
from django.db import models


class Notifikasi(models.Model):
    """One message to one user. ``kunci`` names what it is about and which step (for a reminder:
    document, tahun anggaran, desa or kecamatan, and H-30/H-7/H-1/H+1), so the same message is
    never made twice for the same user, however often the sender runs."""

    class Jenis(models.TextChoices):
        PENGINGAT = "pengingat", "Pengingat tenggat"
        RINGKASAN = "ringkasan", "Ringkasan mingguan"

    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    kunci = models.CharField("kunci", max_length=200)
    judul = models.CharField("judul", max_length=200)
    isi = models.TextField("isi")
    url = models.CharField("tautan", max_length=300, blank=True)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    # Set once the email left; a run that stopped midway sends exactly the ones still unset.
    email_terkirim_pada = models.DateTimeField("email terkirim pada", null=True, blank=True)

    class Meta:
        ordering = ["-dibuat_pada", "-pk"]
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        constraints = [
            models.UniqueConstraint(fields=["penerima", "kunci"], name="notifikasi_sekali_per_penerima_kunci"),
        ]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_belum_dibaca")]

    def __str__(self):
        return f"{self.judul} → {self.penerima}"


class PreferensiNotifikasi(models.Model):
    """A user's own choice; without a row, email is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferensi_notifikasi"
    )
    email_aktif = models.BooleanField(
        "kirim juga lewat email", default=True, help_text="Notifikasi di aplikasi tetap ada walau email dimatikan."
    )

    class Meta:
        verbose_name = "preferensi notifikasi"
        verbose_name_plural = "preferensi notifikasi"

    def __str__(self):
        return f"Preferensi {self.user}"
