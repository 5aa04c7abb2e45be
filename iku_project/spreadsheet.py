"""The one spreadsheet writer of the project: workbooks, declarative columns, print setup and the formula guard.

Every XLSX the application writes (kegiatan list, desa matrix, import template and data export,
report workbooks, SKM) is built here, and the import readers share ``AWALAN_RUMUS``. It lives in
the project package because it knows no app: wilayah, kecamatan, desa, indikator and skm all
import it without an arrow pointing back up the dependency order.

The shape follows Wagtail's ``SpreadsheetExportMixin``: a table is a list of ``Kolom`` (heading,
how to get the value from an item, width, number format), and one function turns an item into a
row of cells. Streamed (write-only) sheets are the default; a sheet that needs merged cells or
drop-down lists asks for a normal workbook with ``workbook(write_only=False)``.
"""

import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# A cell starting with one of these is run as a formula (or DDE) by spreadsheets, once edited.
# LF besides CR: a stored CR is read back as LF, and the import reader must still recognise the
# apostrophe an export put in front of it.
AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Indonesian conventions: day first; Excel shows the separators of the reader's locale.
FORMAT_TANGGAL = "DD/MM/YYYY"
FORMAT_BILANGAN = "#,##0"
FORMAT_PERSEN = "0.00"


# ---------------------------------------------------------------- formula guard


def bisa_rumus(value) -> bool:
    """True for text a spreadsheet would run as a formula; numbers, dates and None never are."""
    return isinstance(value, str) and value.startswith(AWALAN_RUMUS)


def teks_aman(value):
    """Text a spreadsheet shows as text, never evaluates; other values pass unchanged."""
    return "'" + value if bisa_rumus(value) else value


def _jaga(cell, value, *, kutip: bool):
    """Type text as text whatever it starts with, and defuse a formula starter.

    ``kutip=False`` (exports people read) puts an apostrophe in front; ``kutip=True`` (the import
    layout, whose values go back in unchanged) sets Excel's quotePrefix style instead, which keeps
    the cell text when edited without changing its value.
    """
    if isinstance(value, str):
        if bisa_rumus(value):
            if kutip:
                cell.quotePrefix = True
            else:
                cell.value = teks_aman(value)
        # openpyxl would otherwise guess a formula from a leading "="; text stays text.
        cell.data_type = "s"
    return cell


def _gaya(cell, *, bold: bool, number_format: str | None, style: dict):
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    for name, val in style.items():
        setattr(cell, name, val)
    return cell


def sel(sheet, value, *, bold=False, number_format=None, kutip=False, **style) -> WriteOnlyCell:
    """A streamed cell that can never run as a formula; dates get the Indonesian day-first format."""
    cell = _jaga(WriteOnlyCell(sheet, value=value), value, kutip=kutip)
    if isinstance(value, datetime.date):
        cell.number_format = FORMAT_TANGGAL
    return _gaya(cell, bold=bold, number_format=number_format, style=style)


def tulis(sheet, row: int, column: int, value, *, bold=False, number_format=None, kutip=False, **style):
    """``sel`` for a normal (not streamed) sheet: the cell at ``row``, ``column``."""
    cell = sheet.cell(row=row, column=column, value=value)
    _jaga(cell, value, kutip=kutip)
    if isinstance(value, datetime.date):
        cell.number_format = FORMAT_TANGGAL
    return _gaya(cell, bold=bold, number_format=number_format, style=style)


# ---------------------------------------------------------------- workbooks


def workbook(*, write_only: bool = True) -> Workbook:
    """A new workbook; the only place the project creates one (so no writer bypasses the guard)."""
    return Workbook(write_only=write_only)


def simpan(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def lebar_kolom(sheet, lebar: Iterable[float | None], *, mulai: int = 1) -> None:
    """Column widths from column ``mulai`` on; a streamed sheet needs them before its first row."""
    for index, width in enumerate(lebar, start=mulai):
        if width is not None:
            sheet.column_dimensions[get_column_letter(index)].width = width


# ---------------------------------------------------------------- print setup


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


# ---------------------------------------------------------------- declarative columns


@dataclass(frozen=True)
class Kolom:
    """One column of a table: its heading, how to read the value from an item, width and number format.

    ``nilai`` is a callable taking the item, or a dotted attribute path (``"seksi.nama"``); a method
    at the end of the path is called (``"get_status_display"``), as Wagtail's ``multigetattr`` does.
    """

    judul: str
    nilai: str | Callable[[Any], Any]
    lebar: float | None = None
    format: str | None = None

    def ambil(self, item):
        if callable(self.nilai):
            return self.nilai(item)
        value = item
        for bagian in self.nilai.split("."):
            value = getattr(value, bagian)
        return value() if callable(value) else value


# How a table turns one value into a cell: (sheet, value, number_format) -> cell.
Penulis = Callable[[Any, Any, str | None], Any]


def _sel_biasa(sheet, value, number_format=None):
    return sel(sheet, value, number_format=number_format)


def kolom_lebar(sheet, kolom: Sequence[Kolom]) -> None:
    lebar_kolom(sheet, (k.lebar for k in kolom))


def kolom_kepala(sheet, kolom: Sequence[Kolom], **style) -> list:
    """The heading row's cells (bold unless the style says otherwise)."""
    style.setdefault("bold", True)
    return [sel(sheet, k.judul, **style) for k in kolom]


def kolom_baris(sheet, kolom: Sequence[Kolom], item, *, penulis: Penulis = _sel_biasa) -> list:
    """One item as a row of guarded cells, in the order of the columns."""
    return [penulis(sheet, k.ambil(item), k.format) for k in kolom]


def tabel_tulis(sheet, kolom: Sequence[Kolom], items: Iterable, *, penulis: Penulis = _sel_biasa) -> None:
    """Every item as a row under the heading the caller already wrote."""
    for item in items:
        sheet.append(kolom_baris(sheet, kolom, item, penulis=penulis))


def ekspor_perlu_pekerjaan(baris: int) -> bool:
    """An export of more than ``EKSPOR_SINKRON_MAKS_BARIS`` rows is written by the job worker, not the request.

    Below it the workbook takes well under a second (a few thousand streamed rows), so a small list
    still downloads at once; the caller counts its rows with one COUNT query first.
    """
    from django.conf import settings

    return baris > settings.EKSPOR_SINKRON_MAKS_BARIS
