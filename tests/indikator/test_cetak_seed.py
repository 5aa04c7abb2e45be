"""Issue 17: each printed Dokumen IKU holds what its seed holds, and no PDF breaks a word without a hyphen.

Seeds: Senduro's IKU (000_d7c39b7e68d15e18.txt) with its Penjelasan and catalogue; Lumajang's IKU
Perubahan of 17 Oktober 2023 (001_edbc5473f07bf135.txt), whose Penjelasan sits in the Rumus cell
and which has no catalogue and no deadline table.
"""

import datetime
import html
import importlib
import re

import pytest
from django.apps import apps as global_apps

from indikator.laporan import generator, lampiran_pdf, pdf
from indikator.laporan.html import dokumen_iku_html, laporan_capaian_html, rekap_kabupaten_html
from indikator.models import DokumenIKU
from indikator.services import dokumen_iku_prepare
from kecamatan.models import Kegiatan, UraianAktivitas
from kecamatan.periode import tahunan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, rapat, teks_pdf
from wilayah.models import Kabupaten, Kecamatan
from wilayah.services import wilayah_import

# Fixtures shared with the other report tests.
data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

D = datetime.date
HARI_INI = D(2025, 1, 15)
SEKARANG = datetime.datetime(2025, 1, 15, 2, 30, tzinfo=datetime.UTC)


@pytest.fixture
def seed_dokumen(db, media_root):
    dokumen_iku_prepare(kecamatan_list=wilayah_import(kode="35.08").kecamatan)

    def dokumen(kode):
        kecamatan = Kecamatan.objects.select_related("kabupaten").get(kode=kode)
        return generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=HARI_INI)

    return dokumen


@pytest.fixture
def lumajang_dokumen(seed_dokumen):
    return seed_dokumen("35.08.10")


@pytest.fixture
def senduro_dokumen(seed_dokumen):
    return seed_dokumen("35.08.12")


# ---------------------------------------------------------------- 2. what each document holds


def test_lumajang_pdf_holds_no_catalogue_and_no_table_its_seed_lacks(lumajang_dokumen):
    teks = teks_pdf(pdf.dokumen_iku_pdf(lumajang_dokumen))
    for absent in ["PENJELASAN INDIKATOR", "Ketentuan tepat waktu", "JENIS FASILITASI", "BUKTI PENDUKUNG", "Formulasi"]:
        assert absent not in teks, absent
    # Its Penjelasan stays in the Rumus cell, above the signature as in the seed.
    assert teks.index("Penjelasan :") < teks.index("Lumajang, 17 Oktober 2023")
    assert "disampaikan oleh Kepala Desa kepada Bupati melalui Camat" in teks
    assert "Halaman 2 dari 2" in teks  # two pages, not the eight of the Senduro catalogue


def test_lumajang_empty_penanggung_jawab_is_left_empty(lumajang_dokumen):
    page = dokumen_iku_html(lumajang_dokumen)
    # The cell after each row's sumber data: the penanggung jawab.
    sel = re.findall(
        r"<td>(?:Seluruh Seksi dan Sub Bagian|Seksi Pemerintahan) Kecamatan Lumajang</td>\s*<td>(.*?)</td>", page
    )
    assert sel == ["Camat Lumajang", ""]  # not "—": the seed's cell is empty


def test_senduro_prints_its_heading_above_the_signatory_and_fungsi_j_ends_with_a_period(senduro_dokumen):
    teks = teks_pdf(pdf.dokumen_iku_pdf(senduro_dokumen))
    assert "KECAMATAN SENDURO W. PUJIANTO NIP. 19681114 199003 1 004" in teks
    assert "CAMAT SENDURO" not in teks
    assert "terkait dengan tugas dan fungsinya." in teks
    assert "fungsinya;" not in teks
    assert "i. Melaksanakan sebagian kewenangan Bupati yang dilimpahkan;" in teks
    # Its Penjelasan section and catalogue, with the seed's IKU 2 rules as text, no extra table.
    assert "JENIS FASILITASI" in teks and "Formulasi" in teks
    assert "Ketentuan tepat waktu" not in teks


