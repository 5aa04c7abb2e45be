"""Both IKU computed from plain facts, without the ORM and without the clock (docs/DESIGN.md §2.2–2.4).

``indikator.fetch`` loads the facts once into the dataclasses below; these
functions turn them into results that the dashboard, the reports, the JSON
output and the command line all read. The as-of date is always an argument.
"""

import datetime
import gc
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from desa.tenggat import DokumenWajib, JenisDokumen, StatusDokumen, dokumen_wajib_periode, status_dokumen
from kecamatan.models.katalog import Kategori
from kecamatan.periode import Periode
from kecamatan.tindak_lanjut import STATUS_DILAKSANAKAN, is_ditindaklanjuti

SERATUS = Decimal(100)
DUA_DESIMAL = Decimal("0.01")


def persen(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    """numerator / denominator × 100, rounded half up to two places; ``None`` when nothing is counted."""
    if not denominator:
        return None
    return (Decimal(numerator) * SERATUS / Decimal(denominator)).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def capaian(numerator: int, denominator: int, target: Decimal | None) -> Decimal | None:
    """realisasi ÷ target × 100 (both "higher is better"), from the exact realisasi and rounded once
    (docs/DESIGN.md §2.4): 11/61 against 50 is 36,07, not round(18,03 ÷ 50) = 36,06. No value without a
    realisasi (zero denominator) or without a target, or with a zero target."""
    if not denominator or not target:
        return None
    # realisasi = n/d × 100; capaian = realisasi / target × 100 = n × 10 000 / (d × target), as a
    # fraction so that nothing is rounded before the one half-up rounding to two places.
    exact = Fraction(numerator) * 10_000 / (Fraction(denominator) * Fraction(target))
    sen = math.floor(exact * 100 + Fraction(1, 2))
    return (Decimal(sen) / SERATUS).quantize(DUA_DESIMAL)


# ---------------------------------------------------------------- facts


# The two per-row facts are NamedTuples: as immutable as a frozen dataclass, and about four
# times quicker to build for the tens of thousands of rows of a kabupaten roll-up.
class KegiatanFakta(NamedTuple):
    id: int
    kecamatan_id: int
    kategori: str
    tanggal: datetime.date
    status: str
    output: str
    tanggal_output: datetime.date | None
    # Loaded as "has at least one live bukti" (0/1): only "> 0" matters to the rule.
    jumlah_bukti_aktif: int
    seksi_id: int | None = None


# NamedTuples, like the per-row facts: quicker to build than dataclasses for the desa of a kabupaten and
# the cells of a Laporan (a roll-up counts documents in SQL and builds no cell: ``RincianDokumen``).
class DesaFakta(NamedTuple):
    id: int
    kecamatan_id: int
    kode: str
    nama: str


class DokumenDesaFakta(NamedTuple):
    desa_id: int
    jenis: str
    tahun_anggaran: int
    tanggal: datetime.date | None
    nomor: str


@dataclass(frozen=True)
class KecamatanFakta:
    id: int
    kode: str
    nama: str


@dataclass
class Fakta:
    """Everything the computation needs for a set of kecamatan."""

    kecamatan: list[KecamatanFakta]
    kegiatan: list[KegiatanFakta]
    desa: list[DesaFakta]
    dokumen: list[DokumenDesaFakta]
    target: dict[tuple[int, str, int], Decimal]  # (kecamatan_id, indikator, tahun) → target
    # Instead of ``kegiatan``, IKU 1 already counted by the database (``indikator.fetch.fakta_load``
    # with ``agregat=True``): one row per group, ``periode_list`` naming the periods of its buckets.
    kegiatan_agregat: "list[KegiatanAgregat] | None" = None
    periode_list: list[Periode] = field(default_factory=list)
    # Instead of ``desa`` and ``dokumen``, IKU 2 already counted by the database: kecamatan id → counts.
    dokumen_agregat: "dict[int, DokumenAgregat] | None" = None


class KegiatanAgregat(NamedTuple):
    """Counted kegiatan of one kecamatan grouped in SQL: ``kelompok`` is period index × 100 + the index
    of the triwulan in that period, ``jumlah`` how many and ``selesai`` how many of them are followed up
    (the same rule as ``is_ditindaklanjuti``)."""

    kecamatan_id: int
    kelompok: int
    kategori: str
    seksi_id: int | None
    selesai: int
    jumlah: int


class DokumenAgregat(NamedTuple):
    """The desa (never a kelurahan) of one kecamatan and their documents, counted in SQL: (jenis, tahun
    anggaran) → (desa whose document is dated on or before both its deadline and the as-of date, desa
    whose document is dated after its deadline but on or before the as-of date)."""

    jumlah_desa: int
    hitungan: dict[tuple[str, int], tuple[int, int]]


# ---------------------------------------------------------------- results


class Rasio(NamedTuple):
    """A ratio (a NamedTuple: some 70,000 of them in a cached national roll-up, read back quickly)."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        return persen(self.numerator, self.denominator)


@dataclass(frozen=True)
class SumberDaftar:
    """Where the lists of counted kegiatan come from when the figures were aggregated in SQL: the
    lists are loaded (``indikator.fetch.daftar_kegiatan_load``) only by what lists them."""

    kecamatan_id: int
    periode: Periode
    as_of: datetime.date


@dataclass
class HasilIKU1:
    numerator: int
    denominator: int
    target: Decimal | None
    per_kategori: dict[str, Rasio]
    per_triwulan: list[tuple[Periode, Rasio]]
    # seksi id (None: kegiatan logged without a seksi) → its share; the seeds name every seksi as the
    # data source of IKU 1, so a camat sees which one lags.
    per_seksi: dict[int | None, Rasio] = field(default_factory=dict)
    # (counted ids ordered by date and id, followed-up ids): computed with the figures by ``hitung_iku1``;
    # left None by the SQL aggregate (the dashboards, roll-ups and the cache never read them) and loaded
    # on first use from ``sumber``. Not compared: both paths give the same lists.
    daftar: tuple[list[int], list[int]] | None = field(default=None, compare=False, repr=False)
    sumber: SumberDaftar | None = field(default=None, compare=False, repr=False)

    def _daftar(self) -> tuple[list[int], list[int]]:
        if self.daftar is None:
            from indikator.fetch import daftar_kegiatan_load  # the one lazy read; fetch imports this module

            self.daftar = daftar_kegiatan_load(self.sumber)
        return self.daftar

    @property
    def kegiatan_dihitung(self) -> list[int]:
        return self._daftar()[0]

    @property
    def kegiatan_ditindaklanjuti(self) -> list[int]:
        return self._daftar()[1]

    def __getstate__(self):
        # The cache keeps the figures; the lists, once loaded, stay out of it (they are the bulk).
        state = dict(self.__dict__)
        if self.sumber is not None:
            state["daftar"] = None
        return state

    @property
    def belum_ditindaklanjuti(self) -> int:
        """How many counted kegiatan are not followed up, without loading their lists."""
        return self.denominator - self.numerator

    @property
    def percent(self):
        return persen(self.numerator, self.denominator)

    @property
    def capaian(self):
        return capaian(self.numerator, self.denominator, self.target)

    @property
    def kegiatan_belum_ditindaklanjuti(self) -> list[int]:
        done = set(self.kegiatan_ditindaklanjuti)
        return [pk for pk in self.kegiatan_dihitung if pk not in done]


class SelDokumen(NamedTuple):
    desa: DesaFakta
    status: StatusDokumen
    tanggal: datetime.date | None
    nomor: str


# The order of a RincianDokumen's counts.
URUTAN_STATUS = (
    StatusDokumen.TEPAT_WAKTU,
    StatusDokumen.TERLAMBAT,
    StatusDokumen.BELUM_ADA,
    StatusDokumen.BELUM_JATUH_TEMPO,
)


class SumberSel:
    """Where the cells of one kecamatan's IKU 2 come from when only their counts were computed (in SQL,
    ``indikator.fetch.fakta_load`` with ``agregat=True``, or read back from the cache): loaded once, for
    every document of the period, by the first ``RincianDokumen.sel`` read (``indikator.fetch.sel_dokumen_load``)."""

    __slots__ = ("kecamatan_id", "periode", "as_of", "basis", "_sel")

    def __init__(self, *, kecamatan_id: int, periode: Periode, as_of: datetime.date, basis: str):
        self.kecamatan_id = kecamatan_id
        self.periode = periode
        self.as_of = as_of
        self.basis = basis
        self._sel = None

    def sel(self, wajib: DokumenWajib) -> "list[SelDokumen]":
        if self._sel is None:
            from indikator.fetch import sel_dokumen_load  # the one lazy read; fetch imports this module

            self._sel = sel_dokumen_load(self)
        return self._sel[wajib.jenis, wajib.tahun_anggaran]

    def __getstate__(self):
        # The loaded cells stay out of the cache: they are the bulk of a roll-up and are loaded again.
        return (self.kecamatan_id, self.periode, self.as_of, self.basis)

    def __setstate__(self, state):
        self.kecamatan_id, self.periode, self.as_of, self.basis = state
        self._sel = None


class RincianDokumen:
    """One required document (``wajib``) across the desa of a kecamatan: how many desa have it in each
    status and, for the pages that list them, one cell (``sel``) per desa.

    The counts are all a dashboard, a roll-up or the cache needs (a national roll-up would hold some
    225,000 cells): counted in SQL on the cache's miss path, they come with a ``SumberSel`` and the cells
    load on first read; built from the cells (``hitung_iku2``), the counts are taken from them.
    """

    __slots__ = ("wajib", "_hitungan", "_sel", "_sumber")

    def __init__(
        self,
        wajib: DokumenWajib,
        sel: "list[SelDokumen] | None" = None,
        *,
        hitungan: tuple[int, int, int, int] | None = None,
        sumber: SumberSel | None = None,
    ):
        self.wajib = wajib
        self._sel = None if sel is None else list(sel)
        self._sumber = sumber
        if hitungan is None:
            jumlah = Counter(s.status for s in self._sel)
            hitungan = tuple(jumlah[status] for status in URUTAN_STATUS)
        self._hitungan = hitungan

    @classmethod
    def dari_hitungan(
        cls,
        wajib: DokumenWajib,
        *,
        jumlah_desa: int,
        tepat_waktu: int,
        terlambat: int,
        as_of: datetime.date,
        sumber: SumberSel,
    ) -> "RincianDokumen":
        """From the documents counted in SQL: a desa with neither an on-time nor a late document (dated
        on or before ``as_of``) has none yet, "belum ada" once the deadline has passed (``status_dokumen``)."""
        sisa = jumlah_desa - tepat_waktu - terlambat
        belum_ada, belum_jatuh_tempo = (sisa, 0) if as_of > wajib.tenggat else (0, sisa)
        return cls(wajib, hitungan=(tepat_waktu, terlambat, belum_ada, belum_jatuh_tempo), sumber=sumber)

    @property
    def sel(self) -> list[SelDokumen]:
        if self._sel is None:
            self._sel = self._sumber.sel(self.wajib)
        return self._sel

    def __getstate__(self):
        # Cells that can be loaded again stay out of the cache (indikator/tembolok.py).
        return (self.wajib, self._hitungan, None if self._sumber is not None else self._sel, self._sumber)

    def __setstate__(self, state):
        self.wajib, self._hitungan, self._sel, self._sumber = state

    def __eq__(self, other):
        if not isinstance(other, RincianDokumen):
            return NotImplemented
        return self.wajib == other.wajib and self._hitungan == other._hitungan and self.sel == other.sel

    __hash__ = None

    def __repr__(self):
        return f"RincianDokumen(wajib={self.wajib!r}, hitungan={self._hitungan!r})"

    def jumlah(self, status: StatusDokumen) -> int:
        return self._hitungan[URUTAN_STATUS.index(status)]

    @property
    def tepat_waktu(self):
        return self._hitungan[0]

    @property
    def terlambat(self):
        return self._hitungan[1]

    @property
    def belum_ada(self):
        return self._hitungan[2]

    @property
    def belum_jatuh_tempo(self):
        return self._hitungan[3]

    @property
    def percent(self):
        return persen(self.tepat_waktu, sum(self._hitungan))


@dataclass
class HasilIKU2:
    basis: str
    tahun: int
    jumlah_desa: int
    target: Decimal | None
    dokumen: list[RincianDokumen]

    @property
    def berlaku(self) -> bool:
        """A kecamatan without desa (only kelurahan) has no IKU 2: "tidak berlaku"."""
        return self.jumlah_desa > 0

    @property
    def numerator(self) -> int:
        return sum(r.tepat_waktu for r in self.dokumen)

    @property
    def denominator(self) -> int:
        return self.jumlah_desa * len(self.dokumen)

    @property
    def percent(self):
        return persen(self.numerator, self.denominator)

    @property
    def capaian(self):
        return capaian(self.numerator, self.denominator, self.target)

    def rincian(self, jenis: str) -> RincianDokumen | None:
        return next((r for r in self.dokumen if r.wajib.jenis == jenis), None)

    @property
    def belum_jatuh_tempo(self) -> int:
        return sum(r.belum_jatuh_tempo for r in self.dokumen)

    @property
    def berjalan(self) -> bool:
        """Some documents of the period are not yet due: the year's figure is not final yet."""
        return self.belum_jatuh_tempo > 0

    @property
    def sejauh_ini(self) -> "SejauhIni":
        return sejauh_ini_iku2(self)


