"""The import workbook: the empty template, and the same layout filled by the export.

Drop-down lists (openpyxl ``DataValidation``) guide typing in Excel and
LibreOffice; they are advice only, the reader checks every value again.
"""

from collections.abc import Iterable, Sequence

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from iku_project.spreadsheet import lebar_kolom, sel, simpan, workbook
from indikator.impor.format import (
    KOLOM_DOKUMEN,
    KOLOM_KEGIATAN,
    PILIHAN_DOKUMEN,
    PILIHAN_KATEGORI,
    PILIHAN_STATUS,
    SHEET_DAFTAR,
    SHEET_DOKUMEN,
    SHEET_KATALOG,
    SHEET_KEGIATAN,
    Kolom,
)
from kecamatan.models import JenisBukti, UraianAktivitas

# The drop-downs cover this many data rows; Excel handles a whole-column range poorly in old versions.
BARIS_VALIDASI = 10_000
WARNA_WAJIB = PatternFill("solid", fgColor="FFE699")
WARNA_OPSIONAL = PatternFill("solid", fgColor="DDEBF7")


def _sel(ws, value):
    # quotePrefix rather than an apostrophe: the cell stays text when edited in Excel, and its
    # value goes back into the import unchanged.
    return sel(ws, value, kutip=True) if value not in (None, "") else None


def _lembar(wb, nama: str, *, lebar: Iterable[float], beku: str | None = "A2"):
    """A streamed sheet: widths and frozen header set before the first row, as it requires."""
    ws = wb.create_sheet(nama)
    lebar_kolom(ws, lebar)
    if beku:
        ws.freeze_panes = beku
    return ws


def _kepala(ws, kolom: Sequence[Kolom]) -> None:
    cells = []
    for item in kolom:
        cell = _sel(ws, item.nama)
        cell.font = Font(bold=True)
        cell.fill = WARNA_WAJIB if item.wajib else WARNA_OPSIONAL
        cell.comment = Comment(("Wajib. " if item.wajib else "Opsional. ") + item.petunjuk, "IKU Kecamatan")
        cells.append(cell)
    ws.append(cells)


def _lembar_isian(wb, nama: str, kolom: Sequence[Kolom], rows: Iterable[Sequence]):
    ws = _lembar(wb, nama, lebar=(k.lebar for k in kolom))
    _kepala(ws, kolom)
    for values in rows:
        ws.append([_sel(ws, value) for value in values])
    return ws


def _huruf(kolom: Sequence[Kolom], nama: str) -> str:
    return get_column_letter(next(i for i, k in enumerate(kolom, start=1) if k.nama == nama))


def _daftar_pilihan(ws, kolom: Sequence[Kolom], nama: str, formula: str, judul: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.error = f"Pilih {judul} dari daftar."
    validation.errorTitle = "Isian tidak dikenal"
    validation.prompt = f"Pilih {judul}."
    validation.promptTitle = nama
    # A streamed sheet has no add_data_validation; its list is written with the sheet's tail on save.
    ws.data_validations.append(validation)
    huruf = _huruf(kolom, nama)
    validation.add(f"{huruf}2:{huruf}{BARIS_VALIDASI}")


def _inline(values: Iterable[str]) -> str:
    return '"' + ",".join(values) + '"'


def _lembar_daftar(wb, jenis_bukti: list[str]) -> str:
    """Write the list sources; returns the range of the jenis bukti names."""
    ws = _lembar(wb, SHEET_DAFTAR, lebar=(), beku=None)
    ws.sheet_state = "hidden"
    for nama in ["Jenis Bukti", *jenis_bukti]:
        ws.append([_sel(ws, nama)])
    # The five names are too long for an inline list (Excel caps it at 255 characters).
    return f"{quote_sheetname(SHEET_DAFTAR)}!$A$2:$A${len(jenis_bukti) + 1}"


def _lembar_katalog(wb) -> None:
    ws = _lembar(wb, SHEET_KATALOG, lebar=(12, 9, 45, 9, 60, 40, 7))
    judul = ["Kategori", "No Jenis", "Jenis kegiatan", "No Uraian", "Uraian aktivitas", "Output aktivitas", "Aktif"]
    ws.append([sel(ws, text, bold=True, kutip=True) for text in judul])
    uraian = UraianAktivitas.objects.select_related("jenis").order_by("jenis__kategori", "jenis__nomor", "nomor")
    for item in uraian:
        aktif = item.aktif and item.jenis.aktif
        values = [
            item.jenis.get_kategori_display(),
            item.jenis.nomor,
            item.jenis.nama,
            item.nomor,
            item.teks,
            item.output,
            "ya" if aktif else "dipensiunkan",
        ]
        ws.append([sel(ws, value, kutip=True) for value in values])


def workbook_bytes(*, kegiatan: Iterable[Sequence] = (), dokumen: Iterable[Sequence] = ()) -> bytes:
    """The import layout; ``kegiatan`` and ``dokumen`` are rows of values in the order of the columns.

    Streamed (write-only): a kabupaten's whole export never sits in memory as cells.
    """
    wb = workbook()
    ws_kegiatan = _lembar_isian(wb, SHEET_KEGIATAN, KOLOM_KEGIATAN, kegiatan)
    ws_dokumen = _lembar_isian(wb, SHEET_DOKUMEN, KOLOM_DOKUMEN, dokumen)
    jenis_bukti = list(JenisBukti.objects.aktif().order_by("urutan").values_list("nama", flat=True))
    rentang_bukti = _lembar_daftar(wb, jenis_bukti)
    _lembar_katalog(wb)
    _daftar_pilihan(ws_kegiatan, KOLOM_KEGIATAN, "Kategori", _inline(PILIHAN_KATEGORI), "kategori")
    _daftar_pilihan(ws_kegiatan, KOLOM_KEGIATAN, "Status", _inline(PILIHAN_STATUS), "status")
    _daftar_pilihan(ws_kegiatan, KOLOM_KEGIATAN, "Jenis Bukti", rentang_bukti, "jenis bukti pendukung")
    _daftar_pilihan(ws_dokumen, KOLOM_DOKUMEN, "Dokumen", _inline(PILIHAN_DOKUMEN), "jenis dokumen")
    wb.active = 0
    return simpan(wb)


def template_bytes() -> bytes:
    """The empty template to download."""
    return workbook_bytes()
