"""The signature block stays on the page of the content it closes, read back page by page from the PDF."""

import dataclasses
import datetime

from django.utils import timezone

from indikator.laporan import generator, pdf
from indikator.services import dokumen_iku_prepare
from kecamatan.periode import tahunan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, D, halaman_dengan, teks_per_halaman
from wilayah.models import Kabupaten, Kecamatan
from wilayah.services import wilayah_import

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

SEKARANG = timezone.make_aware(datetime.datetime(2025, 1, 15, 9, 30))


def _dokumen_iku(kode):
    dokumen_iku_prepare(kecamatan_list=wilayah_import(kode=kode).kecamatan)
    kecamatan = Kecamatan.objects.select_related("kabupaten").get(kode=kode)
    data = generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=D(2025, 1, 15))
    return data, pdf.dokumen_iku_pdf(data)


def _satu_halaman(content, teks):
    halaman = halaman_dengan(content, teks)
    assert len(halaman) == 1, f"{teks!r} on pages {halaman}"
    return halaman[0]


def test_senduro_dokumen_iku_signed_on_page_1_under_its_iku_table(db, media_root):
    data, content = _dokumen_iku("35.08.12")
    # The end of the IKU table: the last row's formula denominator, then its penanggung jawab.
    # (the same formula comes back later in the PENJELASAN: the table holds the first one).
    assert halaman_dengan(content, data.baris[-1].rumus_penyebut)[0] == 1
    assert _satu_halaman(content, "W. PUJIANTO") == 1, "the seed signs the IKU table on its first page"
    assert _satu_halaman(content, "NIP. 19681114 199003 1 004") == 1
    # The seed's explanation section (Tujuan, Sasaran, Formulasi, then the catalogue) follows on page 2.
    assert halaman_dengan(content, "Formulasi")[0] == 2
    pertama = teks_per_halaman(content)[0]
    # The heading above the signatory, as the seed has it ("KECAMATAN SENDURO"), under the table's last cell.
    assert pertama.rindex("KECAMATAN SENDURO") > pertama.index("Seluruh Pejabat Struktural")


def test_lumajang_dokumen_iku_signature_never_alone_on_a_page(db, media_root):
    data, content = _dokumen_iku("35.08.10")
    nama = _satu_halaman(content, "NIP. 19701218 199101 1 002")
    assert nama == halaman_dengan(content, data.baris[-1].rumus_penyebut)[0]
    assert nama == _satu_halaman(content, "Lumajang, 17 Oktober 2023")


def test_laporan_capaian_signature_stays_with_the_remarks_it_closes(laporan_2024):
    """Longer and longer remarks push the signature across a page end: it must never go alone,
    and the approval box stays under it.

    Steps of six lines (about 28 mm) are shorter than the signature block (about 55 mm), so some
    step puts the page end inside the block whatever the rest of the page holds."""
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    pengesahan = {"versi": 1, "revisi": False, "disahkan_pada": SEKARANG, "url_verifikasi": "https://iku.test/v/abc/"}
    terpisah = []
    for tambahan in range(0, 48, 6):
        catatan = [f"Catatan uji nomor {i} untuk mendorong tanda tangan ke batas halaman." for i in range(tambahan)]
        varian = dataclasses.replace(laporan, keterangan_iku2=laporan.keterangan_iku2 + catatan)
        content = pdf.laporan_capaian_pdf(varian, dicetak_pada=SEKARANG, pengesahan=pengesahan)
        halaman = {
            teks: _satu_halaman(content, teks)
            for teks in [
                "Rincian kegiatan pada Lampiran I",
                "Senduro, 15 Januari 2025",
                "W. PUJIANTO",
                "Laporan ini disahkan secara elektronik.",
            ]
        }
        if len(set(halaman.values())) != 1:
            terpisah.append(f"{tambahan} extra lines: {halaman}")
    assert not terpisah, "the signature block left the remarks it closes:\n" + "\n".join(terpisah)


def test_rekap_closing_note_stays_with_the_last_chart(laporan_2024):
    kabupaten = Kabupaten.objects.get(kode="35.08")
    rekap = generator.rekap_kabupaten_generate(
        kabupaten=kabupaten,
        kecamatan_qs=Kecamatan.objects.filter(kabupaten=kabupaten),
        periode=tahunan(2024),
        as_of=AS_OF,
        dicetak_pada=SEKARANG,
    )
    content = pdf.rekap_kabupaten_pdf(rekap)
    assert _satu_halaman(content, "tanpa tanda tangan") == _satu_halaman(content, "IKU 2 per kecamatan")
