"""The kegiatan list as an XLSX workbook (openpyxl write-only), safe to open in a spreadsheet.

Also the one formula guard of the project: ``teks_aman`` and ``sel_aman`` are used by
every workbook (``desa.export``, ``indikator.laporan.xlsx``), so a cell can never run.
"""

import datetime
import io

from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# A cell starting with one of these is run as a formula (or DDE) by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMAT_TANGGAL = "DD/MM/YYYY"

KOLOM = [
    ("No.", 6),
    ("Kecamatan", 16),
    ("Tanggal", 12),
    ("Kategori", 12),
    ("Jenis kegiatan", 40),
    ("Uraian aktivitas", 50),
    ("Seksi", 28),
    ("Desa/kelurahan", 30),
    ("Keterangan", 40),
    ("Status", 14),
    ("Output", 40),
    ("Tanggal output", 14),
    ("Jumlah bukti", 10),
    ("Ditindaklanjuti", 14),
]


def teks_aman(value):
    """Text a spreadsheet shows as text, never evaluates; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cetak_siapkan(sheet, *, lanskap: bool, baris_judul: str | None = None) -> None:
    """A4, fitted to one page wide (as many pages down as needed), header rows repeated on
    every page. Call before the first row: a write-only sheet writes its properties first."""
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE if lanskap else Worksheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    if baris_judul:
        sheet.print_title_rows = baris_judul
    if isinstance(sheet, WriteOnlyWorksheet):
        # openpyxl does not track the size of a streamed sheet; count its rows for cetak_area.
        sheet.jumlah_baris = 0
        tambah = sheet.append

        def append(row):
            tambah(row)
            sheet.jumlah_baris += 1

        sheet.append = append


def cetak_area(sheet, *, kolom: int) -> None:
    """The printed area: exactly the written table, never a stray empty page."""
    baris = sheet.jumlah_baris if isinstance(sheet, WriteOnlyWorksheet) else sheet.max_row
    sheet.print_area = f"A1:{get_column_letter(kolom)}{max(baris, 1)}"


def sel_aman(sheet, value, *, bold=False, number_format=None, **style):
    """A write-only cell whose text can never run as a formula (dates get the Indonesian day-first format)."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=teks_aman(value))
        # openpyxl would otherwise mark a leading "=" as a formula; the prefix above already
        # defuses it, and the explicit string type keeps it so whatever the content.
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = FORMAT_TANGGAL
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    for name, val in style.items():
        setattr(cell, name, val)
    return cell


def kegiatan_xlsx(kegiatan, *, judul: str, as_of: datetime.date) -> bytes:
    """``kegiatan`` is a queryset from ``selectors.kegiatan_list`` (annotated, desa prefetched)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kegiatan")
    cetak_siapkan(sheet, lanskap=True, baris_judul="3:3")
    for index, (_, width) in enumerate(KOLOM):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append([sel_aman(sheet, judul, bold=True)])
    sheet.append([sel_aman(sheet, f"Tindak lanjut dinilai per {date_format(as_of, 'j F Y')}")])
    sheet.append([sel_aman(sheet, label, bold=True) for label, _ in KOLOM])
    for nomor, item in enumerate(kegiatan.iterator(chunk_size=500), start=1):
        sheet.append(
            [
                sel_aman(sheet, nomor),
                sel_aman(sheet, item.kecamatan.nama),
                sel_aman(sheet, item.tanggal),
                sel_aman(sheet, item.get_kategori_display()),
                sel_aman(sheet, f"{item.jenis_nomor}. {item.jenis_nama}"),
                sel_aman(sheet, f"{item.nomor_katalog} {item.uraian_teks}"),
                sel_aman(sheet, item.seksi.nama if item.seksi else ""),
                sel_aman(sheet, ", ".join(str(desa) for desa in item.desa.all())),
                sel_aman(sheet, item.keterangan),
                sel_aman(sheet, item.get_status_display()),
                sel_aman(sheet, item.output),
                sel_aman(sheet, item.tanggal_output),
                sel_aman(sheet, item.jumlah_bukti),
                sel_aman(sheet, "Ya" if item.ditindaklanjuti else "Tidak"),
            ]
        )
    cetak_area(sheet, kolom=len(KOLOM))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
