"""Reading and checking an import workbook: every error collected, nothing written.

The reader turns the two sheets into dataclasses ready to save, or a list of
``KesalahanImpor`` — sheet, row as Excel shows it, column, message in Bahasa
Indonesia — covering the whole file, so a kecamatan fixes everything in one go.
This module opens the workbook and reads its sheets; each sheet's rows are
checked in their own module (``kegiatan``, ``dokumen``) with the same validation
functions the pages and services call (``kecamatan.validation``,
``desa.validation``); ``sel`` parses cells, ``rujukan`` looks up what rows name.

Security: openpyxl parses the XML parts with defusedxml when it is importable
(it is a pinned requirement); a workbook declaring XML entities (billion
laughs, external entities) is refused as a whole. The upload's bytes are
checked before (``kecamatan.berkas.validate_upload``: real XLSX, no macros,
no zip bomb), and each sheet is capped at ``MAKS_BARIS`` rows.
"""

import datetime

import defusedxml
import openpyxl
from django.core.exceptions import ImproperlyConfigured

from indikator.impor.format import KOLOM_PER_SHEET, SHEET_DOKUMEN, SHEET_KEGIATAN, kunci_judul
from indikator.impor.reader.dokumen import baca_dokumen
from indikator.impor.reader.hasil import (
    BuktiImpor,
    DokumenImpor,
    IsiWorkbook,
    KegiatanImpor,
    KesalahanImpor,
    kunci_kegiatan,
)
from indikator.impor.reader.kegiatan import baca_kegiatan
from indikator.impor.reader.rujukan import Rujukan
from indikator.impor.reader.sel import AWALAN_RUMUS, Lembar

__all__ = [
    "AWALAN_RUMUS",
    "BuktiImpor",
    "DokumenImpor",
    "IsiWorkbook",
    "KegiatanImpor",
    "KesalahanImpor",
    "baca_lembar",
    "kunci_kegiatan",
    "workbook_read",
]

# The refusal of XML entities depends on openpyxl parsing with defusedxml, not lxml (see the settings).
if openpyxl.xml.LXML or not openpyxl.xml.DEFUSEDXML:
    raise ImproperlyConfigured("openpyxl must parse with defusedxml: set OPENPYXL_LXML=False before importing it.")

# A kecamatan logs a few thousand kegiatan a year (docs/DESIGN.md §5); anything far beyond is not a migration file.
MAKS_BARIS = 20_000
# Rows read at all, blank ones included.
MAKS_BARIS_DIBACA = 5 * MAKS_BARIS


def _nilai_sel(cell):
    return cell.value, cell.data_type == "f"


def _baca_judul(header, nama: str, kesalahan: list) -> dict[str, tuple[int, str]] | None:
    """The header row: canonical column name -> (0-based index, letter); None after any problem."""
    definisi = KOLOM_PER_SHEET[nama]
    dikenal = {kunci_judul(k.nama): k.nama for k in definisi}
    kolom: dict[str, tuple[int, str]] = {}
    jumlah_galat = len(kesalahan)
    for cell in header:
        if getattr(cell, "column", None) is None or cell.value in (None, ""):
            continue
        nama_kolom = dikenal.get(kunci_judul(cell.value))
        huruf = cell.column_letter
        if nama_kolom is None:
            pesan = (
                f"Judul kolom \u201c{cell.value}\u201d tidak dikenal. Kolom yang dikenal: "
                + ", ".join(k.nama for k in definisi)
                + "."
            )
            kesalahan.append(KesalahanImpor(nama, 1, str(cell.value), pesan, huruf))
        elif nama_kolom in kolom:
            pesan = f"Kolom {nama_kolom} muncul dua kali (juga di {kolom[nama_kolom][1]})."
            kesalahan.append(KesalahanImpor(nama, 1, nama_kolom, pesan, huruf))
        else:
            kolom[nama_kolom] = (cell.column - 1, huruf)
    for item in definisi:
        if item.wajib and item.nama not in kolom:
            kesalahan.append(KesalahanImpor(nama, 1, item.nama, f"Kolom wajib {item.nama} tidak ada di baris judul."))
    return kolom if len(kesalahan) == jumlah_galat else None


