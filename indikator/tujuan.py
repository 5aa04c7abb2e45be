"""The tujuan indicator of a period (docs/DESIGN.md §2.6).

Where the IKU document in force names the Nilai Indeks Kepuasan Masyarakat (or
no document names anything else), the value is the IKM computed from the SKM
answers of the period. A kecamatan whose document names another tujuan
indicator (Lumajang: Indeks Pelayanan Publik, on its own scale) keeps the value
its pimpinan entered for the year, and the source says so.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from indikator.models import DokumenIKU, NilaiIndikatorTujuan
from indikator.serializers import angka
from indikator.tembolok import tersimpan
from kecamatan.periode import Periode
from skm.calculations import HasilSKM
from skm.selectors import ikm_per_kecamatan, skm_compute

SUMBER_SKM = "skm"
SUMBER_ISIAN = "isian"
NAMA_IKM = "Nilai Indeks Kepuasan Masyarakat"


def diukur_dengan_skm(indikator_tujuan: str) -> bool:
    return not indikator_tujuan.strip() or "kepuasan masyarakat" in indikator_tujuan.lower()


@dataclass
class Tujuan:
    indikator: str
    sumber: str
    nilai: Decimal | None
    mutu: str | None = None
    kinerja: str | None = None
    responden: int | None = None
    tahun_isian: int | None = None
    keterangan: str = ""
    skm: HasilSKM | None = None

    @property
    def dari_skm(self) -> bool:
        return self.sumber == SUMBER_SKM

    @property
    def sumber_label(self) -> str:
        if self.dari_skm:
            return f"dihitung dari {self.responden} responden Survei Kepuasan Masyarakat"
        if self.nilai is None:
            return "diisi oleh pimpinan (belum diisi)"
        return f"diisi oleh pimpinan untuk tahun {self.tahun_isian}" + (
            f" ({self.keterangan})" if self.keterangan else ""
        )

    def to_dict(self) -> dict:
        return {
            "indikator": self.indikator,
            "nilai": angka(self.nilai),
            "mutu": self.mutu,
            "responden": self.responden,
            "sumber": self.sumber,
        }


def _dari_skm(indikator: str, hasil: HasilSKM | None) -> Tujuan:
    if hasil is None or hasil.ikm is None:
        return Tujuan(indikator=indikator, sumber=SUMBER_SKM, nilai=None, responden=0, skm=hasil)
    return Tujuan(
        indikator=indikator,
        sumber=SUMBER_SKM,
        nilai=hasil.ikm_tampil,
        mutu=hasil.mutu,
        kinerja=hasil.kinerja,
        responden=hasil.responden,
        skm=hasil,
    )


def _dari_isian(indikator: str, isian: NilaiIndikatorTujuan | None) -> Tujuan:
    if isian is None:
        return Tujuan(indikator=indikator, sumber=SUMBER_ISIAN, nilai=None)
    return Tujuan(
        indikator=indikator,
        sumber=SUMBER_ISIAN,
        nilai=isian.nilai,
        tahun_isian=isian.tahun,
        keterangan=isian.keterangan,
    )


def _sampai(periode: Periode, as_of: datetime.date | None) -> datetime.date:
    """The last day whose SKM answers count: a figure computed as of a day sees nothing after it."""
    return periode.selesai if as_of is None else min(periode.selesai, as_of)


def tujuan_compute(
    *, kecamatan, periode: Periode, dokumen: DokumenIKU | None, as_of: datetime.date | None = None
) -> Tujuan:
    """One kecamatan's tujuan for the period, with the SKM detail (unsur, answers per grade) when measured by it."""
    indikator = (dokumen.indikator_tujuan if dokumen else "") or NAMA_IKM
    if diukur_dengan_skm(indikator):
        laporan = skm_compute(kecamatan=kecamatan, mulai=periode.mulai, selesai=_sampai(periode, as_of))
        return _dari_skm(indikator, laporan.hasil)
    isian = NilaiIndikatorTujuan.objects.filter(kecamatan=kecamatan, tahun=periode.tahun).first()
    return _dari_isian(indikator, isian)


def _dokumen_berlaku(kecamatan_ids, tanggal: datetime.date) -> dict[int, DokumenIKU]:
    """The document in force on ``tanggal`` per kecamatan in one query.

    Exactly the rule of ``DokumenIKUQuerySet.in_force_on`` (the kecamatan dashboard and the Laporan use it),
    so the kabupaten dashboard never names another document than the kecamatan's own page.
    """
    berlaku = {}
    for d in DokumenIKU.objects.filter(kecamatan_id__in=kecamatan_ids):
        kunci = (d.mulai_berlaku, d.pk)
        if kunci[0] > tanggal:
            continue
        lama = berlaku.get(d.kecamatan_id)
        if lama is None or kunci > lama[0]:
            berlaku[d.kecamatan_id] = (kunci, d)
    return {k: d for k, (_, d) in berlaku.items()}


def tujuan_per_kecamatan(*, kecamatan_ids, periode: Periode, as_of: datetime.date | None = None) -> dict[int, Tujuan]:
    """The tujuan of many kecamatan in a fixed number of queries (the kabupaten dashboard and recap)."""
    ids = list(kecamatan_ids)
    dokumen = _dokumen_berlaku(ids, periode.selesai)
    skm = ikm_per_kecamatan(kecamatan_qs=ids, mulai=periode.mulai, selesai=_sampai(periode, as_of))
    isian = {n.kecamatan_id: n for n in NilaiIndikatorTujuan.objects.filter(kecamatan_id__in=ids, tahun=periode.tahun)}
    hasil = {}
    for pk in ids:
        indikator = (dokumen[pk].indikator_tujuan if pk in dokumen else "") or NAMA_IKM
        if diukur_dengan_skm(indikator):
            hasil[pk] = _dari_skm(indikator, skm.get(pk))
        else:
            hasil[pk] = _dari_isian(indikator, isian.get(pk))
    return hasil


def tujuan_per_kecamatan_tersimpan(*, kecamatan_qs, periode: Periode, as_of: datetime.date | None = None):
    """``tujuan_per_kecamatan`` of the set, from the cache while none of its kecamatan was written
    (SKM answers, IKU documents and the pimpinan's values all bump the data version)."""
    return tersimpan(
        "tujuan",
        kecamatan_qs=kecamatan_qs,
        argumen=(periode, as_of),
        hitung=lambda: tujuan_per_kecamatan(
            kecamatan_ids=list(kecamatan_qs.values_list("pk", flat=True)), periode=periode, as_of=as_of
        ),
    )
