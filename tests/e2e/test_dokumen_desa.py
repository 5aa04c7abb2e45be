import datetime

import pytest

from desa.models import DokumenDesa
from kecamatan.models import Peran
from tests.conftest import PASSWORD
from wilayah.models import Desa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kasi(senduro, make_user, monkeypatch):
    # The live server runs in this process, so the pages' as-of date can be fixed here.
    monkeypatch.setattr("desa.views.hari_ini", lambda: datetime.date(2026, 11, 23))
    return make_user(Peran.KASI, kecamatan=senduro, username="kasi.senduro")


def _cell(page, desa, jenis, ta):
    return page.locator(f"#sel-{desa.pk}-{jenis}-{ta}")


def test_kasi_enters_dates_in_the_matrix_and_cells_turn_to_their_status(kasi, login, page):
    argosari = Desa.objects.get(nama="Argosari")
    kandangan = Desa.objects.get(nama="Kandangan")
    login("kasi.senduro", PASSWORD)
    page.goto("/desa/dokumen/")
    assert page.get_by_role("heading", name="Dokumen administrasi pemerintahan desa").is_visible()
    cell = _cell(page, argosari, "rkpdes", 2027)
    assert cell.get_attribute("data-status") == "belum_ada"
    assert page.locator("#total-rkpdes").inner_text() == "0 dari 3 desa tepat waktu"

    # On the deadline day: on time, and the column total follows without a reload.
    cell.get_by_role("link", name="Isi RKPDes TA 2027 Argosari").click()
    cell.get_by_label("Tanggal penetapan").fill("2026-09-30")
    cell.get_by_label("Nomor Perdes").fill("4 Tahun 2026")
    cell.get_by_role("button", name="Simpan").click()
    cell = _cell(page, argosari, "rkpdes", 2027)
    page.wait_for_selector(f"#sel-{argosari.pk}-rkpdes-2027[data-status='tepat_waktu']")
    assert "Tepat waktu" in cell.inner_text() and "30 September 2026" in cell.inner_text()
    assert "4 Tahun 2026" in cell.inner_text()
    assert page.locator("#total-rkpdes").inner_text() == "1 dari 3 desa tepat waktu"
    assert page.url.endswith("/desa/dokumen/")  # edited in place, no page load

    # The day after the deadline: late.
    cell = _cell(page, kandangan, "rkpdes", 2027)
    cell.get_by_role("link", name="Isi RKPDes TA 2027 Kandangan").click()
    cell.get_by_label("Tanggal penetapan").fill("2026-10-01")
    cell.get_by_role("button", name="Simpan").click()
    page.wait_for_selector(f"#sel-{kandangan.pk}-rkpdes-2027[data-status='terlambat']")
    assert "Terlambat" in _cell(page, kandangan, "rkpdes", 2027).inner_text()
    assert page.locator("#total-rkpdes").inner_text() == "1 dari 3 desa tepat waktu"

    saved = dict(DokumenDesa.objects.values_list("desa__nama", "tanggal"))
    assert saved == {"Argosari": datetime.date(2026, 9, 30), "Kandangan": datetime.date(2026, 10, 1)}


def test_the_matrix_works_without_javascript(kasi, browser, live_server, login):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    try:
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill("kasi.senduro")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.goto("/desa/dokumen/?tahun=2026")
        argosari = Desa.objects.get(nama="Argosari")
        _cell(page, argosari, "lppdes", 2025).get_by_role("link", name="Isi LPPDes TA 2025 Argosari").click()
        page.get_by_label("Tanggal penyampaian").fill("2026-03-31")
        page.get_by_role("button", name="Simpan").click()
        assert page.get_by_text("LPPDes TA 2025 Desa Argosari tersimpan.").is_visible()
        assert _cell(page, argosari, "lppdes", 2025).get_attribute("data-status") == "tepat_waktu"
    finally:
        context.close()


def test_the_cell_refuses_a_future_date_and_confirms_a_save(kasi, login, page):
    argosari = Desa.objects.get(nama="Argosari")
    login("kasi.senduro", PASSWORD)
    page.goto("/desa/dokumen/")
    cell = _cell(page, argosari, "apbdes", 2027)
    cell.get_by_role("link", name="Isi APBDes TA 2027 Argosari").click()
    # The pages' as-of date is 23 November 2026: the 24th has not happened yet.
    cell.get_by_label("Tanggal penetapan").fill("2026-11-24")
    cell.get_by_role("button", name="Simpan").click()
    page.wait_for_selector(f"#sel-{argosari.pk}-apbdes-2027 >> text=Tanggal penetapan tidak boleh setelah hari ini.")
    assert cell.get_attribute("data-status") == "sunting"
    assert not DokumenDesa.objects.exists()
    cell.get_by_label("Tanggal penetapan").fill("2026-11-23")
    cell.get_by_role("button", name="Simpan").click()
    page.wait_for_selector(f"#sel-{argosari.pk}-apbdes-2027[data-status='tepat_waktu']")
    assert cell.get_by_role("status").inner_text().strip() == "tersimpan"
    assert DokumenDesa.objects.get().tanggal == datetime.date(2026, 11, 23)
