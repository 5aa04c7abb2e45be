import pytest

from kecamatan.models import Kegiatan, Peran
from tests.conftest import PASSWORD
from tests.indikator.impor_bantu import XLSX, buku, dokumen, kegiatan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kasi(senduro, lumajang, make_user):
    return make_user(Peran.KASI, kecamatan=senduro, username="kasi.senduro")


def _berkas(content: bytes, name: str = "kegiatan.xlsx") -> dict:
    return {"name": name, "mimeType": XLSX, "buffer": content}


def test_kasi_imports_a_workbook_then_sees_the_errors_of_a_broken_one(kasi, login, page):
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
    page.wait_for_load_state("networkidle")
    ringkasan = page.get_by_test_id("impor-ringkasan")
    assert "Impor selesai." in ringkasan.inner_text()
    assert page.get_by_test_id("ringkasan-kegiatan").inner_text() == "2 kegiatan baru, 0 sudah ada"
    assert page.get_by_test_id("ringkasan-dokumen").inner_text().startswith("1 dokumen desa baru")
    assert Kegiatan.objects.count() == 2

    rusak = buku([kegiatan(Keterangan="baru"), kegiatan(Tanggal="30/02/2024")], [dokumen(Desa="Tidakada")])
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(_berkas(rusak, "rusak.xlsx"))
    page.get_by_role("button", name="Impor", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "2 kesalahan ditemukan; tidak ada yang disimpan." in page.get_by_test_id("impor-gagal").inner_text()
    baris = page.get_by_test_id("kesalahan-Kegiatan").locator("tbody tr")
    assert baris.count() == 1
    sel = [baris.nth(0).locator("td").nth(i).inner_text() for i in range(4)]
    assert sel[:3] == ["Kegiatan", "3", "Tanggal (B)"]
    assert "tidak ada di kalender" in sel[3]
    dokumen_baris = page.get_by_test_id("kesalahan-DokumenDesa").locator("tbody tr")
    assert [dokumen_baris.nth(0).locator("td").nth(i).inner_text() for i in range(3)] == [
        "DokumenDesa",
        "2",
        "Desa (A)",
    ]
    assert Kegiatan.objects.count() == 2  # the valid row of the broken file was not saved either


def test_staf_has_no_import_entry(senduro, make_user, login, page):
    make_user(Peran.STAF, kecamatan=senduro, username="staf.senduro")
    login("staf.senduro", PASSWORD)
    page.get_by_role("button", name="Lainnya").click()
    assert page.get_by_role("link", name="Impor dari Excel").count() == 0
