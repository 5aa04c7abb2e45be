"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): the questionnaire, the services and the answers.

The questionnaire wording is versioned: a Responden points to the Kuesioner
version it answered, so editing the wording later never changes what an old
answer meant. The nine unsur and the mutu intervals are data (a migration), so
a new regulation is a data change.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

NILAI_JAWABAN = [MinValueValidator(1), MaxValueValidator(4)]
JUMLAH_UNSUR = 9


class Unsur(models.Model):
    kode = models.CharField("kode", max_length=3, unique=True, help_text="U1 sampai U9.")
    nama = models.CharField("nama unsur", max_length=100)
    urutan = models.PositiveSmallIntegerField("urutan", unique=True)

    class Meta:
        ordering = ["urutan"]
        verbose_name = "unsur pelayanan"
        verbose_name_plural = "unsur pelayanan"

    def __str__(self):
        return f"{self.kode} {self.nama}"


class IntervalMutu(models.Model):
    """One band of the IKM scale: mutu and kinerja for an IKM (rounded to 2 decimals) in [batas_bawah, batas_atas]."""

    mutu = models.CharField("mutu pelayanan", max_length=1, unique=True)
    kinerja = models.CharField("kinerja unit pelayanan", max_length=30)
    batas_bawah = models.DecimalField("batas bawah IKM", max_digits=5, decimal_places=2)
    batas_atas = models.DecimalField("batas atas IKM", max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-batas_bawah"]
        verbose_name = "interval mutu"
        verbose_name_plural = "interval mutu"
        constraints = [
            models.CheckConstraint(condition=Q(batas_atas__gte=models.F("batas_bawah")), name="interval_mutu_urut"),
        ]

    def __str__(self):
        return f"{self.mutu} ({self.kinerja}) {self.batas_bawah}–{self.batas_atas}"


class Kuesioner(models.Model):
    """A version of the questionnaire's wording; answers keep the version they were given on."""

    versi = models.PositiveSmallIntegerField("versi", unique=True)
    berlaku_mulai = models.DateField("berlaku mulai")
    keterangan = models.CharField("keterangan", max_length=250, blank=True)

    class Meta:
        ordering = ["-versi"]
        verbose_name = "kuesioner"
        verbose_name_plural = "kuesioner"

    def __str__(self):
        return f"Kuesioner versi {self.versi}"


class Pertanyaan(models.Model):
    kuesioner = models.ForeignKey(Kuesioner, on_delete=models.CASCADE, related_name="pertanyaan")
    unsur = models.ForeignKey(Unsur, on_delete=models.PROTECT, related_name="pertanyaan")
    teks = models.CharField("pertanyaan", max_length=300)
    jawaban_1 = models.CharField("jawaban bernilai 1", max_length=100)
    jawaban_2 = models.CharField("jawaban bernilai 2", max_length=100)
    jawaban_3 = models.CharField("jawaban bernilai 3", max_length=100)
    jawaban_4 = models.CharField("jawaban bernilai 4", max_length=100)

    class Meta:
        ordering = ["kuesioner", "unsur__urutan"]
        verbose_name = "pertanyaan"
        verbose_name_plural = "pertanyaan"
        constraints = [
            models.UniqueConstraint(fields=["kuesioner", "unsur"], name="pertanyaan_unik_per_unsur"),
        ]

    def __str__(self):
        return f"{self.unsur.kode}: {self.teks}"

    @property
    def pilihan(self) -> list[tuple[int, str]]:
        return [(1, self.jawaban_1), (2, self.jawaban_2), (3, self.jawaban_3), (4, self.jawaban_4)]


class JenisLayanan(models.Model):
    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="jenis_layanan_skm")
    nama = models.CharField("nama layanan", max_length=150)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        ordering = ["kecamatan", "urutan", "nama"]
        verbose_name = "jenis layanan"
        verbose_name_plural = "jenis layanan"
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "nama"], name="jenis_layanan_unik_per_kecamatan"),
        ]

    def __str__(self):
        return self.nama


class PenggunaLayanan(models.Model):
    """The number of service users in a year: the population the minimum sample is taken from."""

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="pengguna_layanan_skm")
    tahun = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    jumlah = models.PositiveIntegerField("jumlah pengguna layanan")

    class Meta:
        ordering = ["kecamatan", "-tahun"]
        verbose_name = "jumlah pengguna layanan"
        verbose_name_plural = "jumlah pengguna layanan"
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "tahun"], name="pengguna_layanan_unik_per_tahun"),
        ]

    def __str__(self):
        return f"{self.kecamatan} {self.tahun}: {self.jumlah}"


class RespondenQuerySet(models.QuerySet):
    def for_user(self, user):
        from wilayah.models import Kecamatan

        return self.filter(kecamatan__in=Kecamatan.objects.for_user(user))

    def dalam(self, mulai, selesai):
        return self.filter(tanggal__gte=mulai, tanggal__lte=selesai)


