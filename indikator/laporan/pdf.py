"""PDF formatter: HTML from ``indikator.laporan.html`` printed by WeasyPrint (A4, DejaVu fonts).

The Laporan Capaian's Lampiran I is the exception: ReportLab sets it (``lampiran_pdf``), 10× faster.

Every resource is loaded through ``StaticFetcher``; no base URL is given, so
nothing in the document can point at the server's disk or network.
"""

import datetime

import segno
from django.utils.safestring import mark_safe
from weasyprint import HTML

from indikator.laporan import html, lampiran_pdf
from indikator.laporan.fetcher import StaticFetcher
from indikator.laporan.generator import DokumenIKUData, LaporanCapaian, RekapKabupaten


def html_ke_pdf(source: str, *, fetcher: StaticFetcher | None = None) -> bytes:
    return HTML(string=source, base_url=None, url_fetcher=fetcher or StaticFetcher()).write_pdf()


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code (segno draws only paths; the URL is ours)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000"))  # noqa: S308


def _halaman_anchor(dokumen, anchor: str) -> int | None:
    return next((nomor for nomor, halaman in enumerate(dokumen.pages) if anchor in halaman.anchors), None)


def _laporan_capaian(
    laporan: LaporanCapaian, *, dicetak_pada: datetime.datetime, pengesahan: dict | None, fetcher: StaticFetcher | None
):
    """The report's PDF and WeasyPrint's rendered document (pages, anchors).

    ReportLab sets Lampiran I first, so its page count is known; WeasyPrint lays out the rest with
    that many empty pages in its place (its counters then number the whole document), and the
    ReportLab pages are drawn over them. The page indexes of WeasyPrint's document are the final ones.
    """
    lampiran = lampiran_pdf.lampiran_i_pdf(laporan)
    source = html.laporan_capaian_html(
        laporan, dicetak_pada=dicetak_pada, pengesahan=pengesahan, halaman_lampiran_i=lampiran.halaman
    )
    dokumen = HTML(string=source, base_url=None, url_fetcher=fetcher or StaticFetcher()).render()
    mulai = _halaman_anchor(dokumen, lampiran_pdf.ID_SISIPAN)
    if mulai is None or _halaman_anchor(dokumen, "lampiran-ii") != mulai + lampiran.halaman:
        # Never print a report whose Lampiran I would lie over the wrong pages.
        raise RuntimeError(f"Halaman Lampiran I tidak sesuai: mulai {mulai}, {lampiran.halaman} halaman")
    return lampiran_pdf.sisipkan(dokumen.write_pdf(), lampiran.pdf, mulai), dokumen


def laporan_capaian_pdf(
    laporan: LaporanCapaian,
    *,
    dicetak_pada: datetime.datetime,
    pengesahan: dict | None = None,
    fetcher: StaticFetcher | None = None,
) -> bytes:
    if pengesahan is not None:
        pengesahan = {**pengesahan, "qr_svg": qr_svg(pengesahan["url_verifikasi"])}
    return _laporan_capaian(laporan, dicetak_pada=dicetak_pada, pengesahan=pengesahan, fetcher=fetcher)[0]


def laporan_capaian_pdf_dengan_kotak(
    laporan: LaporanCapaian,
    *,
    dicetak_pada: datetime.datetime,
    pengesahan: dict,
    fetcher: StaticFetcher | None = None,
):
    """The approved report and where its signature space lies, for the visible electronic signature.

    The signature block marks its space with an id (WeasyPrint records it as an anchor), so
    the signature field follows the block wherever the layout puts it.
    """
    from indikator.laporan.tte import ID_KOTAK, PX_KE_PT, KotakTTE

    pengesahan = {**pengesahan, "qr_svg": qr_svg(pengesahan["url_verifikasi"]), "kotak_tte": ID_KOTAK}
    content, dokumen = _laporan_capaian(laporan, dicetak_pada=dicetak_pada, pengesahan=pengesahan, fetcher=fetcher)
    kotak = None
    nomor = _halaman_anchor(dokumen, ID_KOTAK)
    if nomor is not None:
        halaman = dokumen.pages[nomor]
        x1, y1, x2, y2 = halaman.anchors[ID_KOTAK]
        tinggi = halaman.height * PX_KE_PT
        # CSS px from the top-left to whole PDF points from the bottom-left (pyHanko lays out integers).
        kotak = KotakTTE(
            halaman=nomor,
            kotak=tuple(
                round(v) for v in (x1 * PX_KE_PT, tinggi - y2 * PX_KE_PT, x2 * PX_KE_PT, tinggi - y1 * PX_KE_PT)
            ),
        )
    return content, kotak


def dokumen_iku_pdf(data: DokumenIKUData, *, fetcher: StaticFetcher | None = None) -> bytes:
    return html_ke_pdf(html.dokumen_iku_html(data), fetcher=fetcher)


def rekap_kabupaten_pdf(rekap: RekapKabupaten, *, fetcher: StaticFetcher | None = None) -> bytes:
    return html_ke_pdf(html.rekap_kabupaten_html(rekap), fetcher=fetcher)
