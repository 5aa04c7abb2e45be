"""The kegiatan list as an XLSX workbook (openpyxl write-only), safe to open in a spreadsheet."""

import datetime
import io

from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# A cell starting with one of these is run as a formula (or DDE) by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

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


def teks_aman(value: str) -> str:
    """Text a spreadsheet shows as text, never evaluates."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(sheet, value, *, bold=False):
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=teks_aman(value))
        # openpyxl would otherwise mark a leading "=" as a formula; the prefix above already
        # defuses it, and the explicit string type keeps it so whatever the content.
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
    if bold:
        cell.font = Font(bold=True)
    return cell


def kegiatan_xlsx(kegiatan, *, judul: str, as_of: datetime.date) -> bytes:
    """``kegiatan`` is a queryset from ``selectors.kegiatan_list`` (annotated, desa prefetched)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Kegiatan")
    for index, (_, width) in enumerate(KOLOM):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append([_cell(sheet, judul, bold=True)])
    sheet.append([_cell(sheet, f"Tindak lanjut dinilai per {date_format(as_of, 'j F Y')}")])
    sheet.append([_cell(sheet, label, bold=True) for label, _ in KOLOM])
    for nomor, item in enumerate(kegiatan.iterator(chunk_size=500), start=1):
        sheet.append(
            [
                _cell(sheet, nomor),
                _cell(sheet, item.kecamatan.nama),
                _cell(sheet, item.tanggal),
                _cell(sheet, item.get_kategori_display()),
                _cell(sheet, f"{item.jenis_nomor}. {item.jenis_nama}"),
                _cell(sheet, f"{item.nomor_katalog} {item.uraian_teks}"),
                _cell(sheet, item.seksi.nama if item.seksi else ""),
                _cell(sheet, ", ".join(str(desa) for desa in item.desa.all())),
                _cell(sheet, item.keterangan),
                _cell(sheet, item.get_status_display()),
                _cell(sheet, item.output),
                _cell(sheet, item.tanggal_output),
                _cell(sheet, item.jumlah_bukti),
                _cell(sheet, "Ya" if item.ditindaklanjuti else "Tidak"),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
