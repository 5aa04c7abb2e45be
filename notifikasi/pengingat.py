"""When a missing desa document speaks up (docs/DESIGN.md §2.7), as a pure function.

Nothing here reads the clock or the database: the documents' state and the date
are passed in, so the sender, its dry run and the tests judge a day the same way.
"""

import datetime
from dataclasses import dataclass

from desa.tenggat import DokumenWajib, JenisDokumen, tenggat

# Days from the deadline (inclusive, desa/tenggat.py) to the reminder: 30, 7 and 1 days before it,
# and the day after it passed.
LANGKAH = {"H-30": -30, "H-7": -7, "H-1": -1, "H+1": 1}


@dataclass(frozen=True)
class DesaPengingat:
    """What the rule needs to know of one desa (never a kelurahan: it owes no document)."""

    desa_id: int
    nama: str
    kecamatan_id: int
    operator_ids: tuple[int, ...]
    # (jenis, tahun_anggaran) of every document on record with a date on or before the day judged.
    ada: frozenset[tuple[str, int]]


@dataclass(frozen=True)
class Pengingat:
    """One reminder to one user about one document at one step."""

    penerima_id: int
    wajib: DokumenWajib
    langkah: str
    # The desa still missing it: the operator's own desa, or every one of the kasi's kecamatan.
    desa: tuple[str, ...]
    kecamatan_id: int
    desa_id: int | None = None

    @property
    def kunci(self) -> str:
        """What makes it the same reminder twice: the document, the step and whom it is about."""
        tentang = f"desa:{self.desa_id}" if self.desa_id is not None else f"kecamatan:{self.kecamatan_id}"
        return f"pengingat:{self.wajib.jenis}:{self.wajib.tahun_anggaran}:{self.langkah}:{tentang}"


def wajib_pada_langkah(tanggal: datetime.date) -> list[tuple[str, DokumenWajib]]:
    """(step, document) for every document whose deadline puts ``tanggal`` on one of the steps."""
    hasil = []
    for langkah, selisih in LANGKAH.items():
        batas = tanggal - datetime.timedelta(days=selisih)
        # A deadline in year Y belongs to TA Y-1 (LPPDes) or TA Y+1 (RKPDes, APBDes): this range holds them.
        for tahun_anggaran in range(batas.year - 1, batas.year + 2):
            for jenis in JenisDokumen.values:
                if tenggat(jenis, tahun_anggaran) == batas:
                    hasil.append((langkah, DokumenWajib(jenis=jenis, tahun_anggaran=tahun_anggaran, tenggat=batas)))
    return hasil


def pengingat_jatuh(
    *, desa_list: list[DesaPengingat], kasi_per_kecamatan: dict[int, list[int]], tanggal: datetime.date
) -> list[Pengingat]:
    """The reminders due on ``tanggal``: to each desa's operators about their own missing document, and to
    each kasi once per document listing every desa of the kecamatan still missing it."""
    hasil = []
    for langkah, wajib in wajib_pada_langkah(tanggal):
        belum_per_kecamatan: dict[int, list[str]] = {}
        for desa in desa_list:
            if (wajib.jenis, wajib.tahun_anggaran) in desa.ada:
                continue
            belum_per_kecamatan.setdefault(desa.kecamatan_id, []).append(desa.nama)
            for operator_id in desa.operator_ids:
                hasil.append(
                    Pengingat(
                        penerima_id=operator_id,
                        wajib=wajib,
                        langkah=langkah,
                        desa=(desa.nama,),
                        kecamatan_id=desa.kecamatan_id,
                        desa_id=desa.desa_id,
                    )
                )
        for kecamatan_id, nama_desa in belum_per_kecamatan.items():
            for kasi_id in kasi_per_kecamatan.get(kecamatan_id, []):
                hasil.append(
                    Pengingat(
                        penerima_id=kasi_id,
                        wajib=wajib,
                        langkah=langkah,
                        desa=tuple(nama_desa),
                        kecamatan_id=kecamatan_id,
                    )
                )
    return hasil
