"""A pejabat's certificate for tanda tangan elektronik (TTE): one PKCS#12 file, its passphrase never stored."""

import uuid

from django.conf import settings
from django.db import models


def _nama_berkas_sertifikat(instance, filename) -> str:
    # Generated, unguessable name; the file is never served (no view reads it out).
    return f"tte/{uuid.uuid4().hex}.p12"


class SertifikatPejabat(models.Model):
    """The PKCS#12 (.p12/.pfx) file with which a pejabat signs approved reports.

    Validated on upload with the passphrase typed then (key and certificate present, in
    force); the passphrase is typed again at each approval and never stored.
    """

    pejabat = models.OneToOneField(
        "kecamatan.Pejabat", on_delete=models.CASCADE, related_name="sertifikat_tte", verbose_name="pejabat"
    )
    berkas = models.FileField("berkas PKCS#12", upload_to=_nama_berkas_sertifikat, max_length=255)
    subjek = models.CharField("nama pada sertifikat", max_length=200)
    penerbit = models.CharField("penerbit", max_length=300)
    nomor_seri = models.CharField("nomor seri", max_length=64)
    berlaku_mulai = models.DateTimeField("berlaku mulai")
    berlaku_sampai = models.DateTimeField("berlaku sampai")
    sha256_sertifikat = models.CharField("sidik sertifikat (SHA-256)", max_length=64)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="diunggah oleh"
    )
    diunggah_pada = models.DateTimeField("diunggah pada")

    class Meta:
        verbose_name = "sertifikat TTE pejabat"
        verbose_name_plural = "sertifikat TTE pejabat"

    def __str__(self):
        return f"Sertifikat TTE {self.subjek}"
