"""The upload page, the template download, the export download, roles and the navigation entry."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from desa.models import DokumenDesa
from kecamatan.models import Kegiatan, Peran
from pekerjaan.models import Pekerjaan
from tests.indikator.impor_bantu import XLSX, buku, dokumen, kegiatan, unggah
from tests.pekerjaan.alur import kirim, unduhan

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
    # A kasi's upload starts the import job (a redirect to its page); the others are refused at once.
    response, _ = kirim(client, "post", URL, {"aksi": "simpan", "berkas": unggah(buku([kegiatan()]))})
    assert response.status_code == (302 if status == 200 else status)
    assert Kegiatan.objects.count() == (1 if status == 200 else 0)
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
    page = _halaman_pekerjaan(client, {"aksi": "periksa", "berkas": unggah(content)})
    assert "Berkas valid; belum ada yang disimpan." in page
    assert "1 kegiatan baru, 0 sudah ada" in page
    assert Kegiatan.objects.count() == 0
    page = _halaman_pekerjaan(client, {"aksi": "simpan", "berkas": unggah(content)})
    assert "Impor selesai" in page and "1 dokumen desa baru" in page
    assert Kegiatan.objects.count() == 1
    page = _halaman_pekerjaan(client, {"aksi": "simpan", "berkas": unggah(content)})
    assert "0 kegiatan baru, 1 sudah ada" in page and "1 tidak berubah" in page


def test_errors_are_shown_by_sheet_row_and_column_and_nothing_is_saved(kasi, client_for):
    content = buku([kegiatan(), kegiatan(**{"No Jenis": 30})], [dokumen(Desa="Tidakada")])
    _, pekerjaan = kirim(client_for(kasi), "post", URL, {"aksi": "simpan", "berkas": unggah(content)})
    assert pekerjaan.status == Pekerjaan.Status.GAGAL
    assert pekerjaan.pesan.startswith("2 kesalahan ditemukan; tidak ada yang disimpan.")
    # One line per error, sheet by sheet, each naming its sheet, row and column as Excel shows them.
    assert [baris.split(":")[0] for baris in pekerjaan.rincian] == [
        "lembar Kegiatan, baris 3, kolom No Jenis (D)",
        "lembar DokumenDesa, baris 2, kolom Desa (A)",
    ]
    assert "Jenis nomor 30 tidak ada" in pekerjaan.rincian[0]
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
    kirim(client, "post", URL, {"aksi": "simpan", "berkas": unggah(buku([kegiatan()]))})
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
        html = _halaman_pekerjaan(client, {"aksi": aksi, "berkas": unggah(content)})
        assert "Berkas tidak berisi baris data." in html, aksi
        assert "Berkas valid" not in html and "Impor selesai" not in html
        assert "Impor berkas ini" not in html


def test_a_checked_file_is_imported_without_choosing_it_again(kasi, client_for, make_user, senduro, settings):
    client = client_for(kasi)
    _, pekerjaan = kirim(client, "post", URL, {"aksi": "periksa", "berkas": unggah(buku([kegiatan()]), "data.xlsx")})
    assert pekerjaan.status == Pekerjaan.Status.SELESAI and "Berkas valid; belum ada yang disimpan." in pekerjaan.pesan
    # The job's link leads back here, where the checked file waits for "Impor berkas ini".
    html = client.get(pekerjaan.url_hasil).content.decode()
    assert "Berkas valid; belum ada yang disimpan." in html and "Impor berkas ini" in html and "data.xlsx" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert Kegiatan.objects.count() == 0
    # Another user cannot use the token: it names nothing in their own temporary folder.
    lain = make_user(Peran.KASI, kecamatan=senduro)
    assert "Impor berkas ini" not in client_for(lain).get(pekerjaan.url_hasil).content.decode()
    response, _ = kirim(client_for(lain), "post", URL, {"aksi": "simpan", "token": token})
    html = response.content.decode()
    assert "Berkas yang tadi diperiksa tidak ada lagi" in html and Kegiatan.objects.count() == 0
    client = client_for(kasi)
    _, impor = kirim(client, "post", URL, {"aksi": "simpan", "token": token, "nama_berkas": "data.xlsx"})
    assert impor.status == Pekerjaan.Status.SELESAI and "Impor selesai" in impor.pesan
    assert Kegiatan.objects.count() == 1
    # Imported once: the kept file is gone, a second press imports nothing again.
    response, _ = kirim(client, "post", URL, {"aksi": "simpan", "token": token})
    html = response.content.decode()
    assert "Berkas yang tadi diperiksa tidak ada lagi" in html and Kegiatan.objects.count() == 1
    assert not list((settings.MEDIA_ROOT / "impor-sementara").rglob("*.xlsx"))


def _halaman_pekerjaan(client, data) -> str:
    """Upload, let the worker run the job, and read the job's page (its counts or its errors)."""
    response, pekerjaan = kirim(client, "post", URL, data)
    assert pekerjaan is not None, response
    return client.get(pekerjaan.get_absolute_url()).content.decode()


