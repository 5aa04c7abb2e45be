import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.services import dokumen_iku_prepare
from tests.indikator.test_iku_report import make_dokumen, make_kegiatan
from wilayah.models import Kecamatan
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _persen(value):
    return "—" if value is None else value.replace(".", ",") + "%"


@pytest.fixture
def demo():
    hari_ini = timezone.localdate()
    for kode in ("35.08.12", "35.08.10"):
        dokumen_iku_prepare(kecamatan_list=wilayah_import(kode=kode).kecamatan)
    organisasi_demo_load(hari_ini=hari_ini)
    senduro = Kecamatan.objects.get(kode="35.08.12")
    awal = datetime.date(hari_ini.year, 1, 1)
    for i in range(9):
        done = i % 3 != 0
        make_kegiatan(
            senduro,
            awal + datetime.timedelta(days=i * 20),
            output="BA" if done else "",
            tanggal_output=awal + datetime.timedelta(days=i * 20) if done else None,
            bukti=1 if i != 4 else 0,
        )
    for desa in list(senduro.desa.order_by("kode"))[:5]:
        make_dokumen(desa, "lppdes", hari_ini.year - 1, datetime.date(hari_ini.year, 3, 31))
    return hari_ini


def test_dashboard_shows_the_same_numbers_as_iku_report(demo, login, page):
    out = io.StringIO()
    call_command(
        "iku_report", "--kecamatan", "35.08.12", "--tahun", str(demo.year), "--as-of", demo.isoformat(), stdout=out
    )
    laporan = json.loads(out.getvalue())
    login("senduro.camat", DEMO_PASSWORD)
    assert page.get_by_test_id("iku1-persen").inner_text() == _persen(laporan["iku1"]["percent"])
    rasio1 = page.get_by_test_id("iku1-rasio").inner_text()
    assert f"{laporan['iku1']['numerator']} ditindaklanjuti dari {laporan['iku1']['denominator']}" in rasio1
    assert page.get_by_test_id("iku1-capaian").inner_text() == _persen(laporan["iku1"]["capaian"])
    assert page.get_by_test_id("iku2-persen").inner_text() == _persen(laporan["iku2"]["percent"])
    rasio2 = page.get_by_test_id("iku2-rasio").inner_text()
    assert f"{laporan['iku2']['numerator']} dokumen tepat waktu dari {laporan['iku2']['denominator']}" in rasio2
    # The numerator is one click from its records.
    page.get_by_test_id("iku1-rasio").get_by_role("link").first.click()
    page.wait_for_load_state("networkidle")
    assert "tindak_lanjut=ya" in page.url


def test_period_selector_updates_the_dashboard(demo, login, page):
    login("senduro.camat", DEMO_PASSWORD)
    page.select_option("#id_bagian", "tw1")
    page.wait_for_url("**bagian=tw1**")
    assert f"Triwulan I {demo.year}" in page.content()
