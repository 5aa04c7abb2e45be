import datetime

import pytest
from django.utils import timezone

from desa.services import wilayah_import
from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.models import PengesahanLaporan
from indikator.services import dokumen_iku_prepare
from kecamatan.models import Kecamatan
from tests.indikator.laporan_util import teks_pdf
from tests.indikator.test_iku_report import make_kegiatan

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


def test_camat_approves_the_year_report_and_downloads_the_pdf(demo, login, page):
    login("senduro.camat", DEMO_PASSWORD)
    page.get_by_role("link", name="Laporan", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name=f"Sahkan laporan Tahun {demo.year}").click()
    page.wait_for_load_state("networkidle")
    assert f"Laporan capaian Tahun {demo.year} disahkan (versi 1)." in page.content()
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
