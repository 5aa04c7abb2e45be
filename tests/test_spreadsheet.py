"""The one spreadsheet writer: declarative columns, the formula guard on every kind of cell, and that
nothing else in the project creates a workbook or keeps its own list of formula starters."""

import ast
import datetime
import io
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from iku_project import spreadsheet
from iku_project.spreadsheet import AWALAN_RUMUS, Kolom, bisa_rumus, sel, teks_aman, tulis

ROOT = Path(__file__).resolve().parent.parent
WRITER = ROOT / "iku_project" / "spreadsheet.py"
BERBAHAYA = ["=1+1", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1", "\n=1+1"]
# Values that are not text stay what they are: a negative number is a number, not a "-" formula.
BUKAN_TEKS = [5, -5, 0, -2.5, Decimal("-12.34"), datetime.date(2026, 3, 1), datetime.datetime(2026, 3, 1, 8, 30)]


def _baca(wb):
    return load_workbook(io.BytesIO(spreadsheet.simpan(wb))).worksheets[0]


def _tertulis(value, *, streamed: bool, kutip: bool):
    """``value`` written through the writer, read back from the saved file."""
    wb = spreadsheet.workbook(write_only=streamed)
    if streamed:
        sheet = wb.create_sheet("Uji")
        sheet.append([sel(sheet, value, kutip=kutip)])
    else:
        tulis(wb.active, 1, 1, value, kutip=kutip)
    return _baca(wb)["A1"]


def test_the_prefix_set_is_the_one_of_the_issue():
    # LF besides CR: the XML parser reads a stored CR back as LF (see the writer).
    assert set(AWALAN_RUMUS) == {"=", "+", "-", "@", "\t", "\r", "\n"}


@pytest.mark.parametrize("teks", BERBAHAYA)
def test_every_formula_starter_is_caught(teks):
    assert bisa_rumus(teks) and teks_aman(teks) == "'" + teks


@pytest.mark.parametrize("value", ["Rapat = penting", " =spasi dulu", "", "'=sudah dikutip", None, *BUKAN_TEKS])
def test_other_values_pass_the_guard_unchanged(value):
    assert not bisa_rumus(value) and teks_aman(value) == value


@pytest.mark.parametrize("streamed", [True, False], ids=["write-only", "normal"])
@pytest.mark.parametrize("teks", BERBAHAYA)
def test_text_cells_get_an_apostrophe_and_never_run(teks, streamed):
    cell = _tertulis(teks, streamed=streamed, kutip=False)
    assert cell.data_type == "s"
    # The XML parser turns a stored CR into LF; the apostrophe in front is what matters.
    assert cell.value == "'" + teks.replace("\r", "\n")


@pytest.mark.parametrize("streamed", [True, False], ids=["write-only", "normal"])
@pytest.mark.parametrize("teks", BERBAHAYA)
def test_the_import_layout_keeps_the_value_and_sets_quote_prefix(teks, streamed):
    cell = _tertulis(teks, streamed=streamed, kutip=True)
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value == teks.replace("\r", "\n")


@pytest.mark.parametrize("streamed", [True, False], ids=["write-only", "normal"])
@pytest.mark.parametrize("kutip", [False, True])
@pytest.mark.parametrize("value", BUKAN_TEKS, ids=repr)
def test_numbers_and_dates_stay_numbers_and_dates(value, streamed, kutip):
    cell = _tertulis(value, streamed=streamed, kutip=kutip)
    assert not cell.quotePrefix
    if isinstance(value, datetime.date):
        assert cell.data_type == "d" and cell.is_date and cell.number_format == spreadsheet.FORMAT_TANGGAL
        sebagai_waktu = datetime.datetime.combine(value, datetime.time()) if type(value) is datetime.date else value
        assert cell.value == sebagai_waktu
    else:
        assert cell.data_type == "n" and cell.value == pytest.approx(float(value))


def test_plain_text_is_neither_quoted_nor_prefixed():
    cell = _tertulis("Rapat = penting", streamed=True, kutip=False)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("Rapat = penting", "s", False)


def test_columns_read_attributes_paths_methods_and_callables():
    item = SimpleNamespace(
        nama="=Musdes", seksi=SimpleNamespace(nama="Pemerintahan"), jumlah=-3, status=lambda: "Selesai"
    )
    kolom = [
        Kolom("Nama", "nama", 30),
        Kolom("Seksi", "seksi.nama", 20),
        Kolom("Jumlah", "jumlah", 8, spreadsheet.FORMAT_BILANGAN),
        Kolom("Status", "status"),
        Kolom("Hitung", lambda i: i.jumlah * 2, 10),
    ]
    wb = spreadsheet.workbook()
    sheet = wb.create_sheet("Uji")
    spreadsheet.kolom_lebar(sheet, kolom)
    sheet.append(spreadsheet.kolom_kepala(sheet, kolom))
    spreadsheet.tabel_tulis(sheet, kolom, [item])
    hasil = _baca(wb)
    assert [c.value for c in hasil[1]] == ["Nama", "Seksi", "Jumlah", "Status", "Hitung"]
    assert all(c.font.bold for c in hasil[1])
    assert [c.value for c in hasil[2]] == ["'=Musdes", "Pemerintahan", -3, "Selesai", -6]
    assert hasil["C2"].number_format == spreadsheet.FORMAT_BILANGAN
    assert [hasil.column_dimensions[h].width for h in "ABCE"] == [30, 20, 8, 10]
    assert hasil.column_dimensions["D"].width != 30  # no width given: the default stays


def test_print_setup_counts_the_rows_of_a_streamed_sheet():
    wb = spreadsheet.workbook()
    sheet = wb.create_sheet("Uji")
    spreadsheet.cetak_siapkan(sheet, lanskap=False, baris_judul="1:1")
    for nomor in range(3):
        sheet.append([sel(sheet, nomor), sel(sheet, "x")])
    spreadsheet.cetak_area(sheet, kolom=2)
    hasil = _baca(wb)
    assert str(hasil.print_area).endswith("$A$1:$B$3")
    assert hasil.page_setup.orientation == "portrait" and hasil.page_setup.paperSize == 9


def test_the_import_reader_undoes_exactly_the_writers_prefixes():
    from indikator.impor import reader

    assert reader.AWALAN_RUMUS is AWALAN_RUMUS


@pytest.mark.parametrize("awal", AWALAN_RUMUS)
def test_a_guarded_export_value_imports_as_it_was(awal, senduro, make_user):
    """What an export wrote with the apostrophe reads back without it, for every prefix the writer guards."""
    from indikator.impor.services import workbook_import
    from kecamatan.models import Kegiatan, Peran
    from tests.indikator.impor_bantu import buku, kegiatan, unggah

    asli = f"{awal}1 rapat"
    hasil = workbook_import(
        user=make_user(Peran.KASI, kecamatan=senduro), file=unggah(buku([kegiatan(Keterangan=teks_aman(asli))]))
    )
    assert hasil.ok, hasil.kesalahan
    # The reader trims whitespace around a cell's text (so a leading tab or line break goes too).
    assert Kegiatan.objects.get().keterangan == asli.strip()


def _sumber_aplikasi():
    for path in sorted(ROOT.rglob("*.py")):
        bagian = path.relative_to(ROOT).parts
        if bagian[0] in {".venv", "node_modules", "tests"} or "migrations" in bagian:
            continue
        yield path


def _pelanggaran(path: Path) -> list[str]:
    """Workbooks or guard-less cells made outside the writer, and any other set of formula starters."""
    hasil = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl"):
            hasil += [f"imports {a.name}" for a in node.names if a.name in {"Workbook", "WriteOnlyCell"}]
        elif isinstance(node, ast.Call):
            nama = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if nama in {"Workbook", "WriteOnlyCell"}:
                hasil.append(f"calls {nama}() on line {node.lineno}")
        elif isinstance(node, ast.Tuple | ast.List | ast.Set):
            teks = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            if {"=", "@"} <= teks or {"=", "+", "-"} <= teks:
                hasil.append(f"defines formula starters on line {node.lineno}")
    return hasil


def test_only_the_writer_creates_workbooks_or_knows_the_formula_starters():
    assert _pelanggaran(WRITER), "the check must recognise the writer's own workbook and prefix set"
    pelanggaran = {
        str(path.relative_to(ROOT)): masalah
        for path in _sumber_aplikasi()
        if path != WRITER and (masalah := _pelanggaran(path))
    }
    assert pelanggaran == {}
