import datetime

import pytest
from playwright.sync_api import expect

from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.services import dokumen_iku_prepare
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    for kode in ("35.08.12", "35.08.10"):
        hasil = wilayah_import(kode=kode)
        dokumen_iku_prepare(kecamatan_list=hasil.kecamatan)
    return organisasi_demo_load(hari_ini=datetime.date(2026, 11, 23))


def test_demo_camat_logs_in_and_sees_home_page(demo, login, page):
    login("senduro.camat", DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Kecamatan Senduro").is_visible()
    assert page.get_by_text("Persentase hasil Fasilitasi dan Koordinasi yang ditindaklanjuti").is_visible()
    page.get_by_role("button", name="senduro.camat").click()
    assert page.get_by_text("Pimpinan (Camat / Sekretaris Camat)").is_visible()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk/")


def test_wrong_password_is_refused_in_bahasa_indonesia(demo, login, page):
    login("senduro.camat", "salah")
    assert page.get_by_text("Nama pengguna atau kata sandi salah").is_visible()
    assert page.url.endswith("/masuk/")


def test_navigation_collapses_on_a_phone(demo, login, page):
    page.set_viewport_size({"width": 375, "height": 740})
    login("senduro.staf", DEMO_PASSWORD)
    menu = page.get_by_role("button", name="Buka menu")
    assert menu.is_visible()
    menu.click()
    # Bootstrap animates the collapse ("collapsing"); a click on "Lainnya" during the animation can be lost,
    # so wait until the menu is fully open, then until the dropdown shows its links.
    page.locator("#nav-utama.show").wait_for()
    lainnya = page.get_by_role("button", name="Lainnya")
    lainnya.click()
    expect(lainnya).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Katalog kegiatan").click()
    # The click starts a navigation; the heading is on the next page, so wait for it, don't sample.
    expect(page.get_by_role("heading", name="Katalog fasilitasi, koordinasi dan rekomendasi")).to_be_visible()
