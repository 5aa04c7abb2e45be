"""The administrative regions above the desa, by their Kepmendagri codes."""

from django.db import models

from kecamatan.fungsi import lettered_fungsi


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
