"""What the public verification page reads out of a frozen approval (``PengesahanLaporan.data``).

Snapshots are kept for good, so this reads every shape ever frozen: a key that an
older approval lacks is derived from what it does hold, never shown empty.
"""

import datetime
from dataclasses import dataclass

from desa.tenggat import JenisDokumen, tenggat

JENIS_DARI_LABEL = {jenis.label: jenis.value for jenis in JenisDokumen}


@dataclass(frozen=True)
class BarisDokumenBeku:
    """One document line of a frozen IKU 2: every status, so the line adds up to the number of desa."""

    label: str
    tenggat: datetime.date
    tepat_waktu: int
    terlambat: int
    belum_ada: int
    belum_jatuh_tempo: int
    jumlah_desa: int

    @property
    def jumlah(self) -> int:
        return self.tepat_waktu + self.terlambat + self.belum_ada + self.belum_jatuh_tempo


def dokumen_iku2_beku(data: dict) -> list[BarisDokumenBeku]:
    """The document lines of IKU 2 in a frozen approval, in their frozen order."""
    iku2 = data.get("iku2") or {}
    jumlah_desa = int(iku2.get("jumlah_desa") or 0)
    baris = []
    for nama, d in (iku2.get("dokumen") or {}).items():
        tahun_anggaran = int(d["tahun_anggaran"])
        if d.get("tenggat"):
            tanggal_tenggat = datetime.date.fromisoformat(d["tenggat"])
        else:
            # The deadline is a rule of the document and its TA (docs/DESIGN.md §2.3), so it can be restored.
            tanggal_tenggat = tenggat(JENIS_DARI_LABEL[nama], tahun_anggaran)
        tepat, telat, belum = int(d.get("tepat_waktu", 0)), int(d.get("terlambat", 0)), int(d.get("belum_ada", 0))
        if "belum_jatuh_tempo" in d:
            belum_jatuh_tempo = int(d["belum_jatuh_tempo"])
        else:
            # Every desa has exactly one status per document: the rest were not yet due.
            belum_jatuh_tempo = max(jumlah_desa - tepat - telat - belum, 0)
        baris.append(
            BarisDokumenBeku(
                label=f"{nama} TA {tahun_anggaran}",
                tenggat=tanggal_tenggat,
                tepat_waktu=tepat,
                terlambat=telat,
                belum_ada=belum,
                belum_jatuh_tempo=belum_jatuh_tempo,
                jumlah_desa=jumlah_desa,
            )
        )
    return baris