def test_dokumen_iku_workbook_follows_the_document(lumajang_dokumen, senduro_dokumen):
    import io

    import openpyxl

    from indikator.laporan import xlsx

    lumajang = openpyxl.load_workbook(io.BytesIO(xlsx.dokumen_iku_xlsx(lumajang_dokumen)))
    assert lumajang.sheetnames == ["Dokumen IKU"]
    cells = [str(c.value) for row in lumajang["Dokumen IKU"].iter_rows() for c in row if c.value]
    assert any("Penjelasan: Yang dimaksud dokumen administrasi" in c for c in cells)
    senduro = openpyxl.load_workbook(io.BytesIO(xlsx.dokumen_iku_xlsx(senduro_dokumen)))
    assert "Katalog" in senduro.sheetnames


def test_migration_gives_the_seed_documents_their_layout(lumajang_dokumen, senduro_dokumen):
    migrasi = importlib.import_module("indikator.migrations.0004_dokumen_iku_susunan")
    DokumenIKU.objects.update(letak_penjelasan=DokumenIKU.LetakPenjelasan.LAMPIRAN, judul_penandatangan="")
    lain = DokumenIKU.objects.create(
        kecamatan=Kecamatan.objects.get(kode="35.08.10"), tugas="t", fungsi="f", tujuan="t", indikator_tujuan="i"
    )
    migrasi.susunan_seed(global_apps, None)
    assert DokumenIKU.objects.get(pk=lumajang_dokumen.dokumen.pk).letak_penjelasan == "rumus"
    assert DokumenIKU.objects.get(pk=senduro_dokumen.dokumen.pk).judul_penandatangan == "KECAMATAN SENDURO"
    lain.refresh_from_db()
    assert (lain.letak_penjelasan, lain.judul_penandatangan) == ("lampiran", "")


# ---------------------------------------------------------------- 6. the catalogue's structure


def test_fasilitasi_2_outputs_keep_their_lettered_sub_items(senduro_dokumen):
    uraian = UraianAktivitas.objects.get(jenis__kategori="fasilitasi", jenis__nomor=2, nomor=1)
    assert uraian.output == "Administrasi Umum"
    assert uraian.daftar_rincian_output == [("a", "Data Perangkat Desa"), ("b", "Buku Perdes"), ("c", "Buku SK")]
    teks = teks_pdf(pdf.dokumen_iku_pdf(senduro_dokumen))
    assert rapat("1. Administrasi Umum; a. Data Perangkat Desa b. Buku Perdes c. Buku SK") in rapat(teks)
    assert rapat("5. Administrasi Lainnya; a. Buku Administrasi BPD b. Buku Administrasi LPMD") in rapat(teks)


def test_bukti_pendukung_are_printed_once_per_table(senduro_dokumen):
    teks = teks_pdf(pdf.dokumen_iku_pdf(senduro_dokumen))
    # Three tables (fasilitasi, koordinasi, rekomendasi), not once beside each of the 21 jenis.
    assert teks.count("5. Berita Acara hasil Fasilitasi") == 3


def test_catalogue_migration_splits_the_flattened_outputs_and_keeps_past_kegiatan(senduro_dokumen):
    migrasi = importlib.import_module("kecamatan.migrations.0004_uraian_rincian_output")
    uraian = UraianAktivitas.objects.get(jenis__kategori="fasilitasi", jenis__nomor=2, nomor=1)
    UraianAktivitas.objects.filter(jenis=uraian.jenis).update(rincian_output="")
    datar = "Administrasi Umum: Data Perangkat Desa, Buku Perdes, Buku SK"
    UraianAktivitas.objects.filter(pk=uraian.pk).update(output=datar)
    diubah = UraianAktivitas.objects.get(jenis=uraian.jenis, nomor=2)
    UraianAktivitas.objects.filter(pk=diubah.pk).update(output="Teks yang diubah admin")
    uraian.refresh_from_db()
    lama = Kegiatan(kecamatan=Kecamatan.objects.get(kode="35.08.12"), tanggal=D(2024, 1, 2), status="dilaksanakan")
    lama.snapshot_katalog(uraian)
    lama.save()
    migrasi.rincian_seed(global_apps, None)
    uraian.refresh_from_db()
    assert (uraian.output, uraian.rincian_output) == ("Administrasi Umum", "Data Perangkat Desa\nBuku Perdes\nBuku SK")
    assert UraianAktivitas.objects.get(pk=diubah.pk).output == "Teks yang diubah admin"  # an admin's edit stays
    lama.refresh_from_db()
    assert lama.output_diharapkan == datar  # a past kegiatan keeps the text it was logged with
    baru = Kegiatan(kecamatan=lama.kecamatan, tanggal=D(2025, 1, 2), status="dilaksanakan")
    baru.snapshot_katalog(uraian)
    assert baru.output_diharapkan == "Administrasi Umum: a. Data Perangkat Desa; b. Buku Perdes; c. Buku SK"