def _baca_isi(ws, nama: str, kolom: dict, kesalahan: list) -> list | None:
    isi = []
    # Only up to the last known column: read-only openpyxl pads every row out to the sheet's widest
    # cell, so one styled cell in column XFD would cost 16,384 cells a row. Blank rows count toward
    # their own cap, or a small file of a million empty rows would hold a worker for minutes.
    batas_kolom = max(indeks for indeks, _ in kolom.values()) + 1
    for nomor_dibaca, row in enumerate(ws.iter_rows(min_row=2, max_col=batas_kolom), start=2):
        if nomor_dibaca > MAKS_BARIS_DIBACA:
            pesan = f"Lembar terlalu panjang: paling banyak {MAKS_BARIS_DIBACA} baris."
            kesalahan.append(KesalahanImpor(nama, nomor_dibaca, None, pesan))
            return None
        cells = [c for c in row if getattr(c, "row", None) is not None]
        if not any(c.value not in (None, "") for c in cells):
            continue
        nomor_baris = cells[0].row
        if len(isi) >= MAKS_BARIS:
            pesan = f"Terlalu banyak baris: paling banyak {MAKS_BARIS} per lembar."
            kesalahan.append(KesalahanImpor(nama, nomor_baris, None, pesan))
            return None
        isi.append((nomor_baris, {c.column - 1: _nilai_sel(c) for c in cells}))
    return isi


def _baca_lembar(ws, nama: str, kesalahan: list) -> Lembar | None:
    ws.reset_dimensions()  # do not trust the file's declared size
    kolom = _baca_judul(next(ws.iter_rows(max_row=1), ()), nama, kesalahan)
    if kolom is None:
        return None
    isi = _baca_isi(ws, nama, kolom, kesalahan)
    return None if isi is None else Lembar(nama=nama, kolom=kolom, baris=isi)


def _baca_semua(wb, kesalahan: list) -> dict[str, Lembar]:
    lembar: dict[str, Lembar] = {}
    per_kunci = {kunci_judul(name): name for name in wb.sheetnames}
    for nama in (SHEET_KEGIATAN, SHEET_DOKUMEN):
        asli = per_kunci.get(kunci_judul(nama))
        if asli is None:
            continue
        hasil = _baca_lembar(wb[asli], nama, kesalahan)
        if hasil is not None:
            lembar[nama] = hasil
    return lembar


def baca_lembar(file) -> tuple[dict[str, Lembar], list[KesalahanImpor]]:
    """Open the workbook and read the known sheets into memory; errors about the file as a whole."""
    kesalahan: list[KesalahanImpor] = []
    file.seek(0)
    try:
        # data_only=False: a formula is reported, never its possibly stale cached value.
        wb = openpyxl.load_workbook(file, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:
        if _dari_defusedxml(exc):
            return {}, [_kesalahan_xml()]
        return {}, [KesalahanImpor(None, None, None, "Berkas tidak dapat dibaca sebagai buku kerja Excel (.xlsx).")]
    try:
        lembar = _baca_semua(wb, kesalahan)
    except Exception as exc:
        if _dari_defusedxml(exc):
            return {}, [_kesalahan_xml()]
        return {}, [KesalahanImpor(None, None, None, "Isi buku kerja rusak atau tidak dapat dibaca.")]
    finally:
        wb.close()
    if not lembar and not kesalahan:
        kesalahan.append(
            KesalahanImpor(
                None, None, None, f"Tidak ada lembar {SHEET_KEGIATAN} atau {SHEET_DOKUMEN}: gunakan templat impor."
            )
        )
    return lembar, kesalahan


def _dari_defusedxml(exc: BaseException | None) -> bool:
    """openpyxl re-raises parse errors as ValueError; defusedxml's refusal is somewhere in the chain."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, defusedxml.DefusedXmlException):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _kesalahan_xml() -> KesalahanImpor:
    return KesalahanImpor(
        None,
        None,
        None,
        "Berkas ditolak: berisi deklarasi entitas XML (DTD) yang tidak diizinkan. "
        "Simpan ulang berkas dari Excel atau LibreOffice.",
    )


def workbook_read(*, file, kecamatan_scope, hari_ini: datetime.date) -> IsiWorkbook:
    """Parse and check the whole workbook against the database (read-only)."""
    lembar, kesalahan = baca_lembar(file)
    isi = IsiWorkbook(kesalahan=kesalahan)
    if not lembar:
        return isi
    ref = Rujukan(kecamatan_scope=kecamatan_scope, lembar=lembar)
    if SHEET_KEGIATAN in lembar:
        baca_kegiatan(lembar[SHEET_KEGIATAN], ref, isi, hari_ini)
    if SHEET_DOKUMEN in lembar:
        baca_dokumen(lembar[SHEET_DOKUMEN], ref, isi, hari_ini)
    urutan = {SHEET_KEGIATAN: 0, SHEET_DOKUMEN: 1, None: -1}
    isi.kesalahan.sort(key=lambda k: (urutan.get(k.sheet, 2), k.baris or 0))
    return isi
