"""What the reader hands on: the rows ready to save, and every problem located as Excel shows it."""

import datetime
from dataclasses import dataclass, field

from indikator.impor.format import kunci_teks
from kecamatan.models import JenisBukti, Seksi, UraianAktivitas
from wilayah.models import Desa, Kecamatan


@dataclass(frozen=True)
class KesalahanImpor:
    """One problem, located as Excel shows it: sheet, row number and column header (and letter)."""

    sheet: str | None
    baris: int | None
    kolom: str | None
    pesan: str
    huruf: str = ""

    @property
    def lokasi(self) -> str:
        bagian = [f"lembar {self.sheet}" if self.sheet else "berkas"]
        if self.baris:
            bagian.append(f"baris {self.baris}")
        if self.kolom:
            bagian.append(f"kolom {self.kolom}" + (f" ({self.huruf})" if self.huruf else ""))
        return ", ".join(bagian)

    def __str__(self):
        return f"{self.lokasi}: {self.pesan}"


@dataclass
class BuktiImpor:
    baris: int
    jenis: JenisBukti
    nomor: str
    tanggal: datetime.date

    @property
    def kunci(self) -> tuple:
        return (self.jenis.pk, kunci_teks(self.nomor))


@dataclass
class KegiatanImpor:
    """One kegiatan, from one row or from several rows that differ only in their bukti."""

    baris: int
    kecamatan: Kecamatan
    uraian: UraianAktivitas
    tanggal: datetime.date
    seksi: Seksi | None
    desa: tuple[Desa, ...]
    keterangan: str
    status: str
    output: str
    tanggal_output: datetime.date | None
    bukti: list[BuktiImpor] = field(default_factory=list)

    @property
    def kunci(self) -> tuple:
        return kunci_kegiatan(
            kecamatan_id=self.kecamatan.pk,
            tanggal=self.tanggal,
            uraian_id=self.uraian.pk,
            keterangan=self.keterangan,
            status=self.status,
            desa_ids=[d.pk for d in self.desa],
            output=self.output,
            tanggal_output=self.tanggal_output,
            seksi_id=self.seksi.pk if self.seksi else None,
        )


def kunci_kegiatan(
    *, kecamatan_id, tanggal, uraian_id, keterangan, status, desa_ids, output, tanggal_output, seksi_id
) -> tuple:
    """What makes two kegiatan "the same" for a re-import: every fact the workbook carries."""
    return (
        kecamatan_id,
        tanggal,
        uraian_id,
        (keterangan or "").strip(),
        status,
        frozenset(desa_ids),
        (output or "").strip(),
        tanggal_output,
        seksi_id,
    )


@dataclass
class DokumenImpor:
    baris: int
    desa: Desa
    jenis: str
    tahun_anggaran: int
    nomor: str
    tanggal: datetime.date


@dataclass
class IsiWorkbook:
    kegiatan: list[KegiatanImpor] = field(default_factory=list)
    dokumen: list[DokumenImpor] = field(default_factory=list)
    kesalahan: list[KesalahanImpor] = field(default_factory=list)
    peringatan: list[KesalahanImpor] = field(default_factory=list)
    baris_kegiatan: int = 0
    baris_dokumen: int = 0