# ---------------------------------------------------------------- 3. no word broken without a hyphen


def _kata(page: str) -> tuple[set[str], set[str]]:
    """The words of the table headers, and every word of the page's text (tags and entities removed)."""
    header = set()
    for th in re.findall(r"<th[^>]*>(.*?)</th>", page, flags=re.S):
        # A soft hyphen in a header ("Ditindak&shy;lanjuti") is a hyphenation point, printed as "-".
        header.update(html.unescape(re.sub(r"<[^>]+>", " ", th)).replace("\xad", "").split())
    body = page[page.index("<body") :]
    body = re.sub(r"<(style|svg)\b.*?</\1>", " ", body, flags=re.S)
    words = {w.strip(",;:()\"'") for w in html.unescape(re.sub(r"<[^>]+>", " ", body)).replace("\xad", "").split()}
    return {w for w in header if len(w) >= 3}, {w for w in words if len(w) >= 6}


def _teks_html(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _pecah_tanpa_tanda_hubung(teks: str, kata: set[str], sumber: str) -> list[str]:
    """Words the PDF prints split across lines with no hyphen: "Penanggun g", "No .".

    A split form the source text itself holds (the seed writes both "RKPDesa" and "RKP Desa") is not one.
    """
    terlipat = " ".join(teks.split())
    return sorted(
        w
        for w in kata
        for k in range(1, len(w))
        # After a slash or a hyphen a line may end, as in print: "Dokumen/" "Laporan".
        if w[k - 1] not in "/-" and f"{w[:k]} {w[k:]}" in terlipat and f"{w[:k]} {w[k:]}" not in sumber
    )


def _periksa(content: bytes, page: str):
    teks = teks_pdf(content)
    header, body = _kata(page)
    assert header, "no table header found"
    assert _pecah_tanpa_tanda_hubung(teks, header | body, _teks_html(page)) == []
    terlipat = " ".join(teks.replace("\u2010 ", "").replace("- ", "").split())
    for w in header:
        assert w in terlipat, w  # whole, or hyphenated at a syllable


def test_no_word_is_split_without_a_hyphen_in_the_dokumen_iku(lumajang_dokumen, senduro_dokumen):
    for data in (lumajang_dokumen, senduro_dokumen):
        _periksa(pdf.dokumen_iku_pdf(data), dokumen_iku_html(data))


def _dengan_lampiran_i(page: str, laporan) -> str:
    """The report's HTML with Lampiran I's headers and texts, which ReportLab sets (lampiran_pdf), put back."""
    kepala = "".join(f"<th>{html.escape(j)}</th>" for j in lampiran_pdf.JUDUL_KOLOM)
    teks = [
        t
        for k in laporan.kegiatan
        for t in (k.kategori, k.uraian, k.seksi, k.desa, k.keterangan, k.status, k.output, k.tindak_lanjut)
        + tuple(b.jenis for b in k.bukti)
    ]
    isi = "".join(f"<td>{html.escape(t)}</td>" for t in teks)
    return page.replace("</body>", f"<table><tr>{kepala}</tr><tr>{isi}</tr></table></body>")


def test_no_word_is_split_without_a_hyphen_in_the_laporan_and_the_rekap(laporan_2024):
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    _periksa(
        pdf.laporan_capaian_pdf(laporan, dicetak_pada=SEKARANG),
        _dengan_lampiran_i(laporan_capaian_html(laporan, dicetak_pada=SEKARANG), laporan),
    )
    kabupaten = Kabupaten.objects.get(kode="35.08")
    rekap = generator.rekap_kabupaten_generate(
        kabupaten=kabupaten,
        kecamatan_qs=Kecamatan.objects.filter(kabupaten=kabupaten),
        periode=tahunan(2024),
        as_of=AS_OF,
        dicetak_pada=SEKARANG,
    )
    _periksa(pdf.rekap_kabupaten_pdf(rekap), rekap_kabupaten_html(rekap))


def test_every_pdf_template_is_in_indonesian():
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR) / "templates" / "pdf" / "base.html"
    assert '<html lang="id">' in base.read_text(encoding="utf-8")
