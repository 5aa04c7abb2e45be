"""A staf logs a kegiatan on a phone-sized screen; the kasi records the output and uploads the bukti."""

import datetime

import pytest
from playwright.sync_api import expect

from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.services import dokumen_iku_prepare
from kecamatan.demo import demo_pdf
from kecamatan.models import BuktiPendukung, JenisBukti, JenisKegiatan, Kegiatan, UraianAktivitas
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for kode in ("35.08.12", "35.08.10"):
        hasil = wilayah_import(kode=kode)
        dokumen_iku_prepare(kecamatan_list=hasil.kecamatan)
    return organisasi_demo_load(hari_ini=datetime.date(2026, 11, 23))


def test_staf_logs_kasi_follows_up_and_it_is_ditindaklanjuti(demo, login, page):
    jenis = JenisKegiatan.objects.get(kategori="koordinasi", nomor=1)
    uraian = UraianAktivitas.objects.filter(jenis=jenis).order_by("nomor").first()

    page.set_viewport_size({"width": 390, "height": 844})
    login("senduro.staf", DEMO_PASSWORD)
    page.goto("/kegiatan/")
    page.get_by_role("link", name="Catat kegiatan").click()
    expect(page.get_by_role("heading", name="Catat kegiatan")).to_be_visible()

    # Category → jenis → uraian: each choice narrows the next select through HTMX.
    page.locator("#id_kategori").select_option("koordinasi")
    expect(page.locator("#id_jenis option")).to_have_count(
        1 + JenisKegiatan.objects.filter(kategori="koordinasi").count()
    )
    page.locator("#id_jenis").select_option(str(jenis.pk))
    expect(page.locator("#id_uraian option")).to_have_count(1 + jenis.uraian.count())
    page.locator("#id_uraian").select_option(str(uraian.pk))
    expect(page.locator("#output-diharapkan")).to_contain_text(uraian.output)

    page.get_by_label("Desa Argosari").check()
    page.get_by_label("Keterangan kegiatan").fill("Rapat koordinasi di balai desa Argosari")
    page.get_by_role("button", name="Simpan kegiatan").click()
    expect(page.get_by_text("Kegiatan tersimpan.")).to_be_visible()
    expect(page.get_by_text("Belum ditindaklanjuti").first).to_be_visible()
    kegiatan = Kegiatan.objects.get()
    assert kegiatan.dibuat_oleh.username == "senduro.staf"
    assert kegiatan.uraian_teks == uraian.teks
    assert [d.nama for d in kegiatan.desa.all()] == ["Argosari"]

    page.context.clear_cookies()
    login("senduro.kasi", DEMO_PASSWORD)
    page.goto(f"/kegiatan/{kegiatan.pk}/")
    # The output form suggests the catalogue's expected output.
    expect(page.get_by_label("Output kegiatan")).to_have_value(uraian.output)
    page.get_by_label("Output kegiatan").fill("Notulen rapat koordinasi dan daftar hadir")
    page.get_by_role("button", name="Simpan output").click()
    expect(page.get_by_text("Output kegiatan tersimpan.")).to_be_visible()
    expect(page.get_by_text("Belum ditindaklanjuti").first).to_be_visible()  # output alone is not enough

    page.get_by_text("Unggah bukti pendukung").click()
    berita_acara = JenisBukti.objects.get(kode="berita_acara")
    page.get_by_label("Jenis bukti").select_option(str(berita_acara.pk))
    page.get_by_label("Nomor dokumen").fill("005/17/427.12/2026")
    page.get_by_label("Tanggal dokumen").fill(datetime.date.today().isoformat())
    page.locator("#id_berkas").set_input_files(
        {"name": "Berita acara.pdf", "mimeType": "application/pdf", "buffer": demo_pdf("Berita acara")}
    )
    page.get_by_role("button", name="Unggah bukti").click()
    expect(page.get_by_text("Bukti pendukung terunggah.")).to_be_visible()
    expect(page.locator('[data-tindak-lanjut="ya"]')).to_be_visible()
    expect(page.get_by_role("link", name="Unduh")).to_be_visible()
    assert BuktiPendukung.objects.get().diunggah_oleh.username == "senduro.kasi"

    page.goto("/kegiatan/")
    expect(page.locator('.list-group [data-tindak-lanjut="ya"]')).to_have_count(1)
    page.goto("/kegiatan/perlu-tindak-lanjut/")
    expect(page.get_by_text("0 kegiatan")).to_be_visible()
