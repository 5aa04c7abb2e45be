"""The upload page, the template download, the export download, roles and the navigation entry."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kecamatan.models import Kegiatan, Peran
from tests.indikator.impor_bantu import XLSX, buku, dokumen, kegiatan, unggah

URL = "/impor/"


@pytest.fixture
def kasi(senduro, lumajang, make_user):
    return make_user(Peran.KASI, kecamatan=senduro)


def test_url_names():
    assert reverse("impor:impor") == URL
    assert reverse("impor:templat") == "/impor/templat/"
    assert reverse("impor:ekspor-kecamatan", args=["35.08.12"]) == "/impor/ekspor/35.08.12/"


@pytest.mark.parametrize("peran,status", [(Peran.KASI, 200), (Peran.PIMPINAN, 403), (Peran.STAF, 403)])
def test_kecamatan_roles(senduro, make_user, client_for, peran, status):
    client = client_for(make_user(peran, kecamatan=senduro))
    assert client.get(URL).status_code == status
    assert client.post(URL, {"aksi": "simpan", "berkas": unggah(buku([kegiatan()]))}).status_code == status
    assert Kegiatan.objects.count() == (1 if status == 200 else 0)


@pytest.mark.parametrize("peran,status", [(Peran.ADMIN_KABUPATEN, 200), (Peran.PEMERIKSA, 403)])
def test_kabupaten_roles(senduro, make_user, client_for, peran, status):
    client = client_for(make_user(peran, kabupaten=senduro.kabupaten))
    assert client.get(URL).status_code == status


def test_anonymous_is_sent_to_login(db, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_nav_entry_only_for_roles_that_may_import(senduro, make_user, client_for):
    kasi_page = client_for(make_user(Peran.KASI, kecamatan=senduro)).get("/").content.decode()
    assert "Impor dari Excel" in kasi_page
    staf_page = client_for(make_user(Peran.STAF, kecamatan=senduro)).get("/").content.decode()
    assert "Impor dari Excel" not in staf_page
    assert "Ekspor data (format impor)" in staf_page


def test_the_form_carries_a_csrf_token_and_a_post_without_it_is_refused(kasi):
    client = Client(enforce_csrf_checks=True)
    client.force_login(kasi)
    page = client.get(URL).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'enctype="multipart/form-data"' in page
    response = client.post(URL, {"aksi": "simpan", "berkas": unggah(buku([kegiatan()]))})
    assert response.status_code == 403
    assert Kegiatan.objects.count() == 0


def test_check_only_then_import(kasi, client_for):
    client = client_for(kasi)
    content = buku([kegiatan()], [dokumen()])
    response = client.post(URL, {"aksi": "periksa", "berkas": unggah(content)})
    page = response.content.decode()
    assert "Berkas valid; belum ada yang disimpan." in page
    assert "1 kegiatan baru, 0 sudah ada" in page
    assert Kegiatan.objects.count() == 0
    page = client.post(URL, {"aksi": "simpan", "berkas": unggah(content)}).content.decode()
    assert "Impor selesai." in page and "1 dokumen desa baru" in page
    assert Kegiatan.objects.count() == 1
    page = client.post(URL, {"aksi": "simpan", "berkas": unggah(content)}).content.decode()
    assert "0 kegiatan baru, 1 sudah ada" in page and "1 tidak berubah" in page


def test_errors_are_shown_by_sheet_row_and_column_and_nothing_is_saved(kasi, client_for):
    content = buku([kegiatan(), kegiatan(**{"No Jenis": 30})], [dokumen(Desa="Tidakada")])
    response = client_for(kasi).post(URL, {"aksi": "simpan", "berkas": unggah(content)})
    page = response.content.decode()
    assert "2 kesalahan ditemukan; tidak ada yang disimpan." in page
    assert '<h2 class="h5 mt-3">Lembar Kegiatan</h2>' in page and '<h2 class="h5 mt-3">Lembar DokumenDesa</h2>' in page
    assert "<td>No Jenis (D)</td>" in page and "Jenis nomor 30 tidak ada" in page
    assert "<td>Desa (A)</td>" in page
    assert Kegiatan.objects.count() == 0


def test_a_file_that_is_not_xlsx_is_a_form_error(kasi, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("data.xlsx", b"%PDF-1.4\n%%EOF\n", content_type=XLSX)
    page = client_for(kasi).post(URL, {"aksi": "simpan", "berkas": pdf}).content.decode()
    assert "Berkas harus buku kerja Excel (.xlsx)" in page


def test_the_upload_size_limit(kasi, client_for, settings):
    content = buku([kegiatan()])
    settings.UPLOAD_MAX_BYTES = len(content) - 1
    page = client_for(kasi).post(URL, {"aksi": "simpan", "berkas": unggah(content)}).content.decode()
    assert "Berkas terlalu besar" in page
    assert Kegiatan.objects.count() == 0


def test_template_download_has_sheets_and_drop_downs(kasi, client_for):
    response = client_for(kasi).get("/impor/templat/")
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Kegiatan", "DokumenDesa", "Daftar", "Katalog"]
    assert wb["Daftar"].sheet_state == "hidden"
    assert [c.value for c in wb["Daftar"]["A"]][1:] == [
        "Rapat koordinasi",
        "Dokumen/Laporan",
        "SK Camat",
        "Rekomendasi",
        "Berita Acara hasil Fasilitasi dan koordinasi yang menjadi kewenangan Kecamatan",
    ]
    validations = {str(dv.sqref): dv.formula1 for dv in wb["Kegiatan"].data_validations.dataValidation}
    assert validations == {
        "C2:C10000": '"Fasilitasi,Koordinasi,Rekomendasi"',
        "I2:I10000": '"dilaksanakan,rencana,dibatalkan"',
        "L2:L10000": "'Daftar'!$A$2:$A$6",
    }
    dokumen_dv = {str(dv.sqref): dv.formula1 for dv in wb["DokumenDesa"].data_validations.dataValidation}
    assert dokumen_dv == {"B2:B10000": '"RKPDes,APBDes,LPPDes"'}
    assert wb["Katalog"].max_row == 64  # the 63 uraian aktivitas and a header


def test_the_empty_template_imports_as_nothing(kasi, client_for):
    content = client_for(kasi).get("/impor/templat/").content
    from indikator.impor.services import workbook_import

    hasil = workbook_import(user=kasi, file=unggah(content))
    assert hasil.ok and hasil.kegiatan_baru == 0 and hasil.dokumen_baru == 0


def test_export_download_is_scoped(kasi, client_for, lumajang):
    client = client_for(kasi)
    client.post(URL, {"aksi": "simpan", "berkas": unggah(buku([kegiatan()]))})
    response = client.get("/impor/ekspor/")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "data-iku-35.08.12-" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content))["Kegiatan"].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "35.08.12"
    assert client.get("/impor/ekspor/35.08.10/").status_code == 404


def test_pemeriksa_exports_one_kecamatan_or_the_whole_kabupaten(senduro, lumajang, make_user, client_for):
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=senduro.kabupaten))
    assert client.get("/impor/ekspor/35.08.10/").status_code == 200
    assert "data-iku-semua-" in client.get("/impor/ekspor/").headers["Content-Disposition"]


def test_the_empty_template_is_reported_as_containing_no_rows(kasi, client_for):
    client = client_for(kasi)
    content = client.get("/impor/templat/").content
    for aksi in ("periksa", "simpan"):
        html = client.post(URL, {"aksi": aksi, "berkas": unggah(content)}).content.decode()
        assert "Berkas tidak berisi baris data." in html, aksi
        assert "Berkas valid" not in html and "Impor selesai" not in html
        assert "Impor berkas ini" not in html


def test_a_checked_file_is_imported_without_choosing_it_again(kasi, client_for, make_user, senduro, settings):
    client = client_for(kasi)
    response = client.post(URL, {"aksi": "periksa", "berkas": unggah(buku([kegiatan()]))})
    html = response.content.decode()
    assert "Berkas valid; belum ada yang disimpan." in html and "Impor berkas ini" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert Kegiatan.objects.count() == 0
    # Another user cannot use the token: it names nothing in their own temporary folder.
    lain = make_user(Peran.KASI, kecamatan=senduro)
    html = client_for(lain).post(URL, {"aksi": "simpan", "token": token}).content.decode()
    assert "Berkas yang tadi diperiksa tidak ada lagi" in html and Kegiatan.objects.count() == 0
    client = client_for(kasi)
    html = client.post(URL, {"aksi": "simpan", "token": token}).content.decode()
    assert "Impor selesai." in html and Kegiatan.objects.count() == 1
    # Imported once: the kept file is gone, a second press imports nothing again.
    html = client.post(URL, {"aksi": "simpan", "token": token}).content.decode()
    assert "Berkas yang tadi diperiksa tidak ada lagi" in html and Kegiatan.objects.count() == 1
    assert not list((settings.MEDIA_ROOT / "impor-sementara").rglob("*.xlsx"))


def test_a_token_is_never_a_path(kasi, client_for):
    html = client_for(kasi).post(URL, {"aksi": "simpan", "token": "../../etc/passwd"}).content.decode()
    assert "Berkas yang tadi diperiksa tidak ada lagi" in html
