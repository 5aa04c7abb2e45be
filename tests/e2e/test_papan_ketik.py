"""Keyboard only: Tab, Shift+Tab, Enter, Space, Escape, arrows and typing; never a mouse click.

Every element the keyboard reaches must show where the focus is (a solid outline of at least
2 px), the skip link leads into the main content, and the desa-document cell editor keeps the
focus in its cell through edit, save and cancel.
"""

import datetime

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from desa.models import DokumenDesa
from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from indikator.services import dokumen_iku_prepare
from kecamatan.demo import demo_pdf
from kecamatan.models import BuktiPendukung, Kegiatan, Peran
from tests.conftest import PASSWORD
from tests.e2e.test_aksesibilitas import audit_axe, format_temuan, new_context
from wilayah.models import Desa
from wilayah.services import wilayah_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOKUS_JS = """async () => {
    // After a key press the focus settles within a frame (a date field moves it among its parts).
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(), id: el.id, type: el.type || "",
        nama: (el.labels && el.labels.length ? el.labels[0].textContent : el.textContent).replace(/\\s+/g, " ").trim(),
        outline: style.outlineStyle, lebar: parseFloat(style.outlineWidth),
        w: box.width, h: box.height, di_main: !!el.closest("main"),
        f: el.matches(":focus"),
    };
}"""


def fokus(page):
    return page.evaluate(FOKUS_JS)


def fokus_terlihat(info) -> bool:
    if info["type"] == "date" and not info["f"]:
        # Tab from the year goes to Chromium's own calendar button inside the field (its shadow
        # DOM, out of reach of CSS and of :focus), which draws the browser's focus ring itself.
        return True
    return info["outline"] not in ("none", "hidden") and info["lebar"] >= 2 and info["w"] > 1 and info["h"] > 1


def tab_ke(page, cocok, *, maks=150, mundur=False):
    """Press Tab (or Shift+Tab) until ``cocok(focus info)`` holds; every stop on the way must show its focus."""
    for _ in range(maks):
        page.keyboard.press("Shift+Tab" if mundur else "Tab")
        info = fokus(page)
        assert info is not None, "the focus fell back to the page body"
        assert fokus_terlihat(info), f"focus not visible on {info}"
        if cocok(info):
            return info
    raise AssertionError(f"not reached with {maks} Tab presses")


def buka_pemilih_berkas(page, *, percobaan=3):
    """Space on the focused file field opens the file chooser. On a loaded machine Chromium now and
    then drops the chooser of one key press (the field keeps its focus), so press again, up to
    ``percobaan`` times: still the keyboard alone, and a field that never opens still fails."""
    for ke in range(1, percobaan + 1):
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeoutError:
            assert fokus(page)["id"] == "id_berkas", "the focus left the file field"
            if ke == percobaan:
                raise


def nama(teks):
    return lambda info: info["nama"].startswith(teks)


def id_(value):
    return lambda info: info["id"] == value


def masuk_dengan_papan_ketik(page, username, password):
    page.goto("/masuk/")
    if (fokus(page) or {}).get("id") != "id_username":  # the login form autofocuses it
        tab_ke(page, id_("id_username"))
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert fokus(page)["id"] == "id_password"
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/masuk/" not in url)
    page.wait_for_load_state("networkidle")


def ketik_tanggal(page, tanggal: datetime.date):
    """Type a date into the focused date field, whose order of day, month and year follows the
    browser's own locale: a probe date tells the order, Shift+Tab goes back to the first part."""
    page.keyboard.type("01022003")
    probe = page.evaluate("document.activeElement.value")
    urutan = {"2003-01-02": "%m%d%Y", "2003-02-01": "%d%m%Y"}.get(probe, "%Y%m%d")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type(tanggal.strftime(urutan))
    assert page.evaluate("document.activeElement.value") == tanggal.isoformat()


@pytest.fixture
def kasi(senduro, make_user, monkeypatch):
    monkeypatch.setattr("desa.views.hari_ini", lambda: datetime.date(2026, 11, 23))
    return make_user(Peran.KASI, kecamatan=senduro, username="kasi.senduro")


