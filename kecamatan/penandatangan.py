"""Who signs for a kecamatan on a given day, and how the signature block reads (docs/DESIGN.md §2.5).

Pure functions over already-loaded Pejabat rows, so reports can call them
without extra queries and tests can call them without a database.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from kecamatan.models import Pejabat
from kecamatan.nip import format_nip

# When terms overlap, the most recent appointment signs; on the same start
# day, the temporary one (Plh. during a leave, Plt. during a vacancy) does.
_STATUS_RANK = {Pejabat.Status.PLH: 2, Pejabat.Status.PLT: 1, Pejabat.Status.DEFINITIF: 0}
_PREFIX = {Pejabat.Status.PLH: "Plh. ", Pejabat.Status.PLT: "Plt. ", Pejabat.Status.DEFINITIF: ""}


@dataclass(frozen=True)
class BlokTandaTangan:
    tempat: str
    tanggal: datetime.date
    baris_jabatan: tuple[str, ...]
    nama: str
    pangkat_golongan: str
    nip: str
    # Which Pejabat signs (for the electronic signature); not part of the printed block.
    pejabat_id: int | None = field(default=None, compare=False)


def _in_office(pejabat: Pejabat, tanggal: datetime.date) -> bool:
    return (pejabat.mulai is None or pejabat.mulai <= tanggal) and (
        pejabat.selesai is None or pejabat.selesai >= tanggal
    )


def pejabat_in_office(pejabat: Iterable[Pejabat], jabatan: str, tanggal: datetime.date) -> Pejabat | None:
    candidates = [p for p in pejabat if p.jabatan == jabatan and _in_office(p, tanggal)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.mulai or datetime.date.min, _STATUS_RANK[p.status], p.pk or 0))


def blok_tanda_tangan(
    *,
    nama_kecamatan: str,
    tempat: str,
    pejabat: Iterable[Pejabat],
    tanggal: datetime.date,
    atas_nama: bool = False,
) -> BlokTandaTangan | None:
    """The signature block for ``tanggal``.

    The Camat in office signs (``Plt.``/``Plh.`` as appointed). With
    ``atas_nama``, or when no Camat is in office, the Sekretaris Camat signs
    "a.n. Camat". ``None`` when nobody is in office to sign.
    """
    pejabat = list(pejabat)
    camat_label = f"CAMAT {nama_kecamatan.upper()}"
    camat = None if atas_nama else pejabat_in_office(pejabat, Pejabat.Jabatan.CAMAT, tanggal)
    if camat is not None:
        penanda, baris = camat, (f"{_PREFIX[camat.status]}{camat_label}",)
    else:
        sekcam = pejabat_in_office(pejabat, Pejabat.Jabatan.SEKRETARIS_CAMAT, tanggal)
        if sekcam is None:
            return None
        penanda = sekcam
        baris = (f"a.n. {camat_label}", f"{_PREFIX[sekcam.status]}Sekretaris Camat")
    return BlokTandaTangan(
        tempat=tempat,
        tanggal=tanggal,
        baris_jabatan=baris,
        nama=penanda.nama,
        pangkat_golongan=penanda.pangkat_golongan,
        nip=format_nip(penanda.nip),
        pejabat_id=penanda.pk,
    )


def blok_tanda_tangan_kecamatan(kecamatan, tanggal: datetime.date, *, atas_nama: bool = False):
    """The same, loading the kecamatan's pejabat in one query."""
    return blok_tanda_tangan(
        nama_kecamatan=kecamatan.nama,
        tempat=kecamatan.tempat_ttd,
        pejabat=kecamatan.pejabat.all(),
        tanggal=tanggal,
        atas_nama=atas_nama,
    )
