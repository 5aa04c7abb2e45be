"""Kegiatan and bukti pendukung: the raw facts of IKU 1 (docs/DESIGN.md §2.2)."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull
from simple_history.models import HistoricalRecords

from kecamatan.berkas import upload_to_generated
from kecamatan.models.katalog import JenisBukti, Kategori, UraianAktivitas


class BuktiPendukungQuerySet(models.QuerySet):
    def aktif(self):
        """Removed bukti stay as a record but never count."""
        return self.filter(dihapus_pada__isnull=True)

    def for_user(self, user):
        from wilayah.models import Kecamatan

        return self.filter(kegiatan__kecamatan__in=Kecamatan.objects.for_user(user))


def ada_bukti_aktif(*, negate=False):
    """Whether the outer kegiatan has a live bukti (or, negated, has none), as a boolean expression.

    A scalar subquery probed once per kegiatan through the bukti (kegiatan_id) index, not an
    EXISTS: PostgreSQL plans an EXISTS that is not a top-level join condition (in SELECT, CASE or
    OR) as a hashed subplan that reads every bukti of every kecamatan, so a kecamatan's page
    would slow down with the size of the whole country's table.
    """
    pertama = BuktiPendukung.objects.aktif().filter(kegiatan=OuterRef("pk")).order_by().values("pk")[:1]
    return IsNull(Subquery(pertama), negate)


class KegiatanQuerySet(models.QuerySet):
    def for_user(self, user):
        from wilayah.models import Kecamatan

        return self.filter(kecamatan__in=Kecamatan.objects.for_user(user))

    def with_tindak_lanjut(self, as_of):
        """Annotate ``ditindaklanjuti`` (docs/DESIGN.md §2.2), ``output_tercatat`` and ``ada_bukti`` as of ``as_of``.

        Mirrors ``kecamatan.tindak_lanjut.is_ditindaklanjuti`` and ``output_tercatat``; a test keeps them in step.
        """
        output_q = Q(tanggal_output__lte=as_of) & ~Q(output="")
        return self.annotate(
            ada_bukti=ada_bukti_aktif(),
            output_tercatat=Case(
                When(output_q, then=Value(True)), default=Value(False), output_field=models.BooleanField()
            ),
            ditindaklanjuti=Case(
                When(
                    Q(status=Kegiatan.Status.DILAKSANAKAN) & output_q & Q(ada_bukti_aktif()),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=models.BooleanField(),
            ),
        )

    def with_jumlah_bukti(self):
        # A subquery rather than a join, so other annotations and pagination counts stay exact.
        jumlah = (
            BuktiPendukung.objects.aktif()
            .filter(kegiatan=OuterRef("pk"))
            .order_by()
            .values("kegiatan")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(jumlah_bukti=Coalesce(Subquery(jumlah, output_field=IntegerField()), 0))

    def perlu_tindak_lanjut(self, as_of):
        """Carried out by ``as_of`` but still lacking an output (dated by then) or a bukti."""
        # The negation of the rule spelled out, not a filter on the CASE annotation, so that each
        # part can use its index.
        return (
            self.with_tindak_lanjut(as_of)
            .filter(status=Kegiatan.Status.DILAKSANAKAN, tanggal__lte=as_of)
            .filter(
                Q(output="")
                | Q(tanggal_output__isnull=True)
                | Q(tanggal_output__gt=as_of)
                | Q(ada_bukti_aktif(negate=True))
            )
        )


class Kegiatan(models.Model):
    """One occurrence of an uraian aktivitas; keeps the catalogue text it was logged with."""

    class Status(models.TextChoices):
        RENCANA = "rencana", "Rencana"
        DILAKSANAKAN = "dilaksanakan", "Dilaksanakan"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.PROTECT, related_name="kegiatan")
    uraian = models.ForeignKey(
        UraianAktivitas, on_delete=models.PROTECT, related_name="kegiatan", verbose_name="uraian aktivitas"
    )
    # Snapshot of the catalogue at creation: editing the catalogue never rewrites a past kegiatan.
    kategori = models.CharField("kategori", max_length=20, choices=Kategori.choices, editable=False)
    jenis_nomor = models.PositiveSmallIntegerField("nomor jenis", editable=False)
    jenis_nama = models.TextField("jenis kegiatan", editable=False)
    uraian_nomor = models.PositiveSmallIntegerField("nomor uraian", editable=False)
    uraian_teks = models.TextField("uraian aktivitas (teks)", editable=False)
    output_diharapkan = models.TextField("output yang diharapkan", editable=False)

    tanggal = models.DateField("tanggal kegiatan", db_index=True)
    seksi = models.ForeignKey(
        "kecamatan.Seksi", on_delete=models.SET_NULL, null=True, blank=True, related_name="kegiatan"
    )
    desa = models.ManyToManyField(
        "wilayah.Desa", blank=True, related_name="kegiatan", verbose_name="desa/kelurahan yang terlibat"
    )
    keterangan = models.TextField("keterangan kegiatan", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DILAKSANAKAN)
    output = models.TextField("output", blank=True)
    tanggal_output = models.DateField("tanggal output", null=True, blank=True)

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan_dibuat",
        verbose_name="dibuat oleh",
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    # Optimistic locking: every write checks the version it was read at (services.kegiatan_update).
    versi = models.PositiveIntegerField("versi", default=1, editable=False)

    objects = KegiatanQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[desa])

    class Meta:
        ordering = ["-tanggal", "-pk"]
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        indexes = [models.Index(fields=["kecamatan", "tanggal"], name="kegiatan_kecamatan_tanggal")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(output="", tanggal_output__isnull=True) | (~Q(output="") & Q(tanggal_output__isnull=False))
                ),
                name="kegiatan_output_dan_tanggal_bersama",
            ),
        ]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.uraian_teks}"

    def snapshot_katalog(self, uraian: UraianAktivitas) -> None:
        """Copy the catalogue texts of ``uraian`` into this kegiatan."""
        self.uraian = uraian
        self.kategori = uraian.jenis.kategori
        self.jenis_nomor = uraian.jenis.nomor
        self.jenis_nama = uraian.jenis.nama
        self.uraian_nomor = uraian.nomor
        self.uraian_teks = uraian.teks
        self.output_diharapkan = uraian.output_lengkap

    @property
    def ada_output(self) -> bool:
        return bool(self.output.strip()) and self.tanggal_output is not None

    @property
    def nomor_katalog(self) -> str:
        return f"{self.jenis_nomor}.{self.uraian_nomor}"


class BuktiPendukung(models.Model):
    """A document behind a kegiatan's follow-up; an empty ``berkas`` is "tanpa berkas" and still counts."""

    BERKAS_PREFIX = "bukti"

    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="bukti")
    jenis = models.ForeignKey(
        JenisBukti, on_delete=models.PROTECT, related_name="bukti", verbose_name="jenis bukti pendukung"
    )
    nomor = models.CharField("nomor dokumen", max_length=150, blank=True)
    tanggal = models.DateField("tanggal dokumen")
    berkas = models.FileField("berkas pindaian", upload_to=upload_to_generated, max_length=255, blank=True)
    nama_berkas_asli = models.CharField("nama berkas asli", max_length=255, blank=True)
    content_type = models.CharField("jenis isi berkas", max_length=100, blank=True)
    ukuran = models.PositiveIntegerField("ukuran (bita)", null=True, blank=True)

    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bukti_diunggah",
        verbose_name="diunggah oleh",
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)
    dihapus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bukti_dihapus",
        verbose_name="dihapus oleh",
    )
    dihapus_pada = models.DateTimeField("dihapus pada", null=True, blank=True)

    objects = BuktiPendukungQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["tanggal", "pk"]
        verbose_name = "bukti pendukung"
        verbose_name_plural = "bukti pendukung"

    def __str__(self):
        nomor = f" {self.nomor}" if self.nomor else ""
        return f"{self.jenis}{nomor} ({self.tanggal:%d-%m-%Y})"

    @property
    def tanpa_berkas(self) -> bool:
        return not self.berkas

    @property
    def dihapus(self) -> bool:
        return self.dihapus_pada is not None

    @property
    def extension(self) -> str:
        return self.berkas.name.rsplit(".", 1)[-1] if self.berkas else ""

    @property
    def bisa_pratinjau(self) -> bool:
        from kecamatan.berkas import INLINE_TYPES

        return bool(self.berkas) and self.content_type in INLINE_TYPES

    @property
    def is_gambar(self) -> bool:
        return self.content_type in ("image/jpeg", "image/png")