@dataclass(frozen=True)
class SejauhIni:
    """IKU 2 "so far": on time ÷ the documents already due (or already in), beside the year's figure.

    The year's figure keeps desa × 3 in its denominator (the seeds' formula), so in a running
    year it counts documents that cannot be late yet; this reads them out instead.
    """

    numerator: int
    denominator: int
    belum_jatuh_tempo: int
    alasan: str  # why there is no value; "" when there is one

    @property
    def percent(self) -> Decimal | None:
        return persen(self.numerator, self.denominator)


def sejauh_ini_iku2(iku2: "HasilIKU2") -> SejauhIni:
    """From the cells already computed: every status but "belum jatuh tempo" is a document that is due
    or already in; an early document is on time and counts on both sides, so the figure never tops 100%."""
    belum = iku2.belum_jatuh_tempo
    denominator = iku2.denominator - belum
    alasan = ""
    if not iku2.berlaku:
        alasan = "tidak berlaku: tidak ada desa"
    elif denominator == 0:
        alasan = "belum ada dokumen yang jatuh tempo"
    return SejauhIni(numerator=iku2.numerator, denominator=denominator, belum_jatuh_tempo=belum, alasan=alasan)


@dataclass
class HasilKecamatan:
    kecamatan: KecamatanFakta
    periode: Periode
    as_of: datetime.date
    iku1: HasilIKU1
    iku2: HasilIKU2