def test_a_token_is_never_a_path(kasi, client_for):
    html = client_for(kasi).post(URL, {"aksi": "simpan", "token": "../../etc/passwd"}).content.decode()
    assert "Berkas yang tadi diperiksa tidak ada lagi" in html


def _sementara(settings, folder="impor-sementara"):
    return list((settings.MEDIA_ROOT / folder).rglob("*.xlsx"))


def test_one_bad_row_among_good_ones_writes_nothing_and_the_upload_is_removed(kasi, client_for, settings):
    rows = [kegiatan(Keterangan=f"Rapat {n}") for n in range(5)] + [kegiatan(Tanggal="bukan tanggal")]
    _, pekerjaan = kirim(client_for(kasi), "post", URL, {"aksi": "simpan", "berkas": unggah(buku(rows, [dokumen()]))})
    assert pekerjaan.status == Pekerjaan.Status.GAGAL and pekerjaan.pesan.startswith("1 kesalahan ditemukan")
    assert pekerjaan.rincian[0].startswith("lembar Kegiatan, baris 7, kolom Tanggal")
    assert Kegiatan.objects.count() == 0 and not DokumenDesa.objects.exists()
    assert not _sementara(settings)


def test_the_upload_is_kept_only_after_a_dry_run_that_found_it_valid(kasi, client_for, settings):
    client = client_for(kasi)
    kirim(client, "post", URL, {"aksi": "periksa", "berkas": unggah(buku([kegiatan(Tanggal="x")]))})
    assert not _sementara(settings)
    kirim(client, "post", URL, {"aksi": "simpan", "berkas": unggah(buku([kegiatan()]))})
    assert not _sementara(settings) and Kegiatan.objects.count() == 1
    _, pekerjaan = kirim(client, "post", URL, {"aksi": "periksa", "berkas": unggah(buku([kegiatan(Keterangan="B")]))})
    assert len(_sementara(settings)) == 1 and "token=" in pekerjaan.url_hasil


def test_only_the_importer_sees_the_import_job(kasi, client_for, make_user, senduro, lumajang):
    _, pekerjaan = kirim(client_for(kasi), "post", URL, {"aksi": "periksa", "berkas": unggah(buku([kegiatan()]))})
    for user in (
        make_user(Peran.KASI, kecamatan=lumajang),
        make_user(Peran.KASI, kecamatan=senduro),
        make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten),
    ):
        assert client_for(user).get(pekerjaan.get_absolute_url()).status_code == 404
    assert client_for(kasi).get(pekerjaan.get_absolute_url()).status_code == 200


def test_a_large_export_is_written_by_the_worker_within_the_owners_scope(
    senduro, lumajang, make_user, client_for, settings
):
    settings.EKSPOR_SINKRON_MAKS_BARIS = 0
    admin = make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten)
    kirim(
        client_for(admin),
        "post",
        URL,
        {"aksi": "simpan", "berkas": unggah(buku([kegiatan(), kegiatan(Kecamatan="35.08.10")]))},
    )
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    client = client_for(kasi)
    response, pekerjaan = kirim(client, "get", "/impor/ekspor/")
    assert response.status_code == 302 and pekerjaan.status == Pekerjaan.Status.SELESAI, pekerjaan.pesan
    assert pekerjaan.nama_berkas.startswith("data-iku-35.08.12-")
    rows = list(load_workbook(io.BytesIO(unduhan(client, pekerjaan)))["Kegiatan"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["35.08.12"]
    _, semua = kirim(client_for(admin), "get", "/impor/ekspor/")
    rows = list(load_workbook(io.BytesIO(unduhan(client_for(admin), semua)))["Kegiatan"].iter_rows(values_only=True))
    assert sorted(r[0] for r in rows[1:]) == ["35.08.10", "35.08.12"]
    assert client_for(admin).get(pekerjaan.get_absolute_url()).status_code == 404
