import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.models import PengesahanLaporan
from indikator.services import dokumen_iku_prepare
from tests.indikator.laporan_util import teks_pdf
from tests.indikator.test_iku_report import make_kegiatan
from wilayah.models import Kecamatan
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    hari_ini = timezone.localdate()
    for kode in ("35.08.12", "35.08.10"):
        dokumen_iku_prepare(kecamatan_list=wilayah_import(kode=kode).kecamatan)
    organisasi_demo_load(hari_ini=hari_ini)
    senduro = Kecamatan.objects.get(kode="35.08.12")
    awal = datetime.date(hari_ini.year, 1, 1)
    for i in range(4):
        make_kegiatan(senduro, awal, output="BA" if i else "", tanggal_output=awal if i else None, bukti=1)
    return hari_ini


def test_camat_approves_the_year_report_and_downloads_the_pdf(demo, login, page, pekerja):
    login("senduro.camat", DEMO_PASSWORD)
    page.get_by_role("link", name="Laporan", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name=f"Sahkan laporan Tahun {demo.year}").click()
    page.wait_for_load_state("networkidle")
    # First a confirmation of what will be frozen; the running year asks for an explicit choice.
    assert not PengesahanLaporan.objects.exists()
    assert page.get_by_test_id("konfirmasi-iku1").inner_text().startswith("75,00% (3 ditindaklanjuti dari 4")
    assert "W. PUJIANTO" in page.get_by_test_id("konfirmasi-ttd").inner_text()
    assert f"Tahun {demo.year} belum berakhir" in page.get_by_test_id("peringatan-belum-berakhir").inner_text()
    page.get_by_label("Saya mengerti periode ini belum berakhir").check()
    page.get_by_role("button", name=f"Ya, sahkan Tahun {demo.year}").click()
    # The approval is a job: its page shows the progress until the worker has rendered and frozen it.
    expect(page.get_by_role("progressbar")).to_be_visible()
    assert not PengesahanLaporan.objects.exists()
    pekerja.mulai()
    selesai = f"Laporan capaian Tahun {demo.year} disahkan (versi 1)."
    expect(page.get_by_test_id("pekerjaan-kemajuan")).to_contain_text(selesai, timeout=60_000)
    pekerja.berhenti()
    page.get_by_role("link", name="Lanjutkan").click()
    page.wait_for_load_state("networkidle")
    pengesahan = PengesahanLaporan.objects.get()
    with page.expect_download() as info:
        page.get_by_test_id("versi-1").get_by_role("link", name="Unduh PDF").click()
    download = info.value
    assert download.suggested_filename == f"laporan-capaian-iku-senduro-tahun-{demo.year}-versi-1.pdf"
    with open(download.path(), "rb") as handle:
        content = handle.read()
    assert content == pengesahan.berkas.read()
    teks = teks_pdf(content)
    assert "Disahkan · versi 1" in teks and "DRAF" not in teks
    assert "W. PUJIANTO" in teks and "NIP. 19681114 199003 1 004" in teks
    assert "3 kegiatan" not in teks and "1 kegiatan belum ditindaklanjuti" in teks
    # The printed QR points to the public verification page, which shows the same version.
    page.goto(f"/laporan/verifikasi/{pengesahan.token}/")
    assert page.get_by_test_id("versi").inner_text() == "1"
    assert "75,00%" in page.content()


def test_the_confirmation_refuses_a_running_year_until_the_box_is_ticked(demo, login, page):
    login("senduro.camat", DEMO_PASSWORD)
    page.goto("/laporan/")
    page.get_by_role("button", name=f"Sahkan laporan Tahun {demo.year}").click()
    page.wait_for_load_state("networkidle")
    # The browser itself holds the form back while the box is empty; nothing is written.
    page.get_by_role("button", name=f"Ya, sahkan Tahun {demo.year}").click()
    assert page.get_by_label("Saya mengerti periode ini belum berakhir").evaluate("e => !e.validity.valid")
    assert not PengesahanLaporan.objects.exists()
    page.get_by_role("link", name="Batal").click()
    page.wait_for_load_state("networkidle")
    assert page.url.split("?")[0].endswith("/laporan/")
    assert not PengesahanLaporan.objects.exists()


def test_the_public_verification_page_fits_a_390_px_phone(demo, browser, live_server):
    from django.contrib.auth import get_user_model

    from indikator.laporan.services import laporan_sahkan
    from kecamatan.periode import tahunan

    camat = get_user_model().objects.get(username="senduro.camat")
    senduro = Kecamatan.objects.get(kode="35.08.12")
    pengesahan = laporan_sahkan(
        user=camat,
        kecamatan=senduro,
        periode=tahunan(demo.year),
        hari_ini=demo,
        periode_belum_berakhir_dipahami=True,
    )
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    try:
        phone = context.new_page()
        phone.goto(f"/laporan/verifikasi/{pengesahan.token}/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        dokumen = phone.get_by_test_id("iku2-dokumen").inner_text()
        assert "(tenggat )" not in dokumen and "belum jatuh tempo" in dokumen
        assert "19681114" not in phone.content()
    finally:
        context.close()
