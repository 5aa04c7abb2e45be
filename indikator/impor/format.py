"""The workbook format shared by the template, the reader and the export: sheet names and columns.

One definition, so a workbook exported from the database is always one the
reader accepts, and the template never drifts from what the reader expects.
"""

import re
from dataclasses import dataclass

from desa.tenggat import JenisDokumen
from kecamatan.models import Kategori, Kegiatan

SHEET_KEGIATAN = "Kegiatan"
SHEET_DOKUMEN = "DokumenDesa"
# Sources of the drop-down lists; hidden, because nobody types into it.
SHEET_DAFTAR = "Daftar"
# A reference of the catalogue numbers for whoever fills the file; the reader ignores it.
SHEET_KATALOG = "Katalog"

PEMISAH_DESA = ";"
# A bukti may have been recorded on the web without a number, but the workbook requires one with
# its jenis: this word stands for "no number" both ways, so such a bukti survives export and import.
NOMOR_KOSONG = "tanpa nomor"


@dataclass(frozen=True)
class Kolom:
    nama: str
    wajib: bool
    lebar: int
    petunjuk: str


KOLOM_KEGIATAN = (
    Kolom("Kecamatan", True, 14, "Kode (mis. 35.08.12) atau nama kecamatan."),
    Kolom("Tanggal", True, 12, "Tanggal kegiatan: tanggal Excel, YYYY-MM-DD atau DD/MM/YYYY."),
    Kolom("Kategori", True, 13, "Fasilitasi, Koordinasi atau Rekomendasi."),
    Kolom("No Jenis", True, 9, "Nomor jenis kegiatan dalam kategorinya (lihat lembar Katalog)."),
    Kolom("No Uraian", True, 9, "Nomor uraian aktivitas dalam jenisnya (lihat lembar Katalog)."),
    Kolom("Desa", False, 24, "Kode atau nama desa/kelurahan, dipisah titik koma (;). Boleh kosong."),
    Kolom("Seksi", False, 22, "Nama seksi/sub bagian yang sudah terdaftar. Boleh kosong."),
    Kolom("Keterangan", False, 40, "Keterangan kegiatan."),
    Kolom("Status", False, 13, "dilaksanakan (bila kosong), rencana atau dibatalkan."),
    Kolom("Output", False, 30, "Output kegiatan; diisi bersama Tanggal Output."),
    Kolom("Tanggal Output", False, 14, "Tanggal output; diisi bersama Output."),
    Kolom("Jenis Bukti", False, 30, "Salah satu dari lima jenis bukti pendukung. Boleh kosong."),
    Kolom(
        "Nomor Bukti",
        False,
        20,
        'Nomor dokumen bukti; wajib bila Jenis Bukti diisi (tulis "tanpa nomor" bila tidak ada).',
    ),
    Kolom("Tanggal Bukti", False, 13, "Tanggal dokumen bukti; bila kosong: Tanggal Output, atau Tanggal kegiatan."),
)

KOLOM_DOKUMEN = (
    Kolom("Desa", True, 24, "Kode atau nama desa (bukan kelurahan)."),
    Kolom("Dokumen", True, 11, "RKPDes, APBDes atau LPPDes."),
    Kolom("Tahun Anggaran", True, 10, "Tahun anggaran dokumen, mis. 2025."),
    Kolom("Nomor", False, 22, "Nomor Perdes atau nomor surat. Bila kosong, nomor yang sudah tercatat tetap."),
    Kolom("Tanggal", True, 12, "Tanggal penetapan (RKPDes, APBDes) atau penyampaian (LPPDes)."),
)

KOLOM_PER_SHEET = {SHEET_KEGIATAN: KOLOM_KEGIATAN, SHEET_DOKUMEN: KOLOM_DOKUMEN}

PILIHAN_KATEGORI = [label for _, label in Kategori.choices]
# Written in lower case as the issue names them; the reader accepts any case.
PILIHAN_STATUS = [Kegiatan.Status.DILAKSANAKAN.value, Kegiatan.Status.RENCANA.value, Kegiatan.Status.DIBATALKAN.value]
PILIHAN_DOKUMEN = [label for _, label in JenisDokumen.choices]


def kunci_judul(text) -> str:
    """Headers and sheet names match ignoring case and spaces: "No Jenis" = "nojenis" = "NO  JENIS"."""
    return re.sub(r"\s+", "", str(text or "")).casefold()


def kunci_teks(text) -> str:
    """Names (kecamatan, desa, seksi, jenis bukti) match ignoring case and repeated spaces."""
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()
