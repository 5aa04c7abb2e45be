"""The one place both IKU come from: load the facts once, then compute (docs/DESIGN.md §3)."""

import datetime
from dataclasses import dataclass

from desa.selectors import iku2_basis
from indikator.calculations import HasilIKU1, HasilKecamatan, Rasio, hitung, tanpa_pengumpul_siklus
from indikator.fetch import fakta_load
from indikator.tembolok import iku_per_kabupaten
from kecamatan.models import Seksi
from kecamatan.periode import Periode


def iku_compute(
    *, kecamatan_qs, periode: Periode, as_of: datetime.date, basis: str | None = None
) -> list[HasilKecamatan]:
    """Both IKU of every kecamatan in ``kecamatan_qs`` (already scoped to the user), ordered by code.

    From the cache while no kecamatan of the set was written (indikator/tembolok.py).
    """
    basis = basis or iku2_basis()
    (hasil,) = _iku_tersimpan(kecamatan_qs=kecamatan_qs, periode_list=[periode], as_of=as_of, basis=basis)
    return hasil


def iku_compute_uncached(
    *,
    kecamatan_qs,
    periode_list: list[Periode],
    as_of: datetime.date,
    basis: str,
    agregat: bool = True,
    kecamatan_ids: list[int] | None = None,
) -> list[list[HasilKecamatan]]:
    """The computation itself, one list per period from one load of the facts (the cache's miss path).

    Both IKU are counted by the database in one statement (``agregat``, ``indikator.agregat``); the lists
    of counted kegiatan and the desa × document cells load per kecamatan on first use. ``agregat=False``
    brings every kegiatan, desa and document into Python and computes the lists and cells with the
    figures: the reference the tests compare with, and the Laporan's load, which lists them.
    ``kecamatan_ids``: the members of ``kecamatan_qs`` as the caller has just read them (the cache does).
    """
    with tanpa_pengumpul_siklus():
        fakta = fakta_load(
            kecamatan_qs=kecamatan_qs,
            periode_list=periode_list,
            as_of=as_of,
            basis=basis,
            agregat=agregat,
            kecamatan_ids=kecamatan_ids,
        )
        return [hitung(fakta, periode=p, as_of=as_of, basis=basis) for p in periode_list]


def _iku_tersimpan(*, kecamatan_qs, periode_list: list[Periode], as_of: datetime.date, basis: str):
    return iku_per_kabupaten(
        kecamatan_qs=kecamatan_qs,
        argumen=("iku", tuple(periode_list), as_of, basis),
        hitung=lambda qs, ids: iku_compute_uncached(
            kecamatan_qs=qs, kecamatan_ids=ids, periode_list=periode_list, as_of=as_of, basis=basis
        ),
        kode=_kode,
    )


def _kode(hasil: HasilKecamatan) -> str:
    return hasil.kecamatan.kode


@dataclass
class HasilDenganPembanding:
    sekarang: HasilKecamatan
    tahun_lalu: HasilKecamatan


def iku_compute_with_last_year(
    *, kecamatan_qs, periode: Periode, as_of: datetime.date, basis: str | None = None
) -> list[HasilDenganPembanding]:
    """The period and the same period a year earlier, from one load of the facts (or the cache)."""
    basis = basis or iku2_basis()
    lalu = periode.setahun_sebelumnya()
    sekarang, sebelumnya = _iku_tersimpan(
        kecamatan_qs=kecamatan_qs, periode_list=[periode, lalu], as_of=as_of, basis=basis
    )
    return [HasilDenganPembanding(a, b) for a, b in zip(sekarang, sebelumnya, strict=True)]


@dataclass(frozen=True)
class BarisSeksi:
    nama: str
    rasio: Rasio

    @property
    def numerator(self) -> int:
        return self.rasio.numerator

    @property
    def denominator(self) -> int:
        return self.rasio.denominator

    @property
    def percent(self):
        return self.rasio.percent


TANPA_SEKSI = "Tanpa seksi"


def iku1_per_seksi(*, kecamatan, iku1: HasilIKU1) -> list[BarisSeksi]:
    """IKU 1 split by the seksi that logged each kegiatan, from the computed result: one query for
    the seksi names, never one per seksi. Every active seksi is listed (one with nothing carried out
    shows "—"); the rows add up to the kecamatan's figure."""
    rows = []
    seen = set()
    for seksi_id, nama, aktif in Seksi.objects.filter(kecamatan=kecamatan).values_list("id", "nama", "aktif"):
        if aktif or seksi_id in iku1.per_seksi:
            rows.append(BarisSeksi(nama=nama, rasio=iku1.per_seksi.get(seksi_id, Rasio(0, 0))))
            seen.add(seksi_id)
    # Kegiatan without a seksi (or, defensively, of a seksi not found) keep the sum whole.
    sisa = [r for seksi_id, r in iku1.per_seksi.items() if seksi_id not in seen]
    if sisa:
        rows.append(
            BarisSeksi(
                nama=TANPA_SEKSI,
                rasio=Rasio(sum(r.numerator for r in sisa), sum(r.denominator for r in sisa)),
            )
        )
    return rows
