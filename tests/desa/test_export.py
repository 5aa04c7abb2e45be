import datetime
import io

import pytest
from openpyxl import load_workbook

from iku_project.spreadsheet import teks_aman
from kecamatan.models import Peran
from pekerjaan.models import Pekerjaan
from tests.pekerjaan.alur import kirim, unduhan
from wilayah.models import Desa

D = datetime.date


@pytest.mark.parametrize("awal", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_could_run_as_a_formula_gets_an_apostrophe(awal):
    assert teks_aman(f"{awal}SUM(A1:A9)") == f"'{awal}SUM(A1:A9)"


@pytest.mark.parametrize("value", ["Kandangtepus", "140/12/2001/2026", "", " =spasi dulu", 5, None, D(2026, 1, 1)])
def test_other_values_pass_unchanged(value):
    assert teks_aman(value) == value


def _workbook(client, url="/desa/dokumen/", **params):
    response = client.get(url, {"export": "xlsx", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return response, load_workbook(io.BytesIO(response.content)).active


def test_export_never_contains_a_formula(client_for, make_user, senduro, make_dokumen, hari_ini):
    jahat = Desa.objects.create(kode="35.08.12.2099", nama='=HYPERLINK("http://x","klik")', kecamatan=senduro)
    for jenis, ta, nomor in [("rkpdes", 2027, "+1+1"), ("apbdes", 2027, "-2"), ("lppdes", 2025, "@SUM(1)")]:
        make_dokumen(jahat, jenis, ta, D(2026, 3, 1), nomor=nomor)
    make_dokumen(Desa.objects.get(kode="35.08.12.2001"), "rkpdes", 2027, D(2026, 9, 30), nomor="\tcmd")
    _, ws = _workbook(client_for(make_user(Peran.KASI, kecamatan=senduro)), tahun=2026)
    values = [cell for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in values if c.data_type == "f"]
    texts = {c.value for c in values if isinstance(c.value, str)}
    assert '\'=HYPERLINK("http://x","klik")' in texts
    assert {"'+1+1", "'-2", "'@SUM(1)", "'\tcmd"} <= texts
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_export_layout(client_for, make_user, senduro, make_dokumen, hari_ini):
    make_dokumen(Desa.objects.get(kode="35.08.12.2001"), "rkpdes", 2027, D(2026, 9, 30), nomor="7 Tahun 2026")
    response, ws = _workbook(client_for(make_user(Peran.PIMPINAN, kecamatan=senduro)), tahun=2026)
    assert 'filename="dokumen-desa-35.08.12-2026.xlsx"' in response["Content-Disposition"]
    assert ws["A1"].value == "Dokumen administrasi pemerintahan desa (IKU 2)"
    assert "Kecamatan Senduro" in ws["A2"].value and "tahun pengukuran 2026" in ws["A2"].value
    assert ws["A3"].value == "Status per 23 November 2026"
    assert ws["D5"].value == "RKPDes TA 2027 (tenggat 30 September 2026)"
    assert ws["J5"].value == "LPPDes TA 2025 (tenggat 31 Maret 2026)"
    assert [ws.cell(6, c).value for c in range(1, 7)] == [None, None, None, "Tanggal", "Nomor", "Status"]
    assert ws.freeze_panes == "D7"
    # Row 7 is the first desa (by code): Kandangtepus.
    assert ws["C7"].value == "Kandangtepus"
    assert ws["D7"].value == datetime.datetime(2026, 9, 30) and ws["D7"].number_format == "DD/MM/YYYY"
    assert (ws["E7"].value, ws["F7"].value) == ("7 Tahun 2026", "Tepat waktu")
    assert ws["I7"].value == "Belum jatuh tempo" and ws["L7"].value == "Belum ada"
    assert ws["D10"].value == "1 dari 3 desa tepat waktu"
    assert ws.column_dimensions["C"].width == 28 and ws.column_dimensions["E"].width == 22


def test_export_lists_kelurahan_apart(client_for, make_user, lumajang, hari_ini):
    _, ws = _workbook(
        client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=lumajang)), "/desa/dokumen/kecamatan/35.08.10/"
    )
    column_c = [ws.cell(r, 3).value for r in range(7, ws.max_row + 1)]
    assert column_c[:2] == ["Denok", "Blukon"]
    assert "Jogotrunan" in column_c[3:] and "Kepuharjo" in column_c[3:]


def test_a_matrix_above_the_threshold_is_written_by_the_worker(
    client_for, make_user, senduro, lumajang, hari_ini, settings
):
    """A matrix is one kecamatan's desa (a few dozen rows), answered at once; above the threshold, a job."""
    settings.EKSPOR_SINKRON_MAKS_BARIS = 1
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    response, pekerjaan = kirim(client, "get", "/desa/dokumen/", {"export": "xlsx", "tahun": 2026})
    assert response.status_code == 302 and pekerjaan.status == Pekerjaan.Status.SELESAI, pekerjaan.pesan
    assert pekerjaan.nama_berkas == "dokumen-desa-35.08.12-2026.xlsx" and pekerjaan.kecamatan == senduro
    ws = load_workbook(io.BytesIO(unduhan(client, pekerjaan))).active
    assert ws["C7"].value == "Kandangtepus"
    lain = client_for(make_user(Peran.KASI, kecamatan=lumajang))
    assert lain.get(pekerjaan.get_absolute_url()).status_code == 404