# ---------------------------------------------------------------- computation


@lru_cache(maxsize=64)
def _triwulan_di_dalamnya(periode: Periode) -> list[Periode]:
    return periode.triwulan_di_dalamnya()


@lru_cache(maxsize=64)
def _dokumen_wajib(periode: Periode, basis: str) -> tuple[DokumenWajib, ...]:
    # Once per period rather than once per kecamatan: 7,285 times in a national roll-up.
    return tuple(dokumen_wajib_periode(periode.tahun, basis, akhir_periode=periode.selesai))


def hitung_iku1(
    kegiatan: Iterable[KegiatanFakta], *, periode: Periode, as_of: datetime.date, target: Decimal | None
) -> HasilIKU1:
    """IKU 1 of one kecamatan: carried-out kegiatan of the period up to ``as_of``, and those followed up."""
    dihitung, ditindaklanjuti = [], []
    per_kategori = {k.value: [0, 0] for k in Kategori}
    # The same triwulan objects for every kecamatan: a cached roll-up stores them once, not per kecamatan.
    triwulan = _triwulan_di_dalamnya(periode)
    per_triwulan = [[0, 0] for _ in triwulan]
    per_seksi = defaultdict(lambda: [0, 0])
    mulai, selesai = periode.mulai, min(periode.selesai, as_of)
    # The triwulan of a kegiatan by bisecting their end dates: this loop runs once per kegiatan
    # of a whole kabupaten on every dashboard view.
    akhir_triwulan = [tw.selesai for tw in triwulan]
    for k in sorted(kegiatan, key=attrgetter("tanggal", "id")):
        # A kegiatan dated after the as-of date has not happened yet.
        if k.status != STATUS_DILAKSANAKAN or not (mulai <= k.tanggal <= selesai):
            continue
        done = is_ditindaklanjuti(
            status=k.status,
            output=k.output,
            tanggal_output=k.tanggal_output,
            jumlah_bukti_aktif=k.jumlah_bukti_aktif,
            as_of=as_of,
        )
        dihitung.append(k.id)
        kategori = per_kategori[k.kategori]
        kategori[1] += 1
        tw = per_triwulan[bisect_left(akhir_triwulan, k.tanggal)]
        tw[1] += 1
        seksi = per_seksi[k.seksi_id]
        seksi[1] += 1
        if done:
            ditindaklanjuti.append(k.id)
            kategori[0] += 1
            tw[0] += 1
            seksi[0] += 1
    return HasilIKU1(
        numerator=len(ditindaklanjuti),
        denominator=len(dihitung),
        target=target,
        per_kategori={kode: Rasio(*nd) for kode, nd in per_kategori.items()},
        per_triwulan=[(tw, Rasio(*nd)) for tw, nd in zip(triwulan, per_triwulan, strict=True)],
        per_seksi={seksi_id: Rasio(*nd) for seksi_id, nd in per_seksi.items()},
        daftar=(dihitung, ditindaklanjuti),
    )


