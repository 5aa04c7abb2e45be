"""The one place both IKU come from: load the facts once, then compute (DESIGN.md §3)."""

import datetime
from dataclasses import dataclass

from desa.selectors import iku2_basis
from indikator.calculations import HasilKecamatan, hitung
from indikator.fetch import fakta_load
from indikator.periode import Periode


def iku_compute(
    *, kecamatan_qs, periode: Periode, as_of: datetime.date, basis: str | None = None
) -> list[HasilKecamatan]:
    """Both IKU of every kecamatan in ``kecamatan_qs`` (already scoped to the user), ordered by code."""
    basis = basis or iku2_basis()
    fakta = fakta_load(kecamatan_qs=kecamatan_qs, periode_list=[periode], as_of=as_of, basis=basis)
    return hitung(fakta, periode=periode, as_of=as_of, basis=basis)


@dataclass
class HasilDenganPembanding:
    sekarang: HasilKecamatan
    tahun_lalu: HasilKecamatan


def iku_compute_with_last_year(
    *, kecamatan_qs, periode: Periode, as_of: datetime.date, basis: str | None = None
) -> list[HasilDenganPembanding]:
    """The period and the same period a year earlier, from one load of the facts."""
    basis = basis or iku2_basis()
    lalu = periode.setahun_sebelumnya()
    fakta = fakta_load(kecamatan_qs=kecamatan_qs, periode_list=[lalu, periode], as_of=as_of, basis=basis)
    sekarang = hitung(fakta, periode=periode, as_of=as_of, basis=basis)
    sebelumnya = hitung(fakta, periode=lalu, as_of=as_of, basis=basis)
    return [HasilDenganPembanding(a, b) for a, b in zip(sekarang, sebelumnya, strict=True)]
