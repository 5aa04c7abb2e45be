"""Every page at 390 px wide (a phone) without sideways scrolling of the page itself (issue 19, point 4).

The pages are found by following the links each demo role sees, from its landing page, so a new page
is measured without being listed here. A wide table may scroll inside its own ``.table-responsive``
box; that box must then be reachable by keyboard and named.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from desa.demo import dokumen_desa_demo_load
from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.services import dokumen_iku_prepare
from kecamatan.demo import kegiatan_demo_load
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERAN = ["senduro.staf", "senduro.kasi", "senduro.camat", "admin.kabupaten", "pemeriksa"]
# Downloads and actions, not pages.
BUKAN_HALAMAN = re.compile(r"(\.pdf|\.xlsx|/unduh/|/lihat/|/pindaian/|/templat/|/ekspor/|export=|/keluar/|/hapus/)")
BATAS_HALAMAN = 60

UKUR = """() => {
  // What is folded away still has to fit once opened.
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const lebar = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') return true;
    }
    return false;
  };
  const terlebar = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > lebar + 1 && !inScroller(el)) {
      const nama = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      terlebar.push(`${nama} (kanan ${Math.round(r.right)} px)`);
    }
  }
  const kotak = [...document.querySelectorAll('.table-responsive')]
    .filter((el) => el.scrollWidth > el.clientWidth)
    .filter((el) => el.getAttribute('tabindex') !== '0'
      || !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
    .map((el) => el.outerHTML.slice(0, 120));
  return {scrollWidth, lebar, terlebar: terlebar.slice(-4), kotak};
}"""


@pytest.fixture
def demo_lengkap():
    hari_ini = timezone.localdate()
    dokumen_iku_prepare(kecamatan_list=wilayah_import(kode="35.08").kecamatan)
    organisasi_demo_load(hari_ini=hari_ini)
    kegiatan_demo_load(hari_ini=hari_ini)
    dokumen_desa_demo_load(hari_ini=hari_ini)
    return hari_ini


def _pola(path: str) -> str:
    """One page per shape: /kegiatan/12/ and /kegiatan/13/ are the same page."""
    return re.sub(r"\d+", "N", path)


def _jelajahi(page, awal="/"):
    """The same-site pages reachable by links from ``awal``: their paths with query strings."""
    dikunjungi, antre, pola = [], [awal], {_pola(awal)}
    while antre and len(dikunjungi) < BATAS_HALAMAN:
        url = antre.pop(0)
        response = page.goto(url)
        page.wait_for_load_state("load")
        dikunjungi.append((url, response.status if response else None))
        yield url
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            bagian = urlsplit(href)
            if bagian.netloc or not bagian.path.startswith("/") or BUKAN_HALAMAN.search(href):
                continue
            kunci = _pola(bagian.path)
            if kunci in pola:
                continue
            pola.add(kunci)
            antre.append(bagian.path + (f"?{bagian.query}" if bagian.query else ""))


def test_every_page_fits_a_390_px_phone(demo_lengkap, browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    masalah, jumlah = [], 0
    for username in PERAN:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="id-ID", timezone_id="Asia/Jakarta"
        )
        page = context.new_page()
        try:
            page.goto("/masuk/")
            hasil = page.evaluate(UKUR)
            if hasil["scrollWidth"] > hasil["lebar"]:
                masalah.append(f"(anonim) /masuk/: {hasil['scrollWidth']} px; {hasil['terlebar']}")
            page.get_by_label("Nama pengguna").fill(username)
            page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_load_state("load")
            for url in _jelajahi(page):
                jumlah += 1
                hasil = page.evaluate(UKUR)
                if hasil["scrollWidth"] > hasil["lebar"]:
                    masalah.append(f"{username} {url}: {hasil['scrollWidth']} px; terlebar: {hasil['terlebar']}")
                for kotak in hasil["kotak"]:
                    masalah.append(f"{username} {url}: kotak gulir tanpa tabindex=0 dan label: {kotak}")
        finally:
            context.close()
    assert jumlah > 5 * 8, f"hanya {jumlah} halaman terjangkau"
    assert not masalah, f"{len(masalah)} halaman lebih lebar dari 390 px:\n" + "\n".join(masalah)
