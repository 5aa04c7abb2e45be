"""Hostile files: XML entity bombs, files that are not XLSX, macros, oversize; each refused cleanly, nothing saved."""

import io
import re
import time
import zipfile

import openpyxl
import pytest

from indikator.impor.services import workbook_import
from kecamatan.models import Kegiatan, Peran
from tests.indikator.impor_bantu import buku, kegiatan, lokasi, unggah

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ENTITAS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
DTD = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{ENTITAS}]>'
BOM_LEMBAR = (
    f'{DTD}<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)
BOM_STRING = f'{DTD}<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'


@pytest.fixture
def kasi(senduro, make_user):
    return make_user(Peran.KASI, kecamatan=senduro)


def _ganti_bagian(content: bytes, nama: str, isi: str, **lain: str) -> bytes:
    """Rewrite parts of an .xlsx (``lain`` maps more part names, with "/" as "__"), keeping the rest."""
    ganti = {nama: isi} | {k.replace("__", "/"): v for k, v in lain.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for item in names:
            dst.writestr(item, ganti.get(item, src.read(item)))
        for item, value in ganti.items():
            if item not in names:
                dst.writestr(item, value)
    return out.getvalue()


def _bagian(content: bytes, nama: str) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as src:
        return src.read(nama).decode()


def _dengan_dtd(xml: str) -> str:
    return DTD + (xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml)


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")
    assert functions.fromstring.__module__.startswith("defusedxml")


SHARED_STRINGS = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>'
)


def _bom(asli: bytes, bagian: str) -> bytes:
    if bagian == "xl/worksheets/sheet1.xml":
        return _ganti_bagian(asli, bagian, BOM_LEMBAR)
    if bagian == "xl/sharedStrings.xml":
        # openpyxl writes inline strings; declare a shared string table so that it is read.
        types = _bagian(asli, "[Content_Types].xml").replace("</Types>", SHARED_STRINGS)
        return _ganti_bagian(asli, bagian, BOM_STRING, **{"[Content_Types].xml": types})
    return _ganti_bagian(asli, bagian, _dengan_dtd(_bagian(asli, bagian)))


@pytest.mark.parametrize(
    "bagian", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml"]
)
def test_billion_laughs_is_refused_cleanly(kasi, bagian):
    bom = _bom(buku([kegiatan()]), bagian)
    mulai = time.monotonic()
    hasil = workbook_import(user=kasi, file=unggah(bom))
    assert time.monotonic() - mulai < 5
    assert lokasi(hasil) == [(None, None, None)]
    assert "entitas XML" in hasil.kesalahan[0].pesan
    assert Kegiatan.objects.count() == 0


def test_the_shared_string_table_is_really_read(kasi):
    """Guards the test above: without the bomb, the same construction imports a shared string."""
    asli = buku([kegiatan()])
    types = _bagian(asli, "[Content_Types].xml").replace("</Types>", SHARED_STRINGS)
    sst = f'<sst xmlns="{NS}" count="1" uniqueCount="1"><si><t>Dari tabel</t></si></sst>'
    sheet = _bagian(asli, "xl/worksheets/sheet1.xml")
    # Keterangan (column H) of row 2 as shared string number 0.
    sheet = re.sub(r'<c r="H2"[^>]*>.*?</c>', '<c r="H2" t="s"><v>0</v></c>', sheet)
    content = _ganti_bagian(
        asli, "xl/sharedStrings.xml", sst, **{"[Content_Types].xml": types, "xl__worksheets__sheet1.xml": sheet}
    )
    hasil = workbook_import(user=kasi, file=unggah(content))
    assert hasil.ok, hasil.kesalahan
    assert Kegiatan.objects.get().keterangan == "Dari tabel"


def test_a_pdf_named_xlsx_is_refused(kasi):
    hasil = workbook_import(user=kasi, file=unggah(b"%PDF-1.4\n1 0 obj\n%%EOF\n", name="data.xlsx"))
    assert lokasi(hasil) == [(None, None, None)]
    assert "Excel (.xlsx)" in hasil.kesalahan[0].pesan


def test_a_docx_is_refused(kasi):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "wordprocessingml.document.main+xml")
        z.writestr("word/document.xml", "<w:document/>")
    hasil = workbook_import(user=kasi, file=unggah(out.getvalue()))
    assert "Excel (.xlsx)" in hasil.kesalahan[0].pesan


def test_a_macro_workbook_is_refused(kasi):
    content = _ganti_bagian(buku([kegiatan()]), "xl/vbaProject.bin", "x")
    hasil = workbook_import(user=kasi, file=unggah(content))
    assert "makro" in hasil.kesalahan[0].pesan
    assert Kegiatan.objects.count() == 0


def test_a_broken_workbook_is_refused(kasi):
    content = _ganti_bagian(buku([kegiatan()]), "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>")
    hasil = workbook_import(user=kasi, file=unggah(content))
    assert lokasi(hasil) == [(None, None, None)]
    assert Kegiatan.objects.count() == 0


def test_the_size_limit_applies(kasi, settings):
    content = buku([kegiatan()])
    settings.UPLOAD_MAX_BYTES = len(content) - 1
    hasil = workbook_import(user=kasi, file=unggah(content))
    assert "terlalu besar" in hasil.kesalahan[0].pesan


def test_a_text_formula_keeps_its_value_through_the_quote_prefix(kasi):
    # An apostrophe before "=" (how other exports defuse formulas) is not part of the value.
    hasil = workbook_import(user=kasi, file=unggah(buku([kegiatan(Keterangan="'=1+1 rapat")])))
    assert hasil.ok
    assert Kegiatan.objects.get().keterangan == "=1+1 rapat"


def _dengan_baris(content: bytes, sheet: str, mutate) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    mutate(wb[sheet])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_styled_cell_far_to_the_right_is_ignored(kasi):
    # Read-only openpyxl pads rows out to the widest cell; the reader stops at the last known column.
    def lebar(ws):
        ws["XFD2"].font = openpyxl.styles.Font(bold=True)
        ws["XFD3"] = "catatan di luar tabel"

    content = _dengan_baris(buku([kegiatan(), kegiatan(Keterangan="Rapat kedua")]), "Kegiatan", lebar)
    hasil = workbook_import(user=kasi, file=unggah(content))
    assert hasil.ok, hasil.kesalahan
    assert Kegiatan.objects.count() == 2


def test_blank_rows_count_toward_a_cap(kasi, monkeypatch):
    monkeypatch.setattr("indikator.impor.reader.MAKS_BARIS_DIBACA", 5)

    def jauh(ws):
        ws.cell(row=10, column=1, value="35.08.12")

    content = _dengan_baris(buku([kegiatan()]), "Kegiatan", jauh)
    hasil = workbook_import(user=kasi, file=unggah(content))
    assert not hasil.ok
    assert any("terlalu panjang" in k.pesan for k in hasil.kesalahan)
    assert Kegiatan.objects.count() == 0
