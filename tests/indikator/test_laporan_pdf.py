"""The three PDF reports: figures, signatory, structure of the seeds, and nothing fetched but our static files."""

import dataclasses
import datetime
import io
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reportlab.pdfbase import pdfmetrics

from indikator.laporan import generator, html, lampiran_pdf, pdf
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


def test_laporan_counts_what_it_lists_even_beside_an_older_cached_figure(laporan_2024):
    """The Laporan lists counted kegiatan (Lampiran I) and desa cells (Lampiran II): its figures come from
    the same rows, never from counts cached earlier. A document written without a new data version (bulk,
    as a write landing between the cached figures and the page's read would look) leaves the dashboards'
    cached figure where it was, and the Laporan's counts still agree with its own cells and rows."""
    from desa.models import DokumenDesa
    from desa.tenggat import StatusDokumen
    from indikator.iku import iku_compute
    from wilayah.models import Desa

    (tersimpan,) = iku_compute(
        kecamatan_qs=Kecamatan.objects.filter(pk=laporan_2024.pk), periode=tahunan(2024), as_of=AS_OF
    )
    kosong = next(
        (d, w)
        for w in generator._matriks(tersimpan).kolom
        for d in Desa.objects.filter(kecamatan=laporan_2024, jenis=Desa.Jenis.DESA)
        if not DokumenDesa.objects.filter(desa=d, jenis=w.jenis, tahun_anggaran=w.tahun_anggaran).exists()
    )
    desa, wajib = kosong
    DokumenDesa.objects.bulk_create(
        [
            DokumenDesa(
                desa=desa, jenis=wajib.jenis, tahun_anggaran=wajib.tahun_anggaran, tanggal=wajib.tenggat, nomor="X"
            )
        ]
    )
    (masih,) = iku_compute(
        kecamatan_qs=Kecamatan.objects.filter(pk=laporan_2024.pk), periode=tahunan(2024), as_of=AS_OF
    )
    assert masih.iku2.numerator == tersimpan.iku2.numerator  # the cached figure, as the dashboards show it

    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    iku2 = laporan.hasil.iku2
    assert iku2.numerator == tersimpan.iku2.numerator + 1
    for i, rincian in enumerate(iku2.dokumen):
        sel = [baris[3][i] for baris in laporan.matriks.baris]
        assert rincian.tepat_waktu == sum(s.status == StatusDokumen.TEPAT_WAKTU for s in sel), rincian.wajib
        assert rincian.terlambat == sum(s.status == StatusDokumen.TERLAMBAT for s in sel), rincian.wajib
    assert laporan.hasil.iku1.denominator == sum(1 for k in laporan.kegiatan if k.dihitung)
    assert laporan.hasil.iku1.numerator == sum(1 for k in laporan.kegiatan if k.dihitung and k.ditindaklanjuti)


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
    # Lampiran I (keterangan, output) is ReportLab's: the HTML WeasyPrint reads holds no kegiatan text at all.
    source = html.laporan_capaian_html(laporan, dicetak_pada=SEKARANG)
    assert "passwd" not in source and "127.0.0.1" not in source
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


def _banyak(laporan, jumlah: int, **kw):
    """The report with ``jumlah`` copies of its first kegiatan, numbered 1…jumlah (other fields from ``kw``)."""
    import dataclasses

    contoh = dataclasses.replace(laporan.kegiatan[0], **kw)
    return dataclasses.replace(laporan, kegiatan=[dataclasses.replace(contoh, nomor=n) for n in range(1, jumlah + 1)])


def test_a_year_of_20000_kegiatan_prints_a_bounded_lampiran(laporan_2024, settings):
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    maks = settings.LAPORAN_PDF_MAKS_KEGIATAN
    assert 100 <= maks <= 2_000
    lampiran = lampiran_pdf.lampiran_i_pdf(_banyak(laporan, 20_000, keterangan="BARIS-UJI-LAMPIRAN"))
    teks = teks_pdf(lampiran.pdf)
    assert teks.count("BARIS-UJI-LAMPIRAN") == maks
    assert rapat(f"… dan {20_000 - maks:,}".replace(",", ".") + " kegiatan lainnya tidak dicetak") in rapat(teks)
    assert rapat("Daftar lengkap 20.000 kegiatan ada pada berkas XLSX") in rapat(teks)


