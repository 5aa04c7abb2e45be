"""A long piece of work (a report rendering, an import, an approval) done by the worker, with its progress.

docs/DESIGN.md §3.7: the request records a ``Pekerjaan`` and answers at once; the one django-tasks task
(``pekerjaan/tasks.py``) runs the handler of its ``jenis`` (``pekerjaan/jenis.py``), writes its progress and a
heartbeat, and stores the result here. Only its owner ever sees it (``pekerjaan/akses.py``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


def _nama_berkas_hasil(instance, filename):
    # A generated name under a folder of its own: never the user's words, never guessable from the report.
    return f"pekerjaan/{instance.dibuat:%Y/%m}/{uuid.uuid4().hex}"


class Pekerjaan(models.Model):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    # A UUID, not a counter: the address of a job says nothing about how many others there are.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pekerjaan", verbose_name="pemilik"
    )
    jenis = models.CharField("jenis", max_length=60)
    parameter = models.JSONField("parameter", default=dict, blank=True)
    # The kecamatan the work is about (none for a kabupaten-wide one): scoping and the admin's filter.
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="kecamatan"
    )
    # The rendered-report cache key (kind, parameters, data version): a finished job with the same key
    # answers a new request at once.
    kunci = models.CharField("kunci", max_length=300, blank=True, default="")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    langkah = models.CharField("langkah", max_length=200, blank=True, default="")
    persen = models.PositiveSmallIntegerField("persen", default=0)
    pesan = models.TextField("pesan", blank=True, default="")
    rincian = models.JSONField("rincian", default=list, blank=True)
    berkas = models.FileField("berkas hasil", upload_to=_nama_berkas_hasil, blank=True, max_length=200)
    nama_berkas = models.CharField("nama berkas", max_length=200, blank=True, default="")
    content_type = models.CharField("jenis isi", max_length=100, blank=True, default="")
    url_hasil = models.CharField("tautan hasil", max_length=300, blank=True, default="")
    # Attempts started; the stale-worker rule re-queues a job once (docs/DESIGN.md §3.7).
    percobaan = models.PositiveSmallIntegerField("percobaan", default=0)
    # Touched every few seconds by the running worker; an old one means the worker died.
    detak = models.DateTimeField("detak", null=True, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True, db_index=True)
    mulai = models.DateTimeField("mulai", null=True, blank=True)
    selesai = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        ordering = ["-dibuat"]
        verbose_name = "pekerjaan"
        verbose_name_plural = "pekerjaan"
        indexes = [
            models.Index(fields=["jenis", "kunci", "status"], name="pekerjaan_cache"),
            models.Index(fields=["status", "detak"], name="pekerjaan_status_detak"),
        ]

    def __str__(self):
        return f"{self.judul} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("pekerjaan:status", args=[self.pk])

    @property
    def judul(self) -> str:
        from pekerjaan.jenis import judul_jenis

        return judul_jenis(self.jenis)

    @property
    def sudah_selesai(self) -> bool:
        return self.status in (self.Status.SELESAI, self.Status.GAGAL)

    @property
    def punya_berkas(self) -> bool:
        return self.status == self.Status.SELESAI and bool(self.berkas)
