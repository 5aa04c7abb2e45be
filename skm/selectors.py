"""Reads for the SKM: the inputs of ``skm.calculations`` loaded in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum

from skm.calculations import (
    HasilSKM,
    Interval,
    Jawaban,
    Kecukupan,
    NilaiUnsur,
    UnsurInfo,
    hitung_per_kelompok,
    hitung_skm,
    ikm_from_sums,
    kecukupan_sampel,
    kelompok_usia,
    mutu_for,
    unsur_lemah,
)
from skm.models import (
    JUMLAH_UNSUR,
    IntervalMutu,
    Kuesioner,
    PenggunaLayanan,
    RencanaTindakLanjut,
    Responden,
    Unsur,
)

KOLOM_NILAI = [f"u{i}" for i in range(1, JUMLAH_UNSUR + 1)]


def referensi_load() -> tuple[list[UnsurInfo], list[Interval]]:
    unsur = [UnsurInfo(kode=u.kode, nama=u.nama) for u in Unsur.objects.order_by("urutan")]
    interval = [
        Interval(mutu=i.mutu, kinerja=i.kinerja, batas_bawah=i.batas_bawah, batas_atas=i.batas_atas)
        for i in IntervalMutu.objects.all()
    ]
    return unsur, interval


def kuesioner_berlaku(tanggal: datetime.date) -> Kuesioner | None:
    """The newest complete questionnaire version in force on ``tanggal``.

    A version still being written (fewer than the nine unsur) is not offered: the form and the
    answer page need a question for every unsur.
    """
    return (
        Kuesioner.objects.filter(berlaku_mulai__lte=tanggal)
        .annotate(jumlah_unsur=Count("pertanyaan__unsur", distinct=True))
        .filter(jumlah_unsur=JUMLAH_UNSUR)
        .order_by("-versi")
        .first()
    )


@dataclass
class LaporanSKM:
    """Everything the pages, the command and the reports show for one kecamatan and period."""

    kecamatan: object
    mulai: datetime.date
    selesai: datetime.date
    hasil: HasilSKM
    per_layanan: dict[str, HasilSKM]
    per_jenis_kelamin: dict[str, HasilSKM]
    per_pendidikan: dict[str, HasilSKM]
    per_pekerjaan: dict[str, HasilSKM]
    per_usia: dict[str, HasilSKM]
    kecukupan: Kecukupan | None
    lemah: list[NilaiUnsur]
    rtl: dict[str, RencanaTindakLanjut]

    @property
    def lemah_dengan_rtl(self) -> list[tuple[NilaiUnsur, RencanaTindakLanjut | None]]:
        return [(u, self.rtl.get(u.kode)) for u in self.lemah]


def skm_compute(*, kecamatan, mulai: datetime.date, selesai: datetime.date) -> LaporanSKM:
    """The SKM of one kecamatan over [mulai, selesai]: five queries whatever the number of answers."""
    unsur, interval = referensi_load()
    rows = (
        Responden.objects.filter(kecamatan=kecamatan)
        .dalam(mulai, selesai)
        .order_by("tanggal", "pk")
        .values_list(
            "tanggal", "jenis_layanan__nama", "usia", "jenis_kelamin", "pendidikan", "pekerjaan", "saran", *KOLOM_NILAI
        )
    )
    jawaban, saran = [], []
    for tanggal, layanan, usia, jk, pendidikan, pekerjaan, teks, *nilai in rows:
        jawaban.append(Jawaban(tanggal, layanan, usia, jk, pendidikan, pekerjaan, tuple(nilai)))
        if teks.strip():
            saran.append(teks.strip())
    hasil = hitung_skm(jawaban, unsur=unsur, interval=interval, saran=saran)
    kw = {"unsur": unsur, "interval": interval}
    label_jk = dict(Responden.JenisKelamin.choices)
    label_pendidikan = dict(Responden.Pendidikan.choices)
    label_pekerjaan = dict(Responden.Pekerjaan.choices)
    # A population is entered per year; it sizes the sample of a period inside that year.
    populasi = (
        PenggunaLayanan.objects.filter(kecamatan=kecamatan, tahun=selesai.year).values_list("jumlah", flat=True).first()
    )
    return LaporanSKM(
        kecamatan=kecamatan,
        mulai=mulai,
        selesai=selesai,
        hasil=hasil,
        per_layanan=hitung_per_kelompok(jawaban, lambda j: j.jenis_layanan, **kw),
        per_jenis_kelamin=hitung_per_kelompok(jawaban, lambda j: label_jk[j.jenis_kelamin], **kw),
        per_pendidikan=hitung_per_kelompok(jawaban, lambda j: label_pendidikan[j.pendidikan], **kw),
        per_pekerjaan=hitung_per_kelompok(jawaban, lambda j: label_pekerjaan[j.pekerjaan], **kw),
        per_usia=hitung_per_kelompok(jawaban, lambda j: kelompok_usia(j.usia), **kw),
        kecukupan=kecukupan_sampel(populasi=populasi, responden=hasil.responden) if populasi else None,
        lemah=unsur_lemah(hasil, interval),
        rtl={
            r.unsur.kode: r
            for r in RencanaTindakLanjut.objects.filter(
                kecamatan=kecamatan, periode_mulai=mulai, periode_selesai=selesai
            ).select_related("unsur")
        },
    )


def ikm_per_kecamatan(*, kecamatan_qs, mulai: datetime.date, selesai: datetime.date) -> dict[int, HasilSKM]:
    """IKM of every kecamatan in ``kecamatan_qs`` from one grouped query (plus the reference data).

    Kecamatan without a respondent are absent: they have no value.
    """
    unsur, interval = referensi_load()
    rows = (
        Responden.objects.filter(kecamatan__in=kecamatan_qs)
        .dalam(mulai, selesai)
        .values("kecamatan_id")
        .annotate(n=Count("pk"), **{f"s_{k}": Sum(k) for k in KOLOM_NILAI})
        .order_by()
    )
    hasil = {}
    for row in rows:
        jumlah = [row[f"s_{k}"] for k in KOLOM_NILAI]
        ikm = ikm_from_sums(responden=row["n"], jumlah=jumlah)
        hasil[row["kecamatan_id"]] = HasilSKM(
            responden=row["n"],
            unsur=[
                NilaiUnsur(kode=u.kode, nama=u.nama, responden=row["n"], jumlah=s, per_nilai={})
                for u, s in zip(unsur, jumlah, strict=True)
            ],
            ikm=ikm,
            interval=mutu_for(ikm, interval),
        )
    return hasil
