"""PDF formatter: HTML from ``indikator.laporan.html`` printed by WeasyPrint (A4, DejaVu fonts).

Every resource is loaded through ``StaticFetcher``; no base URL is given, so
nothing in the document can point at the server's disk or network.
"""

import datetime

import segno
from django.utils.safestring import mark_safe
from weasyprint import HTML

from indikator.laporan import html
from indikator.laporan.fetcher import StaticFetcher
from indikator.laporan.generator import DokumenIKUData, LaporanCapaian, RekapKabupaten


def html_ke_pdf(source: str, *, fetcher: StaticFetcher | None = None) -> bytes:
    return HTML(string=source, base_url=None, url_fetcher=fetcher or StaticFetcher()).write_pdf()


def qr_svg(url: str) -> str:
    """The verification URL as an inline SVG QR code (segno draws only paths; the URL is ours)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000"))  # noqa: S308


def laporan_capaian_pdf(
    laporan: LaporanCapaian,
    *,
    dicetak_pada: datetime.datetime,
    pengesahan: dict | None = None,
    fetcher: StaticFetcher | None = None,
) -> bytes:
    if pengesahan is not None:
        pengesahan = {**pengesahan, "qr_svg": qr_svg(pengesahan["url_verifikasi"])}
    source = html.laporan_capaian_html(laporan, dicetak_pada=dicetak_pada, pengesahan=pengesahan)
    return html_ke_pdf(source, fetcher=fetcher)


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
    source = html.laporan_capaian_html(laporan, dicetak_pada=dicetak_pada, pengesahan=pengesahan)
    dokumen = HTML(string=source, base_url=None, url_fetcher=fetcher or StaticFetcher()).render()
    kotak = None
    for nomor, halaman in enumerate(dokumen.pages):
        if ID_KOTAK in halaman.anchors:
            x1, y1, x2, y2 = halaman.anchors[ID_KOTAK]
            tinggi = halaman.height * PX_KE_PT
            # CSS px from the top-left to whole PDF points from the bottom-left (pyHanko lays out integers).
            kotak = KotakTTE(
                halaman=nomor,
                kotak=tuple(
                    round(v) for v in (x1 * PX_KE_PT, tinggi - y2 * PX_KE_PT, x2 * PX_KE_PT, tinggi - y1 * PX_KE_PT)
                ),
            )
            break
    return dokumen.write_pdf(), kotak


def dokumen_iku_pdf(data: DokumenIKUData, *, fetcher: StaticFetcher | None = None) -> bytes:
    return html_ke_pdf(html.dokumen_iku_html(data), fetcher=fetcher)


def rekap_kabupaten_pdf(rekap: RekapKabupaten, *, fetcher: StaticFetcher | None = None) -> bytes:
    return html_ke_pdf(html.rekap_kabupaten_html(rekap), fetcher=fetcher)