class Responden(models.Model):
    """One filled questionnaire. Nothing personal: no name, NIK or phone number is ever asked."""

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", "Laki-laki"
        PEREMPUAN = "P", "Perempuan"

    class Pendidikan(models.TextChoices):
        SD = "sd", "SD ke bawah"
        SMP = "smp", "SMP"
        SMA = "sma", "SMA/SMK"
        DIPLOMA = "diploma", "D1–D3"
        S1 = "s1", "D4/S1"
        S2 = "s2", "S2 ke atas"

    class Pekerjaan(models.TextChoices):
        PNS = "pns", "PNS/ASN"
        TNI_POLRI = "tni_polri", "TNI/Polri"
        SWASTA = "swasta", "Pegawai swasta"
        WIRAUSAHA = "wirausaha", "Wirausaha"
        PETANI = "petani", "Petani/nelayan"
        PELAJAR = "pelajar", "Pelajar/mahasiswa"
        LAINNYA = "lainnya", "Lainnya"

    class Sumber(models.TextChoices):
        DARING = "daring", "Formulir daring"
        KERTAS = "kertas", "Kuesioner kertas"
        IMPOR = "impor", "Impor workbook"

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.PROTECT, related_name="responden_skm")
    kuesioner = models.ForeignKey(Kuesioner, on_delete=models.PROTECT, related_name="responden")
    jenis_layanan = models.ForeignKey(JenisLayanan, on_delete=models.PROTECT, related_name="responden")
    tanggal = models.DateField("tanggal survei")
    usia = models.PositiveSmallIntegerField("usia", validators=[MinValueValidator(10), MaxValueValidator(120)])
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin.choices)
    pendidikan = models.CharField("pendidikan", max_length=10, choices=Pendidikan.choices)
    pekerjaan = models.CharField("pekerjaan", max_length=10, choices=Pekerjaan.choices)
    u1 = models.PositiveSmallIntegerField("U1", validators=NILAI_JAWABAN)
    u2 = models.PositiveSmallIntegerField("U2", validators=NILAI_JAWABAN)
    u3 = models.PositiveSmallIntegerField("U3", validators=NILAI_JAWABAN)
    u4 = models.PositiveSmallIntegerField("U4", validators=NILAI_JAWABAN)
    u5 = models.PositiveSmallIntegerField("U5", validators=NILAI_JAWABAN)
    u6 = models.PositiveSmallIntegerField("U6", validators=NILAI_JAWABAN)
    u7 = models.PositiveSmallIntegerField("U7", validators=NILAI_JAWABAN)
    u8 = models.PositiveSmallIntegerField("U8", validators=NILAI_JAWABAN)
    u9 = models.PositiveSmallIntegerField("U9", validators=NILAI_JAWABAN)
    saran = models.TextField("saran", blank=True, max_length=1000)
    sumber = models.CharField("sumber", max_length=10, choices=Sumber.choices, default=Sumber.DARING)
    # A row imported from a workbook: its content and its rank among identical rows of the file,
    # so importing the same file again adds nothing.
    kunci_impor = models.CharField("kunci impor", max_length=80, blank=True, editable=False)
    dicatat_pada = models.DateTimeField("dicatat pada", auto_now_add=True)

    objects = RespondenQuerySet.as_manager()

    class Meta:
        ordering = ["kecamatan", "-tanggal", "-pk"]
        verbose_name = "responden"
        verbose_name_plural = "responden"
        indexes = [models.Index(fields=["kecamatan", "tanggal"], name="responden_kecamatan_tanggal")]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    u1__gte=1, u1__lte=4, u2__gte=1, u2__lte=4, u3__gte=1, u3__lte=4,
                    u4__gte=1, u4__lte=4, u5__gte=1, u5__lte=4, u6__gte=1, u6__lte=4,
                    u7__gte=1, u7__lte=4, u8__gte=1, u8__lte=4, u9__gte=1, u9__lte=4,
                ),
                name="responden_jawaban_1_sampai_4",
            ),
            models.UniqueConstraint(
                fields=["kecamatan", "kunci_impor"], condition=~Q(kunci_impor=""), name="responden_impor_sekali",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"Responden {self.pk} {self.kecamatan} {self.tanggal}"

    @property
    def nilai(self) -> tuple[int, ...]:
        return tuple(getattr(self, f"u{i}") for i in range(1, JUMLAH_UNSUR + 1))


class RencanaTindakLanjutQuerySet(models.QuerySet):
    def for_user(self, user):
        from wilayah.models import Kecamatan

        return self.filter(kecamatan__in=Kecamatan.objects.for_user(user))


class RencanaTindakLanjut(models.Model):
    """What the kecamatan will do about a weak unsur of a survey period, written by the kasi."""

    kecamatan = models.ForeignKey("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="rtl_skm")
    periode_mulai = models.DateField("awal periode")
    periode_selesai = models.DateField("akhir periode")
    unsur = models.ForeignKey(Unsur, on_delete=models.PROTECT, related_name="rencana_tindak_lanjut")
    rencana = models.TextField("rencana tindak lanjut", max_length=2000)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=150)
    target_waktu = models.CharField("target waktu", max_length=100, help_text="Misalnya: Triwulan III 2026.")
    ditulis_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ditulis oleh",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    objects = RencanaTindakLanjutQuerySet.as_manager()

    class Meta:
        ordering = ["kecamatan", "-periode_selesai", "unsur__urutan"]
        verbose_name = "rencana tindak lanjut SKM"
        verbose_name_plural = "rencana tindak lanjut SKM"
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "periode_mulai", "periode_selesai", "unsur"], name="rtl_skm_unik_per_unsur"
            ),
        ]

    def __str__(self):
        return f"RTL {self.unsur.kode} {self.kecamatan} {self.periode_mulai}–{self.periode_selesai}"
