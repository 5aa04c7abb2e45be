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
# A day the daily run did not happen, or stopped midway (the server was down, SMTP failed), is made up
# by the runs of the following days, this many at most; a step the next one has already followed is
# not sent late (no "30 days left" a week before the deadline).
HARI_SUSULAN = 6


@dataclass(frozen=True)
class DesaPengingat:
    """What the rule needs to know of one desa (never a kelurahan: it owes no document)."""

    desa_id: int
    nama: str
    kecamatan_id: int
    operator_ids: tuple[int, ...]
    # (jenis, tahun_anggaran) of every document on record with a date on or before the day judged.
    ada: frozenset[tuple[str, int]]
    # (jenis, tahun_anggaran) handed in by the desa and waiting for the kasi: the operator has done its part.
    menunggu: frozenset[tuple[str, int]] = frozenset()


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
    # Days from the day judged to the deadline (negative once it passed): a step made up late says so.
    sisa_hari: int = 0

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


def langkah_terbuka(tanggal: datetime.date, *, susulan: int = HARI_SUSULAN) -> list[tuple[str, DokumenWajib]]:
    """(step, document) due on ``tanggal``: steps that fell on it or on one of the ``susulan`` days before
    it, unless the document's next step has come by ``tanggal`` too."""
    urutan = list(LANGKAH)
    hasil = []
    for mundur in range(susulan + 1):
        for langkah, wajib in wajib_pada_langkah(tanggal - datetime.timedelta(days=mundur)):
            berikut = urutan[urutan.index(langkah) + 1] if langkah != urutan[-1] else None
            if berikut is not None and wajib.tenggat + datetime.timedelta(days=LANGKAH[berikut]) <= tanggal:
                continue
            hasil.append((langkah, wajib))
    return hasil


def pengingat_jatuh(
    *, desa_list: list[DesaPengingat], kasi_per_kecamatan: dict[int, list[int]], tanggal: datetime.date
) -> list[Pengingat]:
    """The reminders due on ``tanggal``: to each desa's operators about their own missing document, and to
    each kasi once per document listing every desa of the kecamatan still missing it."""
    hasil = []
    for langkah, wajib in langkah_terbuka(tanggal):
        sisa_hari = (wajib.tenggat - tanggal).days
        belum_per_kecamatan: dict[int, list[str]] = {}
        for desa in desa_list:
            kunci_dokumen = (wajib.jenis, wajib.tahun_anggaran)
            if kunci_dokumen in desa.ada:
                continue
            if kunci_dokumen in desa.menunggu:
                # Not yet counted, but the kasi has it to accept: the kasi is told, the operator is not.
                belum_per_kecamatan.setdefault(desa.kecamatan_id, []).append(f"{desa.nama} (pengajuan menunggu)")
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
                        sisa_hari=sisa_hari,
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
                        sisa_hari=sisa_hari,
                    )
                )
    return hasil
