"""Every report workbook prints on A4, one page wide, with its header rows repeated and a print area
that is exactly its table (issue 19, point 9)."""

import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from desa import selectors as desa_selectors
from desa.export import matriks_xlsx
from indikator.laporan import generator, xlsx
from kecamatan import selectors
from kecamatan.export import kegiatan_xlsx
from kecamatan.models import Peran
from kecamatan.periode import tahunan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF
from wilayah.models import Kabupaten, Kecamatan

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root


def _buka(content):
    return load_workbook(io.BytesIO(content))


def _cetak(sheet):
    setup = sheet.page_setup
    return {
        "kertas": setup.paperSize,
        "orientasi": setup.orientation,
        "muat": sheet.sheet_properties.pageSetUpPr.fitToPage if sheet.sheet_properties.pageSetUpPr else None,
        "lebar": setup.fitToWidth,
        "tinggi": setup.fitToHeight,
        "judul": (sheet.print_title_rows or "").replace("$", ""),
    }


def _a4(orientasi, judul):
    # paperSize 9 is A4; fitToHeight 0 means "as many pages down as needed".
    return {"kertas": 9, "orientasi": orientasi, "muat": True, "lebar": 1, "tinggi": 0, "judul": judul}


def _area(sheet):
    """The print area, which must cover the last written row and column."""
    (area,) = sheet.print_area if isinstance(sheet.print_area, list) else [sheet.print_area]
    area = area.split("!")[-1].replace("$", "")
    assert area == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    return area


def test_laporan_capaian_prints_on_a4_landscape_one_page_wide(laporan_2024):
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    workbook = _buka(xlsx.laporan_capaian_xlsx(laporan))
    capaian = workbook["Capaian"]
    assert _cetak(capaian) == _a4("landscape", "4:4")
    # Page 1 holds the indicator names and their figures: every column A–G is in the area of one page width.
    assert _area(capaian).startswith("A1:G")
    assert capaian["B5"].value == laporan.nama_iku1 and capaian["C5"].value == laporan.hasil.iku1.numerator
    assert _cetak(workbook["Lampiran I Kegiatan"]) == _a4("landscape", "4:4")
    assert _area(workbook["Lampiran I Kegiatan"]).startswith("A1:M")
    assert _cetak(workbook["Lampiran II Dokumen Desa"]) == _a4("landscape", "4:4")
    _area(workbook["Lampiran II Dokumen Desa"])


def test_rekap_kabupaten_prints_on_a4_landscape(laporan_2024):
    kabupaten = Kabupaten.objects.get(kode="35.08")
    rekap = generator.rekap_kabupaten_generate(
        kabupaten=kabupaten,
        kecamatan_qs=Kecamatan.objects.filter(kabupaten=kabupaten),
        periode=tahunan(2024),
        as_of=AS_OF,
        dicetak_pada=laporan_util.datetime.datetime(2025, 1, 15, 2, 30, tzinfo=laporan_util.datetime.UTC),
    )
    sheet = _buka(xlsx.rekap_kabupaten_xlsx(rekap))["Rekap"]
    assert _cetak(sheet) == _a4("landscape", "4:4")
    assert _area(sheet).startswith("A1:K")
    assert sheet.cell(sheet.max_row, 3).value == "Kabupaten"


def test_dokumen_iku_prints_with_its_table_header_repeated(laporan_2024):
    workbook = _buka(xlsx.dokumen_iku_xlsx(generator.dokumen_iku_generate(kecamatan=laporan_2024, hari_ini=AS_OF)))
    sheet = workbook["Dokumen IKU"]
    assert _cetak(sheet) == _a4("landscape", "10:10")
    assert sheet["C10"].value == "Indikator Kinerja Utama"
    _area(sheet)
    assert _cetak(workbook["Katalog"]) == _a4("landscape", "1:1")
    _area(workbook["Katalog"])
    assert _cetak(workbook["Bukti pendukung"]) == _a4("portrait", "1:1")
    _area(workbook["Bukti pendukung"])


@pytest.mark.parametrize("daftar_kosong", [False, True])
def test_kegiatan_export_prints_on_a4_landscape(laporan_2024, make_user, daftar_kosong):
    user = make_user(Peran.KASI, kecamatan=laporan_2024)
    kegiatan = selectors.kegiatan_list(user=user, as_of=AS_OF, filters={"tahun": 1999 if daftar_kosong else None})
    sheet = _buka(kegiatan_xlsx(kegiatan, judul="Daftar kegiatan", as_of=AS_OF)).active
    assert _cetak(sheet) == _a4("landscape", "3:3")
    assert _area(sheet) == ("A1:N3" if daftar_kosong else f"A1:N{3 + kegiatan.count()}")
    assert sheet.max_row > 3 or daftar_kosong


def test_matrix_export_prints_on_a4_landscape(laporan_2024):
    data = desa_selectors.matriks_dokumen(kecamatan=laporan_2024, tahun=2024, basis="jatuh_tempo", as_of=AS_OF)
    sheet = _buka(matriks_xlsx(data)).active
    assert _cetak(sheet) == _a4("landscape", "5:6")
    _area(sheet)