def hitung_iku1_agregat(
    baris: Iterable[KegiatanAgregat],
    *,
    periode_ke: int,
    periode: Periode,
    as_of: datetime.date,
    kecamatan_id: int,
    target: Decimal | None,
) -> HasilIKU1:
    """``hitung_iku1`` from counts the database grouped: the same figures, the lists left to load."""
    per_kategori = {k.value: [0, 0] for k in Kategori}
    triwulan = _triwulan_di_dalamnya(periode)
    per_triwulan = [[0, 0] for _ in triwulan]
    per_seksi = {}
    numerator = denominator = 0
    awal = periode_ke * 100
    for b in baris:
        if not (awal <= b.kelompok < awal + 100):
            continue
        n, selesai = b.jumlah, b.selesai
        denominator += n
        numerator += selesai
        for nd in (per_kategori[b.kategori], per_triwulan[b.kelompok - awal]):
            nd[0] += selesai
            nd[1] += n
        nd = per_seksi.setdefault(b.seksi_id, [0, 0])
        nd[0] += selesai
        nd[1] += n
    return HasilIKU1(
        numerator=numerator,
        denominator=denominator,
        target=target,
        per_kategori={kode: Rasio(*nd) for kode, nd in per_kategori.items()},
        per_triwulan=[(tw, Rasio(*nd)) for tw, nd in zip(triwulan, per_triwulan, strict=True)],
        per_seksi={seksi_id: Rasio(*nd) for seksi_id, nd in per_seksi.items()},
        sumber=SumberDaftar(kecamatan_id=kecamatan_id, periode=periode, as_of=as_of),
    )