def test_skip_link_then_the_matrix_cell_editor_by_keyboard(kasi, browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    argosari = Desa.objects.get(nama="Argosari")
    context = new_context(browser, live_server)
    page = context.new_page()
    try:
        masuk_dengan_papan_ketik(page, "kasi.senduro", PASSWORD)
        page.goto("/desa/dokumen/")

        # The first Tab shows the skip link; Enter moves the focus to the main content.
        page.keyboard.press("Tab")
        lewati = fokus(page)
        assert lewati["nama"] == "Lewati ke isi" and fokus_terlihat(lewati), lewati
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "isi"
        page.keyboard.press("Tab")
        assert fokus(page)["di_main"], "after the skip link, Tab must continue inside the main content"

        # Open the cell editor: the focus lands on its date field.
        sel = page.locator(f"#sel-{argosari.pk}-rkpdes-2027")
        tab_ke(page, nama("Isi RKPDes TA 2027 Argosari"))
        page.keyboard.press("Enter")
        expect(sel).to_have_attribute("data-status", "sunting")
        expect(sel.get_by_label("Tanggal penetapan")).to_be_focused()
        temuan = [(page.url + " (sel disunting)", "kasi", v) for v in audit_axe(page)]
        assert not temuan, format_temuan(temuan)

        # Escape cancels and gives the focus back to the cell's link.
        page.keyboard.press("Escape")
        expect(sel).to_have_attribute("data-status", "belum_ada")
        expect(sel.get_by_role("link", name="Isi RKPDes TA 2027 Argosari")).to_be_focused()

        # Edit again, type the date and number, save with Enter: the cell shows its status, keeps the focus.
        page.keyboard.press("Enter")
        expect(sel.get_by_label("Tanggal penetapan")).to_be_focused()
        ketik_tanggal(page, datetime.date(2026, 9, 30))
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert fokus(page)["nama"] == "Nomor Perdes"
        page.keyboard.type("4 Tahun 2026")
        page.keyboard.press("Enter")
        expect(sel).to_have_attribute("data-status", "tepat_waktu")
        expect(sel).to_contain_text("Tepat waktu")
        expect(sel.get_by_role("link", name="Ubah RKPDes TA 2027 Argosari")).to_be_focused()
        assert fokus_terlihat(fokus(page))
        expect(page.locator("#total-rkpdes")).to_have_text("1 dari 3 desa tepat waktu")

        # Shift+Tab walks back through the matrix with the focus still visible.
        tab_ke(page, id_("pilih-tahun"), mundur=True)
    finally:
        context.close()
    dokumen = DokumenDesa.objects.get()
    assert (dokumen.desa, dokumen.tanggal, dokumen.nomor) == (argosari, datetime.date(2026, 9, 30), "4 Tahun 2026")


@pytest.fixture
def demo(settings):
    for kode in ("35.08.12", "35.08.10"):
        dokumen_iku_prepare(kecamatan_list=wilayah_import(kode=kode).kecamatan)
    return organisasi_demo_load(hari_ini=datetime.date.today())


def test_one_kegiatan_from_creation_to_output_and_bukti_by_keyboard(demo, browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    hari_ini = datetime.date.today()
    context = new_context(browser, live_server)
    page = context.new_page()
    try:
        masuk_dengan_papan_ketik(page, "senduro.kasi", DEMO_PASSWORD)
        tab_ke(page, nama("Kegiatan"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/kegiatan/")
        tab_ke(page, nama("Catat kegiatan"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Catat kegiatan")).to_be_visible()

        # Category → jenis → uraian with the arrow keys: each choice reloads the next select (HTMX)
        # and the focus stays on the select that was changed.
        tab_ke(page, id_("id_kategori"))
        page.keyboard.press("K")  # typeahead: the only category starting with K
        expect(page.locator("#id_kategori")).to_have_value("koordinasi")
        expect(page.locator("#id_jenis option")).to_have_count(3)
        expect(page.locator("#id_kategori")).to_be_focused()
        page.keyboard.press("Tab")
        assert fokus(page)["id"] == "id_jenis"
        page.keyboard.press("ArrowDown")
        expect(page.locator("#id_jenis")).not_to_have_value("")
        expect(page.locator("#id_uraian optgroup")).to_have_count(1)
        expect(page.locator("#id_jenis")).to_be_focused()
        page.keyboard.press("Tab")
        assert fokus(page)["id"] == "id_uraian"
        page.keyboard.press("ArrowDown")
        expect(page.locator("#id_uraian")).not_to_have_value("")
        expect(page.locator("#output-diharapkan")).to_contain_text("Output yang diharapkan")

        tab_ke(page, id_("id_tanggal"))
        ketik_tanggal(page, hari_ini)
        tab_ke(page, nama("Desa Argosari"))
        page.keyboard.press("Space")
        tab_ke(page, id_("id_keterangan"))
        page.keyboard.type("Rapat koordinasi di balai desa Argosari")
        tab_ke(page, nama("Simpan kegiatan"))
        page.keyboard.press("Enter")
        expect(page.get_by_text("Kegiatan tersimpan.")).to_be_visible()
        kegiatan = Kegiatan.objects.get()
        assert kegiatan.kategori == "koordinasi" and kegiatan.tanggal == hari_ini
        assert [d.nama for d in kegiatan.desa.all()] == ["Argosari"]

        # The output: its field suggests the catalogue's expected output; keep it, date it, save.
        tab_ke(page, id_("id_output"))
        tab_ke(page, id_("id_tanggal_output"))
        ketik_tanggal(page, hari_ini)
        tab_ke(page, nama("Simpan output"))
        page.keyboard.press("Enter")
        expect(page.get_by_text("Output kegiatan tersimpan.")).to_be_visible()

        # The bukti: open the section with Enter, pick the type by typing, choose the file with Space.
        tab_ke(page, nama("Unggah bukti pendukung"))
        page.keyboard.press("Enter")
        tab_ke(page, id_("id_jenis"))
        page.keyboard.press("B")  # typeahead: Berita Acara hasil fasilitasi dan koordinasi
        page.keyboard.press("Tab")
        page.keyboard.type("005/17/427.12/2026")
        tab_ke(page, id_("id_tanggal"))
        ketik_tanggal(page, hari_ini)
        tab_ke(page, id_("id_berkas"))
        chooser = buka_pemilih_berkas(page)
        chooser.set_files(
            files=[{"name": "Berita acara.pdf", "mimeType": "application/pdf", "buffer": demo_pdf("Berita acara")}]
        )
        tab_ke(page, nama("Unggah bukti"))
        page.keyboard.press("Enter")
        expect(page.get_by_text("Bukti pendukung terunggah.")).to_be_visible()
        expect(page.locator('[data-tindak-lanjut="ya"]')).to_be_visible()
    finally:
        context.close()
    bukti = BuktiPendukung.objects.get()
    assert bukti.nomor == "005/17/427.12/2026" and bukti.jenis.kode == "berita_acara"
    kegiatan = Kegiatan.objects.get()
    assert kegiatan.output and kegiatan.tanggal_output == hari_ini
