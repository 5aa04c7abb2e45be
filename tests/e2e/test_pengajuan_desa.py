"""docs/DESIGN.md §2.7 end to end: a desa operator hands in its LPPDes from a phone, the kasi accepts it
in one click, and the matrix cell turns green."""

import datetime

import pytest

from desa.models import DokumenDesa, PengajuanDokumenDesa
from kecamatan.models import Peran
from tests.conftest import PASSWORD
from tests.desa.conftest import PDF_BYTES
from wilayah.models import Desa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PONSEL = {"width": 390, "height": 844}


@pytest.fixture
def pengguna(senduro, make_user, monkeypatch):
    monkeypatch.setattr("desa.views.hari_ini", lambda: datetime.date(2026, 11, 23))
    desa = Desa.objects.get(nama="Kandangtepus")
    return {
        "operator": make_user(Peran.OPERATOR_DESA, desa=desa, username="senduro.desa.kandangtepus"),
        "kasi": make_user(Peran.KASI, kecamatan=senduro, username="kasi.senduro"),
        "desa": desa,
    }


def _masuk(page, username):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("networkidle")


def test_operator_submits_from_a_phone_kasi_accepts_and_the_cell_turns_green(pengguna, browser, live_server, page):
    ponsel = browser.new_context(
        base_url=live_server.url,
        viewport=PONSEL,
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    ponsel.set_default_timeout(15_000)
    hp = ponsel.new_page()
    try:
        _masuk(hp, "senduro.desa.kandangtepus")
        assert hp.url.endswith("/desa/desa-saya/")
        assert hp.get_by_role("heading", name="Dokumen Desa Kandangtepus").is_visible()
        # Phone-first: nothing wider than the screen.
        assert hp.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]
        hp.get_by_role("link", name="Ajukan LPPDes TA 2025").click()
        assert hp.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]
        hp.get_by_label("Tanggal penyampaian").fill("2026-03-31")
        hp.get_by_label("Nomor surat").fill("140/21/427.12/2026")
        hp.get_by_label("Pindaian dokumen").set_input_files(
            {"name": "LPPDes 2025.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        hp.get_by_role("button", name="Kirim ke kecamatan").click()
        hp.wait_for_load_state("networkidle")
        assert hp.get_by_text("LPPDes TA 2025 terkirim.").is_visible()
        assert hp.locator("#dok-lppdes-2025").get_by_text("Menunggu pemeriksaan").is_visible()
    finally:
        ponsel.close()
    assert PengajuanDokumenDesa.objects.get().status == "menunggu" and not DokumenDesa.objects.exists()

    _masuk(page, "kasi.senduro")
    page.goto("/desa/dokumen/?tahun=2026")
    sel = page.locator(f"#sel-{pengguna['desa'].pk}-lppdes-2025")
    assert sel.get_attribute("data-status") == "belum_ada"
    assert sel.get_by_text("pengajuan menunggu").is_visible()
    page.get_by_role("button", name="Terima LPPDes TA 2025 Kandangtepus").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("LPPDes TA 2025 Desa Kandangtepus diterima dan tercatat.").is_visible()
    sel = page.locator(f"#sel-{pengguna['desa'].pk}-lppdes-2025")
    assert sel.get_attribute("data-status") == "tepat_waktu"
    assert "table-success" in sel.get_attribute("class") and "31 Maret 2026" in sel.inner_text()
    assert page.locator("#pengajuan-menunggu").count() == 0
    assert DokumenDesa.objects.get().tanggal == datetime.date(2026, 3, 31)