def hitung_iku2(
    desa: Iterable[DesaFakta],
    dokumen: Iterable[DokumenDesaFakta],
    *,
    periode: Periode,
    as_of: datetime.date,
    basis: str,
    target: Decimal | None,
    sumber: SumberSel | None = None,
) -> HasilIKU2:
    """IKU 2 of one kecamatan: every desa (never a kelurahan) × each document due in the period.

    ``sumber``: where the cells can be loaded again once the cache dropped them."""
    desa = sorted(desa, key=lambda d: d.kode)
    wajib = _dokumen_wajib(periode, basis)
    by_key = {(d.desa_id, d.jenis, d.tahun_anggaran): d for d in dokumen}
    rincian = []
    for w in wajib:
        sel = []
        for d in desa:
            doc = by_key.get((d.id, w.jenis, w.tahun_anggaran))
            tanggal = doc.tanggal if doc else None
            sel.append(
                SelDokumen(
                    desa=d,
                    status=status_dokumen(tanggal=tanggal, tenggat=w.tenggat, as_of=as_of),
                    tanggal=tanggal,
                    nomor=doc.nomor if doc else "",
                )
            )
        rincian.append(RincianDokumen(w, sel, sumber=sumber))
    return HasilIKU2(basis=basis, tahun=periode.tahun, jumlah_desa=len(desa), target=target, dokumen=rincian)


def hitung_iku2_agregat(
    agregat: DokumenAgregat | None,
    *,
    periode: Periode,
    as_of: datetime.date,
    basis: str,
    target: Decimal | None,
    sumber: SumberSel,
) -> HasilIKU2:
    """``hitung_iku2`` from counts the database made: the same figures, the cells left to load."""
    jumlah_desa, hitungan = agregat or (0, {})
    rincian = [
        RincianDokumen.dari_hitungan(
            w,
            jumlah_desa=jumlah_desa,
            tepat_waktu=hitungan.get((w.jenis, w.tahun_anggaran), (0, 0))[0],
            terlambat=hitungan.get((w.jenis, w.tahun_anggaran), (0, 0))[1],
            as_of=as_of,
            sumber=sumber,
        )
        for w in _dokumen_wajib(periode, basis)
    ]
    return HasilIKU2(basis=basis, tahun=periode.tahun, jumlah_desa=jumlah_desa, target=target, dokumen=rincian)


def total_kecamatan(hasil: Iterable[HasilKecamatan]) -> tuple[Rasio, Rasio]:
    """Both IKU over many kecamatan (the kabupaten line): summed numerators over summed denominators."""
    hasil = list(hasil)
    return (
        Rasio(sum(h.iku1.numerator for h in hasil), sum(h.iku1.denominator for h in hasil)),
        Rasio(sum(h.iku2.numerator for h in hasil), sum(h.iku2.denominator for h in hasil)),
    )


