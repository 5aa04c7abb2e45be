"""The import workbook: the empty template, and the same layout filled by the export.

Drop-down lists (openpyxl ``DataValidation``) guide typing in Excel and
LibreOffice; they are advice only, the reader checks every value again.
"""

from collections.abc import Iterable, Sequence

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from iku_project.spreadsheet import lebar_kolom, simpan, tulis, workbook
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


def _tulis(ws, row: int, column: int, value):
    # quotePrefix rather than an apostrophe: the cell stays text when edited in Excel, and its
    # value goes back into the import unchanged.
    return tulis(ws, row, column, value, kutip=True)


def _header(ws, kolom: Sequence[Kolom]) -> None:
    for index, item in enumerate(kolom, start=1):
        cell = _tulis(ws, 1, index, item.nama)
        cell.font = Font(bold=True)
        cell.fill = WARNA_WAJIB if item.wajib else WARNA_OPSIONAL
        cell.comment = Comment(("Wajib. " if item.wajib else "Opsional. ") + item.petunjuk, "IKU Kecamatan")
        ws.column_dimensions[get_column_letter(index)].width = item.lebar
    ws.freeze_panes = "A2"


def _huruf(kolom: Sequence[Kolom], nama: str) -> str:
    return get_column_letter(next(i for i, k in enumerate(kolom, start=1) if k.nama == nama))


def _daftar_pilihan(ws, kolom: Sequence[Kolom], nama: str, formula: str, judul: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.error = f"Pilih {judul} dari daftar."
    validation.errorTitle = "Isian tidak dikenal"
    validation.prompt = f"Pilih {judul}."
    validation.promptTitle = nama
    ws.add_data_validation(validation)
    huruf = _huruf(kolom, nama)
    validation.add(f"{huruf}2:{huruf}{BARIS_VALIDASI}")


def _inline(values: Iterable[str]) -> str:
    return '"' + ",".join(values) + '"'


def _lembar_daftar(wb, jenis_bukti: list[str]) -> str:
    """Write the list sources; returns the range of the jenis bukti names."""
    ws = wb.create_sheet(SHEET_DAFTAR)
    ws.sheet_state = "hidden"
    _tulis(ws, 1, 1, "Jenis Bukti")
    for row, nama in enumerate(jenis_bukti, start=2):
        _tulis(ws, row, 1, nama)
    # The five names are too long for an inline list (Excel caps it at 255 characters).
    return f"{quote_sheetname(SHEET_DAFTAR)}!$A$2:$A${len(jenis_bukti) + 1}"


def _lembar_katalog(wb) -> None:
    ws = wb.create_sheet(SHEET_KATALOG)
    judul = ["Kategori", "No Jenis", "Jenis kegiatan", "No Uraian", "Uraian aktivitas", "Output aktivitas", "Aktif"]
    for column, text in enumerate(judul, start=1):
        _tulis(ws, 1, column, text).font = Font(bold=True)
    lebar_kolom(ws, (12, 9, 45, 9, 60, 40, 7))
    uraian = UraianAktivitas.objects.select_related("jenis").order_by("jenis__kategori", "jenis__nomor", "nomor")
    for row, item in enumerate(uraian, start=2):
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
        for column, value in enumerate(values, start=1):
            _tulis(ws, row, column, value)
    ws.freeze_panes = "A2"


def workbook_bytes(*, kegiatan: Iterable[Sequence] = (), dokumen: Iterable[Sequence] = ()) -> bytes:
    """The import layout; ``kegiatan`` and ``dokumen`` are rows of values in the order of the columns."""
    # Not streamed: drop-down lists, header comments and a hidden sheet need a normal workbook.
    wb = workbook(write_only=False)
    ws_kegiatan = wb.active
    ws_kegiatan.title = SHEET_KEGIATAN
    ws_dokumen = wb.create_sheet(SHEET_DOKUMEN)
    _header(ws_kegiatan, KOLOM_KEGIATAN)
    _header(ws_dokumen, KOLOM_DOKUMEN)
    for row, values in enumerate(kegiatan, start=2):
        for column, value in enumerate(values, start=1):
            if value not in (None, ""):
                _tulis(ws_kegiatan, row, column, value)
    for row, values in enumerate(dokumen, start=2):
        for column, value in enumerate(values, start=1):
            if value not in (None, ""):
                _tulis(ws_dokumen, row, column, value)

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
