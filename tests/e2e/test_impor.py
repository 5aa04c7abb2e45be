import pytest
from playwright.sync_api import expect

from kecamatan.models import Kegiatan, Peran
from tests.conftest import PASSWORD
from tests.indikator.impor_bantu import XLSX, buku, dokumen, kegiatan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kasi(senduro, lumajang, make_user):
    return make_user(Peran.KASI, kecamatan=senduro, username="kasi.senduro")


def _berkas(content: bytes, name: str = "kegiatan.xlsx") -> dict:
    return {"name": name, "mimeType": XLSX, "buffer": content}


def test_kasi_imports_a_workbook_then_sees_the_errors_of_a_broken_one(kasi, login, page, pekerja):
    login("kasi.senduro", PASSWORD)
    page.get_by_role("button", name="Lainnya").click()
    page.get_by_role("link", name="Impor dari Excel").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Impor dari Excel").is_visible()

    valid = buku(
        [
            kegiatan(Desa="Kandangan", Output="BA", **{"Tanggal Output": "2024-03-02"}),
            kegiatan(Output="BA", **{"Tanggal Output": "2024-03-02", "Jenis Bukti": "SK Camat", "Nomor Bukti": "1"}),
        ],
        [dokumen()],
    )
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(_berkas(valid))
    page.get_by_role("button", name="Impor", exact=True).click()
    # The rows are checked and saved by a job: its page shows the progress, then the counts.
    expect(page.get_by_role("progressbar")).to_be_visible()
    pekerja.mulai()
    hasil = page.get_by_test_id("pekerjaan-kemajuan")
    expect(hasil).to_contain_text("Impor selesai", timeout=60_000)
    assert "2 kegiatan baru, 0 sudah ada" in hasil.inner_text()
    assert "1 dokumen desa baru" in hasil.inner_text()
    assert Kegiatan.objects.count() == 2
    pekerja.berhenti()
    page.get_by_role("link", name="Lanjutkan").click()
    page.wait_for_load_state("networkidle")

    rusak = buku([kegiatan(Keterangan="baru"), kegiatan(Tanggal="30/02/2024")], [dokumen(Desa="Tidakada")])
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(_berkas(rusak, "rusak.xlsx"))
    page.get_by_role("button", name="Impor", exact=True).click()
    pekerja.mulai()
    galat = page.get_by_test_id("pekerjaan-galat")
    expect(galat).to_contain_text("2 kesalahan ditemukan; tidak ada yang disimpan.", timeout=60_000)
    # One line per error, the Kegiatan sheet's first, each naming its sheet, row and column.
    baris = galat.locator("li")
    assert baris.count() == 2
    assert baris.nth(0).inner_text().startswith("lembar Kegiatan, baris 3, kolom Tanggal (B): ")
    assert "tidak ada di kalender" in baris.nth(0).inner_text()
    assert baris.nth(1).inner_text().startswith("lembar DokumenDesa, baris 2, kolom Desa (A): ")
    assert Kegiatan.objects.count() == 2  # the valid row of the broken file was not saved either


def test_staf_has_no_import_entry(senduro, make_user, login, page):
    make_user(Peran.STAF, kecamatan=senduro, username="staf.senduro")
    login("staf.senduro", PASSWORD)
    page.get_by_role("button", name="Lainnya").click()
    assert page.get_by_role("link", name="Impor dari Excel").count() == 0