def total_sejauh_ini(hasil: Iterable[HasilKecamatan]) -> SejauhIni:
    """IKU 2 "so far" over many kecamatan: summed like ``total_kecamatan``."""
    hasil = list(hasil)
    numerator = sum(h.iku2.numerator for h in hasil)
    denominator = sum(h.iku2.sejauh_ini.denominator for h in hasil)
    belum = sum(h.iku2.belum_jatuh_tempo for h in hasil)
    alasan = "" if denominator else "belum ada dokumen yang jatuh tempo"
    return SejauhIni(numerator=numerator, denominator=denominator, belum_jatuh_tempo=belum, alasan=alasan)


def _iku2(fakta: Fakta, desa_by, dokumen_by, kec: KecamatanFakta, *, periode, as_of, basis) -> HasilIKU2:
    sumber = SumberSel(kecamatan_id=kec.id, periode=periode, as_of=as_of, basis=basis)
    target = fakta.target.get((kec.id, "iku2", periode.tahun))
    if fakta.dokumen_agregat is not None:
        return hitung_iku2_agregat(
            fakta.dokumen_agregat.get(kec.id), periode=periode, as_of=as_of, basis=basis, target=target, sumber=sumber
        )
    return hitung_iku2(
        desa_by[kec.id], dokumen_by[kec.id], periode=periode, as_of=as_of, basis=basis, target=target, sumber=sumber
    )


def hitung(fakta: Fakta, *, periode: Periode, as_of: datetime.date, basis: str) -> list[HasilKecamatan]:
    """Both IKU for every kecamatan in ``fakta``, ordered by code."""
    kegiatan_by = defaultdict(list)
    for k in fakta.kegiatan if fakta.kegiatan_agregat is None else fakta.kegiatan_agregat:
        kegiatan_by[k.kecamatan_id].append(k)
    desa_by = defaultdict(list)
    for d in fakta.desa:
        desa_by[d.kecamatan_id].append(d)
    dokumen_by = defaultdict(list)
    kecamatan_of_desa = {d.id: d.kecamatan_id for d in fakta.desa}
    for doc in fakta.dokumen:
        if doc.desa_id in kecamatan_of_desa:
            dokumen_by[kecamatan_of_desa[doc.desa_id]].append(doc)
    hasil = []
    for kec in sorted(fakta.kecamatan, key=lambda k: k.kode):
        hasil.append(
            HasilKecamatan(
                kecamatan=kec,
                periode=periode,
                as_of=as_of,
                iku1=hitung_iku1(
                    kegiatan_by[kec.id],
                    periode=periode,
                    as_of=as_of,
                    target=fakta.target.get((kec.id, "iku1", periode.tahun)),
                )
                if fakta.kegiatan_agregat is None
                else hitung_iku1_agregat(
                    kegiatan_by[kec.id],
                    periode_ke=fakta.periode_list.index(periode),
                    periode=periode,
                    as_of=as_of,
                    kecamatan_id=kec.id,
                    target=fakta.target.get((kec.id, "iku1", periode.tahun)),
                ),
                iku2=_iku2(fakta, desa_by, dokumen_by, kec, periode=periode, as_of=as_of, basis=basis),
            )
        )
    return hasil


@contextmanager
def tanpa_pengumpul_siklus():
    """Python's cycle collector paused while results are built, or read back from the cache.

    A national roll-up allocates some 400,000 small objects (rows, ratios, results) and none of them in a
    reference cycle; the collector, triggered by the count of allocations, scanned them over and over:
    0.46 of the 1.34 s of the computation. Reference counting still frees what is dropped at once; a
    cycle made meanwhile (by another thread, say) is collected when the collector runs again.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


__all__ = [
    "DesaFakta",
    "DokumenAgregat",
    "DokumenDesaFakta",
    "Fakta",
    "HasilIKU1",
    "HasilIKU2",
    "HasilKecamatan",
    "JenisDokumen",
    "KecamatanFakta",
    "KegiatanAgregat",
    "KegiatanFakta",
    "Rasio",
    "SejauhIni",
    "SumberDaftar",
    "SumberSel",
    "capaian",
    "hitung",
    "hitung_iku1",
    "hitung_iku1_agregat",
    "hitung_iku2",
    "hitung_iku2_agregat",
    "persen",
    "sejauh_ini_iku2",
    "tanpa_pengumpul_siklus",
    "total_sejauh_ini",
]
