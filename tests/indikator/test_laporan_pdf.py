"""The three PDF reports: figures, signatory, structure of the seeds, and nothing fetched but our static files."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indikator.laporan import generator, html, pdf
from indikator.laporan.fetcher import StaticFetcher, URLDitolak, static_path
from indikator.services import dokumen_iku_prepare
from kecamatan.models import JenisKegiatan, Kegiatan, UraianAktivitas
from kecamatan.periode import tahunan, triwulan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, RAHASIA_LUMAJANG, D, baris_pdf, make_kegiatan, rapat, rata, teks_pdf
from wilayah.models import Kabupaten, Kecamatan
from wilayah.services import wilayah_import

# Fixtures shared with the other report tests.
data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

SEKARANG = timezone.make_aware(datetime.datetime(2025, 1, 15, 9, 30))


def _capaian(kecamatan, periode=None, fetcher=None, **kw):
    laporan = generator.laporan_capaian_generate(kecamatan=kecamatan, periode=periode or tahunan(2024), as_of=AS_OF)
    return laporan, pdf.laporan_capaian_pdf(laporan, dicetak_pada=SEKARANG, fetcher=fetcher, **kw)


def test_laporan_capaian_holds_figures_remarks_signatory_and_draft_mark(laporan_2024):
    _, content = _capaian(laporan_2024)
    teks, baris = teks_pdf(content), baris_pdf(content)
    assert "LAPORAN CAPAIAN INDIKATOR KINERJA UTAMA" in teks
    assert "KECAMATAN SENDURO" in teks and "Tahun 2024" in teks
    # IKU 1: 3 of 6, 50,00%, target 90,00%, capaian 55,56%; IKU 2: 4 of 9, 44,44%, target 100,00%.
    assert "3 6 50,00% 90,00% 55,56%" in baris
    assert "4 9 44,44% 100,00% 44,44%" in baris
    assert "3 kegiatan belum ditindaklanjuti: 1 belum ada output, 2 belum ada bukti." in teks
    assert "RKPDes TA 2025: 1 desa terlambat, 1 desa belum ada." in teks
    assert (
        "dihitung per 15 Januari 2025" in teks.replace("Dihitung per : ", "dihitung per ") or "15 Januari 2025" in teks
    )
    # Signature: place and date, jabatan, name, NIP as docs/DESIGN.md §2.5 prints it.
    assert "Senduro, 15 Januari 2025" in teks
    assert "CAMAT SENDURO" in teks
    assert "W. PUJIANTO" in teks and "NIP. 19681114 199003 1 004" in teks
    # Running header and page numbers on every page; a draft says so and has no verification QR.
    assert "Halaman 1 dari" in teks and "Laporan Capaian IKU Kecamatan Senduro — Tahun 2024" in teks
    assert "DRAF" in teks
    assert "verifikasi" not in teks.lower()
    # Lampiran I and II
    assert "LAMPIRAN I DAFTAR KEGIATAN TAHUN 2024" in teks
    assert "LAMPIRAN II DOKUMEN ADMINISTRASI PEMERINTAHAN DESA" in teks
    assert "Kandangtepus" in teks and "Argosari" in teks
    assert "BA/0" in teks and "(tanpa berkas)" in teks


def test_laporan_never_shows_another_kecamatan(laporan_2024, lumajang):
    teks = teks_pdf(_capaian(laporan_2024)[1])
    assert RAHASIA_LUMAJANG not in teks
    for nama in ("Jogotrunan", "Kepuharjo", "Denok", "Blukon", "Lumajang, ", "DEDWI"):
        assert nama not in teks
    lumajang_teks = teks_pdf(_capaian(Kecamatan.objects.select_related("kabupaten").get(pk=lumajang.pk))[1])
    assert RAHASIA_LUMAJANG in lumajang_teks
    assert "Kandangtepus" not in lumajang_teks and "W. PUJIANTO" not in lumajang_teks
    # Kelurahan never appear in the document matrix.
    assert "Denok" in lumajang_teks and "Jogotrunan" not in lumajang_teks


def test_triwulan_report_uses_the_period(laporan_2024):
    content = _capaian(laporan_2024, periode=triwulan(2024, 1))[1]
    assert "Triwulan I 2024" in teks_pdf(content)
    assert "1 1 100,00% 90,00% 111,11%" in baris_pdf(content)  # IKU 1 TW I: 1 of 1


HOSTILE_IMG = '<img src="file:///etc/passwd">'
HOSTILE_LINK = '<link rel=stylesheet href="http://127.0.0.1:1/x.css">'


def test_user_text_is_escaped_and_never_fetched(laporan_2024):
    Kegiatan.objects.filter(kecamatan=laporan_2024, tanggal=D(2024, 5, 1)).update(
        keterangan=HOSTILE_IMG, output=HOSTILE_LINK
    )
    fetcher = StaticFetcher()
    laporan, content = _capaian(laporan_2024, fetcher=fetcher)
    source = html.laporan_capaian_html(laporan, dicetak_pada=SEKARANG)
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in source
    assert HOSTILE_IMG not in source and HOSTILE_LINK not in source
    # WeasyPrint asked only for our stylesheet and fonts, all served; never for the user's URLs.
    assert fetcher.diminta, "the stylesheet and fonts must come through the fetcher"
    assert all(url.startswith("ikustatic:") for url in fetcher.diminta), fetcher.diminta
    assert fetcher.ditolak == []
    assert "ikustatic:pdf/laporan.css" in fetcher.diminta
    assert "ikustatic:vendor/dejavu/DejaVuSerif.ttf" in fetcher.diminta
    assert not any("passwd" in u or "127.0.0.1" in u for u in fetcher.diminta)
    teks = teks_pdf(content)
    assert rapat(HOSTILE_IMG) in rapat(teks) and rapat(HOSTILE_LINK) in rapat(teks)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x.css",
        "https://example.com/a.css",
        "data:text/css,body{color:red}",
        "ikustatic:../iku_project/settings.py",
        "ikustatic:pdf/../../iku_project/settings.py",
        "ikustatic:pdf/../css/iku.css",
        "ikustatic:css/iku.css",
        "ikustatic:/etc/passwd",
        "ikustatic:vendor/dejavu/%2e%2e/%2e%2e/x",
        "ikustatic:vendor/bootstrap/css/bootstrap.min.css",
        "ikustatic:vendor/dejavu/tidak-ada.ttf",
        "IKU-STATIC:pdf/laporan.css",
    ],
)
def test_fetcher_refuses_everything_but_allowed_static_files(url):
    fetcher = StaticFetcher()
    with pytest.raises(URLDitolak):
        fetcher.fetch(url)
    assert fetcher.ditolak == [url]


def test_fetcher_serves_allowed_static_files():
    response = StaticFetcher().fetch("ikustatic:vendor/dejavu/DejaVuSans.ttf")
    assert response.read(4) == b"\x00\x01\x00\x00"
    assert static_path("ikustatic:pdf/laporan.css").name == "laporan.css"


def test_dokumen_iku_senduro_holds_the_whole_catalogue(db, media_root):
    dokumen_iku_prepare(kecamatan_list=wilayah_import(kode="35.08.12").kecamatan)
    kecamatan = Kecamatan.objects.select_related("kabupaten").get(kode="35.08.12")
    data = generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=D(2025, 1, 15))
    assert data.jumlah_uraian == 63
    teks = teks_pdf(pdf.dokumen_iku_pdf(data))
    for judul in [
        "INDIKATOR KINERJA UTAMA",
        "ORGANISASI PERANGKAT DAERAH",
        "DI LINGKUNGAN PEMERINTAH KABUPATEN LUMAJANG",
        "KECAMATAN SENDURO",
        "Meningkatnya Kepuasan Masyarakat",
        "Nilai Indeks Kepuasan Masyarakat",
        "j. Melaksanakan tugas lain",
        "Jumlah Hasil Fasilitasi dan Koordinasi yang ditindaklanjuti",
        "× 100%",
        "JENIS FASILITASI",
        "JENIS KOORDINASI",
        "JENIS REKOMENDASI",
        "paling lambat akhir bulan September",  # the seed's Penjelasan, not a table the seed lacks
        "Berita Acara hasil Fasilitasi",
    ]:
        assert judul in teks, judul
    jenis = list(JenisKegiatan.objects.aktif())
    assert len(jenis) == 21
    for j in jenis:
        assert rapat(j.nama) in rapat(teks), j.nama
    uraian = list(UraianAktivitas.objects.aktif())
    assert len(uraian) == 63
    for u in uraian:
        assert rapat(f"{u.nomor}. {u.teks}") in rapat(teks), u.teks
        assert rapat(u.output) in rapat(teks), u.output
    # The document's own signatory, without a date (the Senduro seed names none).
    assert "W. PUJIANTO" in teks and "NIP. 19681114 199003 1 004" in teks
    assert "Senduro, " not in teks
    assert "DRAF" not in teks


def test_dokumen_iku_perubahan_lumajang_signed_and_dated(db, media_root):
    dokumen_iku_prepare(kecamatan_list=wilayah_import(kode="35.08.10").kecamatan)
    kecamatan = Kecamatan.objects.select_related("kabupaten").get(kode="35.08.10")
    data = generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=D(2025, 1, 15))
    teks = teks_pdf(pdf.dokumen_iku_pdf(data))
    assert "INDIKATOR KINERJA UTAMA PERUBAHAN" in teks
    assert "Indeks Pelayanan Publik" in teks
    assert "Lumajang, 17 Oktober 2023" in teks
    assert "NIP. 19701218 199101 1 002" in teks


def test_rekap_kabupaten_side_by_side_without_signature(laporan_2024):
    kabupaten = Kabupaten.objects.get(kode="35.08")
    rekap = generator.rekap_kabupaten_generate(
        kabupaten=kabupaten,
        kecamatan_qs=Kecamatan.objects.filter(kabupaten=kabupaten),
        periode=tahunan(2024),
        as_of=AS_OF,
        dicetak_pada=SEKARANG,
    )
    content = pdf.rekap_kabupaten_pdf(rekap)
    teks, baris = teks_pdf(content), baris_pdf(content)
    assert "REKAPITULASI CAPAIAN INDIKATOR KINERJA UTAMA KECAMATAN" in teks
    assert "1 Lumajang 1 2 50,00% 55,56% 2 6 33,33% 33,33%" in baris
    assert "2 Senduro 3 6 50,00% 55,56% 4 9 44,44% 44,44%" in baris
    assert "Dicetak pada 15 Januari 2025 09.30 WIB" in teks
    assert "NIP" not in teks


def test_lampiran_query_count_does_not_grow_with_kegiatan(laporan_2024):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
        return len(ctx.captured_queries), len(laporan.kegiatan)

    for i in range(5):
        make_kegiatan(
            laporan_2024, D(2024, 2, 1) + datetime.timedelta(days=i), output="BA", tanggal_output=D(2024, 3, 1), bukti=2
        )
    small, n_small = count()
    for i in range(45):
        make_kegiatan(
            laporan_2024, D(2024, 4, 1) + datetime.timedelta(days=i), output="BA", tanggal_output=D(2024, 6, 1), bukti=1
        )
    large, n_large = count()
    assert n_large == n_small + 45
    assert small == large


def test_lampiran_i_prints_at_most_the_setting_with_a_note_and_exact_totals(laporan_2024, settings):
    settings.LAPORAN_PDF_MAKS_KEGIATAN = 2
    laporan, content = _capaian(laporan_2024)
    jumlah = len(laporan.kegiatan)
    assert jumlah > 2
    teks, baris = teks_pdf(content), baris_pdf(content)
    # The figures still count every kegiatan: IKU 1 is 3 of 6 as in the uncapped report.
    assert "3 6 50,00% 90,00% 55,56%" in baris
    assert f"{jumlah} kegiatan, 6 dihitung dalam IKU 1" in rata(teks)
    assert rapat(f"… dan {jumlah - 2} kegiatan lainnya tidak dicetak di sini") in rapat(teks)
    assert rapat("ada pada berkas XLSX Laporan Capaian periode ini") in rapat(teks)
    lampiran = rapat(teks)[rapat(teks).index("LAMPIRANIDAFTARKEGIATAN") : rapat(teks).index("LAMPIRANII")]
    for k in laporan.kegiatan[:2]:
        assert rapat(f"{k.tanggal:%d-%m-%Y}") in lampiran
    assert rapat(f"{laporan.kegiatan[2].nomor}{laporan.kegiatan[2].tanggal:%d-%m-%Y}") not in lampiran


def test_a_year_of_20000_kegiatan_prints_a_bounded_lampiran(laporan_2024, settings):
    import dataclasses

    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    contoh = dataclasses.replace(laporan.kegiatan[0], keterangan="BARIS-UJI-LAMPIRAN")
    banyak = [dataclasses.replace(contoh, nomor=n) for n in range(1, 20_001)]
    source = html.laporan_capaian_html(dataclasses.replace(laporan, kegiatan=banyak), dicetak_pada=SEKARANG)
    maks = settings.LAPORAN_PDF_MAKS_KEGIATAN
    assert 100 <= maks <= 2_000
    assert source.count("BARIS-UJI-LAMPIRAN") == maks
    assert f"… dan {20_000 - maks:,}".replace(",", ".") + " kegiatan lainnya tidak dicetak" in source
    assert "Daftar lengkap 20.000 kegiatan ada pada berkas XLSX" in source


def test_a_lampiran_of_200_kegiatan_is_chunked_tables_each_with_its_header(laporan_2024):
    """Issue 11.4: Lampiran I is printed as tables of ``BARIS_PER_TABEL`` rows that repeat the header.

    The shape WeasyPrint's time depends on (docs/performance.md): 200 kegiatan make 5 tables, about
    ten rows a landscape page, every page of the lampiran headed by the column names; no timing here.
    """
    import dataclasses

    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    contoh = dataclasses.replace(laporan.kegiatan[0], keterangan="Rapat koordinasi pelaksanaan program di balai desa")
    banyak = dataclasses.replace(laporan, kegiatan=[dataclasses.replace(contoh, nomor=n) for n in range(1, 201)])
    source = html.laporan_capaian_html(banyak, dicetak_pada=SEKARANG)
    lampiran_i = source[source.index("LAMPIRAN I<br>") : source.index("LAMPIRAN II<br>")]
    assert html.BARIS_PER_TABEL == 40
    assert lampiran_i.count('<table class="tabel">') == 5
    assert lampiran_i.count("<th>Uraian aktivitas (nomor katalog)</th>") == 5
    assert lampiran_i.count("Rapat koordinasi pelaksanaan program") == 200

    halaman = laporan_util.teks_per_halaman(pdf.laporan_capaian_pdf(banyak, dicetak_pada=SEKARANG))
    assert len(halaman) <= 30, len(halaman)
    pertama = next(i for i, h in enumerate(halaman) if "LAMPIRAN I DAFTAR KEGIATAN" in h)
    terakhir = next(i for i, h in enumerate(halaman) if "LAMPIRAN II" in h)
    assert 15 <= terakhir - pertama <= 25, (pertama, terakhir)
    for h in halaman[pertama:terakhir]:
        assert rapat("Uraian aktivitas (nomor katalog)") in rapat(h)
    assert sum(rapat(h).count(rapat("Rapat koordinasi pelaksanaan program")) for h in halaman) == 200
