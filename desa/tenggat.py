"""The deadline rules of IKU 2 (docs/DESIGN.md §2.3), as pure functions.

Nothing here reads the clock, the settings or the database: the measurement
year, the basis and the as-of date are always passed in, so the matrix page,
the computation service and the reports all judge a document the same way.
"""

import datetime
from dataclasses import dataclass

from django.db import models


class JenisDokumen(models.TextChoices):
    RKPDES = "rkpdes", "RKPDes"
    APBDES = "apbdes", "APBDes"
    LPPDES = "lppdes", "LPPDes"


class Basis(models.TextChoices):
    """Which documents belong to a measurement year (setting ``IKU2_BASIS``)."""

    JATUH_TEMPO = "jatuh_tempo", "Tahun jatuh tempo"
    TAHUN_ANGGARAN = "tahun_anggaran", "Tahun anggaran"


class StatusDokumen(models.TextChoices):
    TEPAT_WAKTU = "tepat_waktu", "Tepat waktu"
    TERLAMBAT = "terlambat", "Terlambat"
    BELUM_ADA = "belum_ada", "Belum ada"
    BELUM_JATUH_TEMPO = "belum_jatuh_tempo", "Belum jatuh tempo"


@dataclass(frozen=True, order=True)
class DokumenWajib:
    """One document a desa owes: which one, for which tahun anggaran, due when (inclusive)."""

    jenis: str
    tahun_anggaran: int
    tenggat: datetime.date

    @property
    def label(self) -> str:
        return f"{JenisDokumen(self.jenis).label} TA {self.tahun_anggaran}"


def tenggat(jenis: str, tahun_anggaran: int) -> datetime.date:
    """The last day (inclusive) on which the document of ``tahun_anggaran`` is on time."""
    if jenis == JenisDokumen.RKPDES:
        return datetime.date(tahun_anggaran - 1, 9, 30)
    if jenis == JenisDokumen.APBDES:
        return datetime.date(tahun_anggaran - 1, 12, 31)
    if jenis == JenisDokumen.LPPDES:
        return datetime.date(tahun_anggaran + 1, 3, 31)
    raise ValueError(f"jenis dokumen tidak dikenal: {jenis!r}")


def _tahun_anggaran_untuk(jenis: str, tahun: int, basis: str) -> int:
    if basis == Basis.TAHUN_ANGGARAN:
        return tahun
    if basis == Basis.JATUH_TEMPO:
        # The TA whose deadline falls inside the measurement year.
        return tahun - 1 if jenis == JenisDokumen.LPPDES else tahun + 1
    raise ValueError(f"basis IKU 2 tidak dikenal: {basis!r}")


def dokumen_wajib(tahun: int, basis: str) -> list[DokumenWajib]:
    """The three documents of measurement year ``tahun``, in the order of the IKU formula."""
    hasil = []
    for jenis in JenisDokumen.values:
        tahun_anggaran = _tahun_anggaran_untuk(jenis, tahun, basis)
        hasil.append(DokumenWajib(jenis=jenis, tahun_anggaran=tahun_anggaran, tenggat=tenggat(jenis, tahun_anggaran)))
    return hasil


def dokumen_wajib_periode(tahun: int, basis: str, *, akhir_periode: datetime.date) -> list[DokumenWajib]:
    """The documents of ``tahun`` that count for a period ending on ``akhir_periode``.

    A period shorter than the year counts only the documents due on or before
    its end; the whole year always counts all three, even under the
    ``tahun_anggaran`` basis where the LPPDes falls due the year after.
    """
    semua = dokumen_wajib(tahun, basis)
    if akhir_periode >= datetime.date(tahun, 12, 31):
        return semua
    return [dokumen for dokumen in semua if dokumen.tenggat <= akhir_periode]


def tahun_anggaran_terkait(tahun_list, basis: str) -> set[int]:
    """Every TA any document of these measurement years belongs to (for loading them at once)."""
    return {dokumen.tahun_anggaran for tahun in tahun_list for dokumen in dokumen_wajib(tahun, basis)}


def status_dokumen(*, tanggal: datetime.date | None, tenggat: datetime.date, as_of: datetime.date) -> StatusDokumen:
    """The status of one (desa, document) as of ``as_of``.

    A date after ``as_of`` has not happened yet, so it counts as no date; the
    deadline day itself is still in time.
    """
    if tanggal is not None and tanggal <= as_of:
        return StatusDokumen.TEPAT_WAKTU if tanggal <= tenggat else StatusDokumen.TERLAMBAT
    return StatusDokumen.BELUM_ADA if as_of > tenggat else StatusDokumen.BELUM_JATUH_TEMPO
