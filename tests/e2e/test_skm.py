"""A citizen answers the SKM on a phone-sized page; the camat sees the tujuan change on the dashboard."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.services import dokumen_iku_prepare
from skm.models import JenisLayanan, Responden
from wilayah.models import Kecamatan
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def senduro_skm():
    # Transactional tests flush the tables the data migration filled; put the regulation's data back.
    import_module("skm.migrations.0002_data_permenpanrb_14_2017").isi(apps, None)
    for kode in ("35.08.12", "35.08.10"):
        dokumen_iku_prepare(kecamatan_list=wilayah_import(kode=kode).kecamatan)
    organisasi_demo_load(hari_ini=timezone.localdate())
    senduro = Kecamatan.objects.get(kode="35.08.12")
    return JenisLayanan.objects.create(kecamatan=senduro, nama="Dispensasi nikah")


def test_citizen_answers_on_a_phone_and_the_dashboard_tujuan_changes(senduro_skm, login, page):
    login("senduro.camat", DEMO_PASSWORD)
    tujuan = page.get_by_test_id("nilai-tujuan")
    assert "Belum ada responden" in tujuan.inner_text()
    page.context.clear_cookies()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/skm/35.08.12/?layanan={senduro_skm.pk}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_label("Jenis layanan yang Anda terima").input_value() == str(senduro_skm.pk)
    page.get_by_label("Usia (tahun)").fill("34")
    page.get_by_role("group", name="Jenis kelamin").get_by_label("Perempuan").check()
    page.get_by_label("Pendidikan terakhir").select_option("s1")
    page.get_by_label("Pekerjaan utama").select_option("wirausaha")
    fieldsets = page.locator("fieldset.skm-unsur")
    assert fieldsets.count() == 9
    for i in range(9):
        # The highest answer of each question, by keyboard: focus its radio and press Space.
        fieldsets.nth(i).get_by_role("radio").nth(3).focus()
        page.keyboard.press("Space")
    page.get_by_label("Saran dan masukan (boleh dikosongkan)").fill("Pelayanan cepat.")
    # Every visible control has a label (the honeypot is hidden from people and screen readers).
    tanpa_label = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => !el.closest('[aria-hidden=true]') && !(el.labels && el.labels.length))
              .map(el => el.name)"""
    )
    assert tanpa_label == []
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_load_state("networkidle")
    assert "Jawaban Anda sudah kami terima" in page.content()
    assert Responden.objects.get().nilai == (4,) * 9

    page.set_viewport_size({"width": 1280, "height": 900})
    login("senduro.camat", DEMO_PASSWORD)
    tujuan = page.get_by_test_id("nilai-tujuan")
    assert "100,00" in tujuan.inner_text() and "mutu A (Sangat Baik)" in tujuan.inner_text()
    assert "dihitung dari 1 responden Survei Kepuasan Masyarakat" in page.content()