def _lampiran_i(halaman: list[str]) -> tuple[int, int]:
    """The index of Lampiran I's first page and of Lampiran II's first page."""
    pertama = next(i for i, h in enumerate(halaman) if "LAMPIRAN I DAFTAR KEGIATAN" in h)
    return pertama, next(i for i, h in enumerate(halaman) if "LAMPIRAN II" in h)


def _halaman_tata_letak(content: bytes) -> list[str]:
    """Each page's text in its physical layout (a table row's first line stays one line)."""
    keluaran = subprocess.run(
        [laporan_util.PDFTOTEXT, "-layout", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return keluaran.stdout.decode("utf-8").split("\f")


def _nomor_halaman_benar(halaman: list[str]) -> None:
    """Every page's footer says "Halaman x dari N" with its own x and the document's N, and nothing else."""
    n = len(halaman)
    for nomor, h in enumerate(halaman, start=1):
        assert re.findall(r"Halaman \d+ dari \d+", h) == [f"Halaman {nomor} dari {n}"], (nomor, h[-200:])


def test_a_lampiran_of_200_kegiatan_is_one_table_with_its_header_on_every_page(laporan_2024):
    """Issue 11.4: Lampiran I is ReportLab's table over WeasyPrint's numbered pages.

    200 kegiatan: about ten rows a landscape page, every page of the lampiran headed by the column
    names and carrying the running header and footer, every row printed once and whole, the page
    numbers right across the joined document; no timing here.
    """
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    banyak = _banyak(laporan, 200, keterangan="Rapat koordinasi pelaksanaan program di balai desa")
    source = html.laporan_capaian_html(banyak, dicetak_pada=SEKARANG, halaman_lampiran_i=17)
    assert source.count('class="sisipan"') == 17 and "Rapat koordinasi" not in source

    content = pdf.laporan_capaian_pdf(banyak, dicetak_pada=SEKARANG)
    halaman = laporan_util.teks_per_halaman(content)
    assert len(halaman) <= 30, len(halaman)
    pertama, terakhir = _lampiran_i(halaman)
    assert 15 <= terakhir - pertama <= 25, (pertama, terakhir)
    assert terakhir - pertama == lampiran_pdf.lampiran_i_pdf(banyak).halaman
    _nomor_halaman_benar(halaman)
    baris = rapat("Rapat koordinasi pelaksanaan program")
    for h in halaman[pertama:terakhir]:
        for judul in ("Uraian aktivitas (nomor katalog)", "Seksi / desa", "Bukti pendukung", "Ditindaklanjuti"):
            assert rapat(judul) in rapat(h), (judul, h[:300])
        assert "Laporan Capaian IKU Kecamatan Senduro — Tahun 2024" in h and "DRAF — belum disahkan" in h
        assert "Dicetak 15 Januari 2025 09.30 WIB" in h
        assert rapat(h).count(baris) >= 5
    assert sum(rapat(h).count(baris) for h in halaman) == 200
    # Each row whole on one page: the printed lines that begin with its number and date, in order, once.
    tanggal = f"{banyak.kegiatan[0].tanggal:%d-%m-%Y}"
    baris_awal = [
        int(m.group(1))
        for h in _halaman_tata_letak(content)[pertama:terakhir]
        for m in re.finditer(rf"^ *(\d+) +{tanggal} ", h, flags=re.M)
    ]
    assert baris_awal == list(range(1, 201))
    # Lampiran I's pages are landscape like the rest of the lampiran, the report's first pages portrait.
    reader = pypdf.PdfReader(io.BytesIO(content))
    lebar = [round(float(p.mediabox.width)) for p in reader.pages]
    assert lebar[:pertama] == [595] * pertama and set(lebar[pertama:]) == {842}


def test_lampiran_i_prints_markup_and_long_words_as_text(laporan_2024):
    """Paragraph markup in a user's text is escaped; a word wider than its column is broken, not lost."""
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    panjang = "Nomor" + "1234567890" * 12
    kegiatan = [
        dataclasses.replace(
            laporan.kegiatan[0],
            keterangan='<script>alert("x")</script> & <b>tebal</b> <br/> &amp; <font size=40>besar</font>',
            output=f"Output {panjang}",
            desa="Desa <i>Miring</i> & Co",
        ),
        *laporan.kegiatan[1:],
    ]
    content = pdf.laporan_capaian_pdf(dataclasses.replace(laporan, kegiatan=kegiatan), dicetak_pada=SEKARANG)
    teks = teks_pdf(content)
    assert rapat('<script>alert("x")</script> & <b>tebal</b> <br/> &amp; <font size=40>besar</font>') in rapat(teks)
    assert rapat("Desa <i>Miring</i> & Co") in rapat(teks)
    assert rapat(panjang) in rapat(teks)
    for k in laporan.kegiatan[1:]:
        assert rapat(k.keterangan) in rapat(teks)


def test_a_row_taller_than_a_page_is_split_across_pages_not_lost(laporan_2024):
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    kalimat = [f"Kalimat panjang nomor {i} dari keterangan yang tidak muat satu halaman." for i in range(200)]
    kegiatan = [dataclasses.replace(laporan.kegiatan[0], keterangan=" ".join(kalimat)), *laporan.kegiatan[1:]]
    content = pdf.laporan_capaian_pdf(dataclasses.replace(laporan, kegiatan=kegiatan), dicetak_pada=SEKARANG)
    halaman = laporan_util.teks_per_halaman(content)
    pertama, terakhir = _lampiran_i(halaman)
    assert terakhir - pertama >= 3
    _nomor_halaman_benar(halaman)
    # The Keterangan column (x 120–154 mm of the landscape page, between the margins) read down
    # ReportLab's pages, without the running header, footer and draft mark: every sentence, in order.
    lampiran = lampiran_pdf.lampiran_i_pdf(dataclasses.replace(laporan, kegiatan=kegiatan))
    assert lampiran.halaman == terakhir - pertama
    kolom = [
        subprocess.run(
            [laporan_util.PDFTOTEXT, "-f", str(nomor), "-l", str(nomor), "-x", "341", "-y", "40", "-W", "96"]
            + ["-H", "530", "-enc", "UTF-8", "-", "-"],
            input=lampiran.pdf,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        for nomor in range(1, lampiran.halaman + 1)
    ]
    assert rapat(" ".join(kalimat)) in rapat(" ".join(kolom).replace("Keterangan", ""))
    for h in halaman[pertama:terakhir]:
        assert rapat("Uraian aktivitas (nomor katalog)") in rapat(h)


def test_an_empty_period_says_so_in_lampiran_i(laporan_2024):
    content = _capaian(laporan_2024, periode=triwulan(2023, 1))[1]
    halaman = laporan_util.teks_per_halaman(content)
    pertama, terakhir = _lampiran_i(halaman)
    assert terakhir - pertama == 1
    assert "Tidak ada kegiatan dalam periode ini." in halaman[pertama]
    assert rapat("Uraian aktivitas (nomor katalog)") in rapat(halaman[pertama])
    assert "0 kegiatan, 0 dihitung dalam IKU 1." in halaman[pertama]
    _nomor_halaman_benar(halaman)


def test_lampiran_i_fonts_come_from_the_static_allow_list():
    """ReportLab reads its DejaVu faces from the files the PDF fetcher would serve, nothing else."""
    lampiran_pdf._font_siap()
    for nama, berkas in lampiran_pdf._FONT.items():
        font = pdfmetrics.getFont(nama)
        assert Path(font.face.filename) == static_path(f"ikustatic:vendor/dejavu/{berkas}")


def test_the_renderings_fingerprint_reads_what_lays_out_and_computes_them(monkeypatch, tmp_path):
    """A deploy that changes Lampiran I's layout, the computation or the fonts must not serve stored renderings."""
    from pathlib import Path

    from django.conf import settings

    from indikator.laporan import tugas

    for bagian in [
        "indikator/laporan/lampiran_pdf.py",
        "indikator/calculations.py",
        "indikator/iku.py",
        "indikator/templatetags",
        "node_modules/dejavu-fonts-ttf/ttf",
    ]:
        assert bagian in tugas._KODE_TAMPILAN
    for bagian in tugas._KODE_TAMPILAN:
        assert (Path(settings.BASE_DIR) / bagian).exists(), bagian
    berkas = tmp_path / "lampiran_pdf.py"
    berkas.write_text("UKURAN = 7.5\n")
    monkeypatch.setattr(tugas, "_KODE_TAMPILAN", [str(berkas)])
    tugas.sidik_tampilan.cache_clear()
    try:
        lama = tugas.sidik_tampilan()
        berkas.write_text("UKURAN = 8\n")
        tugas.sidik_tampilan.cache_clear()
        assert tugas.sidik_tampilan() != lama
    finally:
        tugas.sidik_tampilan.cache_clear()
