"""Lampiran I of the Laporan Capaian (the kegiatan table) typeset by ReportLab, laid into WeasyPrint's pages.

WeasyPrint spends about 1.1 ms of CPU per table cell before it sets any text, so 1,000 kegiatan × 9
cells cost 20+ s however the CSS is written (docs/performance.md, issue 11.4); ReportLab's platypus
sets the same table in about 2 s. The rest of the report stays WeasyPrint's, and so do the running
header, footer, page numbers and draft mark of Lampiran I's pages: the HTML holds one empty landscape
page per page ReportLab made (``halaman_lampiran_i``), so WeasyPrint numbers the whole document ("Halaman x
dari y") and places everything else as before; ``sisipkan`` then draws each ReportLab page over its
empty page as a form XObject (pypdf), without parsing either content stream.

The look follows static/pdf/laporan.css: DejaVu Sans Condensed 7.5 pt, line height 1.35, collapsed
0.6 pt black borders, cell padding 1.2 × 1.5 mm, a grey header row repeated on every page, the column
widths of templates/pdf/capaian.html, Indonesian hyphenation by pyphen (limits 6 3 3, as
``hyphenate-limit-chars``), and a word wider than its cell broken anywhere (``overflow-wrap: break-word``).
Fonts come only from the application's static files, through the PDF fetcher's allow-list.

No user text passes ReportLab's markup parser: cells are built from text runs (``ParaFrag``), so ``<``,
``&`` and tags print as they are; the few parsed texts (headings, notes) are escaped.
"""

import datetime
import functools
import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pyphen
from django.conf import settings
from django.utils.formats import date_format
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.paraparser import ParaFrag

from indikator.laporan.fetcher import static_path, static_url
from indikator.laporan.generator import BarisKegiatan, LaporanCapaian
from indikator.templatetags.iku import angka

# The id of the first empty page WeasyPrint lays out for Lampiran I (templates/pdf/capaian.html).
ID_SISIPAN = "lampiran-i"

# @page lampiran: A4 landscape, margins 2 cm 1.5 cm 1.8 cm 1.5 cm.
HALAMAN = landscape(A4)
TEPI_ATAS, TEPI_KANAN, TEPI_BAWAH, TEPI_KIRI = 20 * mm, 15 * mm, 18 * mm, 15 * mm
LEBAR = HALAMAN[0] - TEPI_KIRI - TEPI_KANAN
TINGGI_ISI = HALAMAN[1] - TEPI_ATAS - TEPI_BAWAH
# The colgroup of Lampiran I; the third column takes what is left (50 mm).
_KOLOM_TETAP = (9, 16, None, 30, 34, 20, 38, 48, 22)
KOLOM = tuple((w * mm if w else LEBAR - sum(x for x in _KOLOM_TETAP if x) * mm) for w in _KOLOM_TETAP)
JUDUL_KOLOM = (
    "No.",
    "Tanggal",
    "Uraian aktivitas (nomor katalog)",
    "Seksi / desa",
    "Keterangan",
    "Status",
    "Output",
    "Bukti pendukung",
    "Ditindak\xadlanjuti",
)
KOSONG = "Tidak ada kegiatan dalam periode ini."
UKURAN = 7.5  # pt, .lampiran table.tabel

HITAM = colors.black
REDUP = colors.HexColor("#444444")
LATAR_JUDUL = colors.HexColor("#e9ecef")

_FONT = {
    "IKU-DejaVuSansCondensed": "DejaVuSansCondensed.ttf",
    "IKU-DejaVuSansCondensed-Bold": "DejaVuSansCondensed-Bold.ttf",
    "IKU-DejaVuSansCondensed-Oblique": "DejaVuSansCondensed-Oblique.ttf",
    "IKU-DejaVuSansCondensed-BoldOblique": "DejaVuSansCondensed-BoldOblique.ttf",
    "IKU-DejaVuSerif": "DejaVuSerif.ttf",
    "IKU-DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
}


@functools.cache
def _font_siap() -> None:
    """Register the DejaVu faces once per process, from the static files the PDF fetcher allows."""
    for nama, berkas in _FONT.items():
        pdfmetrics.registerFont(TTFont(nama, str(static_path(static_url(f"vendor/dejavu/{berkas}")))))
    pdfmetrics.registerFontFamily(
        "IKU-DejaVuSansCondensed",
        normal="IKU-DejaVuSansCondensed",
        bold="IKU-DejaVuSansCondensed-Bold",
        italic="IKU-DejaVuSansCondensed-Oblique",
        boldItalic="IKU-DejaVuSansCondensed-BoldOblique",
    )
    pdfmetrics.registerFontFamily(
        "IKU-DejaVuSerif", normal="IKU-DejaVuSerif", bold="IKU-DejaVuSerif-Bold", italic="IKU-DejaVuSerif"
    )


@functools.cache
def _pemenggal():
    # hyphenate-limit-chars: 6 3 3 — words of 6+ letters, at least 3 before and after the break.
    return pyphen.Pyphen(lang="id_ID", left=3, right=3).iterate


@functools.cache
def _gaya() -> dict[str, ParagraphStyle]:
    _font_siap()
    sel = ParagraphStyle(
        "sel",
        fontName="IKU-DejaVuSansCondensed",
        fontSize=7.5,
        leading=7.5 * 1.35,
        textColor=HITAM,
        hyphenationLang=_pemenggal(),
        hyphenationMinWordLength=6,
        splitLongWords=True,
    )
    return {
        "sel": sel,
        "kepala": ParagraphStyle(
            "kepala",
            parent=sel,
            fontName="IKU-DejaVuSansCondensed-Bold",
            alignment=TA_CENTER,
            hyphenationLang="",
            embeddedHyphenation=1,
        ),
        "kosong": ParagraphStyle("kosong", parent=sel, alignment=TA_CENTER, textColor=REDUP),
        "judul": ParagraphStyle(
            "judul",
            fontName="IKU-DejaVuSerif-Bold",
            fontSize=11,
            leading=11 * 1.35,
            alignment=TA_CENTER,
            spaceAfter=2.5 * mm,
        ),
        "kecil": ParagraphStyle(
            "kecil", fontName="IKU-DejaVuSerif", fontSize=8.5, leading=8.5 * 1.35, spaceAfter=2 * mm
        ),
        "kecil_tebal": ParagraphStyle(
            "kecil_tebal",
            fontName="IKU-DejaVuSerif-Bold",
            fontSize=8.5,
            leading=8.5 * 1.35,
            spaceBefore=0,
            spaceAfter=2 * mm,
        ),
    }


class _Sel(Paragraph):
    """A cell paragraph that breaks its lines once per width.

    ReportLab's Table wraps every cell when it measures the rows, again when a page splits it and
    again when it draws it, always at the column's width; the lines are the same each time.
    """

    _lebar = None

    def wrap(self, availWidth, availHeight):
        if availWidth != self._lebar:
            self._lebar = availWidth
            self._ukuran = super().wrap(availWidth, availHeight)
        return self._ukuran

    def split(self, availWidth, availHeight):
        bagian = super().split(availWidth, availHeight)
        self._lebar = None  # a refused split drops the lines it broke
        return bagian


# White space as CSS collapses it (white-space: normal): not the no-break space.
_SPASI = re.compile(r"[ \t\n\r\f]+")


def _tgl(d: datetime.date | None) -> str:
    return f"{d:%d-%m-%Y}" if d else ""


def _f(teks: str, *, warna=HITAM, font: str = "IKU-DejaVuSansCondensed") -> ParaFrag:
    """One run of a cell's text, as ReportLab's markup parser would have made it (no parser: user text
    is never read as markup, so ``<``, ``&`` and tags print as they are)."""
    return ParaFrag(
        rise=0,
        greek=0,
        link=[],
        fontName=font,
        bold=0,
        italic=int(font.endswith("Oblique")),
        fontSize=UKURAN,
        textColor=warna,
        us_lines=[],
        text=teks,
    )


def _br() -> ParaFrag:
    baris = _f("")
    baris.lineBreak = True
    return baris


def _rapi(teks: str) -> str:
    return _SPASI.sub(" ", teks).strip()


def _baris(k: BarisKegiatan, p, t) -> list:
    """One row as templates/pdf/capaian.html printed it (redup: the grey of ``.redup``).

    ``p`` makes a cell paragraph of runs, ``t`` a cell of plain text (a paragraph unless it fits on one line).
    """
    seksi, desa = _rapi(k.seksi) or "—", _rapi(k.desa)
    seksi = p(_f(seksi), _br(), _f(desa, warna=REDUP)) if desa else t(seksi, 3)
    bukti = []
    for b in k.bukti:
        if bukti:
            bukti.append(_br())
        teks = _rapi(f"{b.jenis}{f' No. {b.nomor}' if b.nomor else ''}, {_tgl(b.tanggal)}")
        if b.tanpa_berkas:
            bukti += [_f(teks + " "), _f("(tanpa berkas)", font="IKU-DejaVuSansCondensed-Oblique")]
        else:
            bukti.append(_f(teks))
    return [
        str(k.nomor),
        _tgl(k.tanggal),
        p(_f(_rapi(f"{k.kategori} {k.uraian}"))),
        seksi,
        t(k.keterangan, 4),
        t(k.status, 5),
        p(_f(_rapi(k.output)), _br(), _f(_tgl(k.tanggal_output), warna=REDUP)) if _rapi(k.output) else "—",
        p(*bukti) if bukti else "—",
        t(k.tindak_lanjut, 8),
    ]


def _tabel(kegiatan: list[BarisKegiatan]) -> Table:
    gaya = _gaya()
    sel = gaya["sel"]

    def p(*runs: ParaFrag) -> Paragraph:
        return _Sel(None, sel, frags=list(runs))

    muat = [w - 3 * mm - 0.6 for w in KOLOM]  # inside the cell's padding

    def t(teks: str, kolom: int):
        # A text that fits its column on one line is drawn as a plain string, without the paragraph
        # machinery; it prints the same: same font, size and first baseline.
        teks = _rapi(teks)
        if pdfmetrics.stringWidth(teks, sel.fontName, sel.fontSize) <= muat[kolom]:
            return teks
        return p(_f(teks))

    data = [[Paragraph(j, gaya["kepala"]) for j in JUDUL_KOLOM]]
    data += [_baris(k, p, t) for k in kegiatan]
    perintah = [
        ("FONT", (0, 0), (-1, -1), "IKU-DejaVuSansCondensed", 7.5, 7.5 * 1.35),
        ("GRID", (0, 0), (-1, -1), 0.6, HITAM),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), LATAR_JUDUL),
        # Collapsed borders: half of each 0.6 pt line lies inside the cell, beside its padding (CSS 2.1 §17.6.2).
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm + 0.3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm + 0.3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm + 0.3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm + 0.3),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),  # No. (td.angka)
    ]
    if not kegiatan:
        data.append([Paragraph(KOSONG, gaya["kosong"])] + [""] * 8)
        perintah.append(("SPAN", (0, 1), (-1, 1)))
    return _Tabel(data, colWidths=KOLOM, repeatRows=1, style=TableStyle(perintah))


class _Tabel(Table):
    """Rows move whole to the next page (``break-inside: avoid``); only a row that would not fit on a
    page of its own (a very long keterangan) is split across pages, as WeasyPrint splits it.

    ReportLab's ``splitInRow`` alone would also split an ordinary row into the space left at the foot
    of a page, so it is switched on only for the split at a row taller than a page.
    """

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        # Private ReportLab API (pinned reportlab==5.1.0): the row split() itself would break at, which no
        # public method gives. Re-check it on every ReportLab upgrade; tests/indikator/test_lampiran_api.py
        # fails loudly if it disappears.
        baris = max(self._getFirstPossibleSplitRowPosition(availHeight), self.repeatRows)
        kepala = sum(self._rowHeights[: self.repeatRows])
        terlalu_tinggi = baris < len(self._rowHeights) and kepala + self._rowHeights[baris] > TINGGI_ISI
        self.splitInRow = 1 if terlalu_tinggi else 0
        return super().split(availWidth, availHeight)


def siapkan() -> None:
    """Load the fonts and styles now (once per process, ~0.2 s) rather than in the first report."""
    _gaya()


@dataclass(frozen=True)
class LampiranI:
    pdf: bytes
    halaman: int


def lampiran_i_pdf(laporan: LaporanCapaian) -> LampiranI:
    """Lampiran I as a PDF of its own (no running header or footer: the empty pages carry them).

    At most ``LAPORAN_PDF_MAKS_KEGIATAN`` kegiatan are printed; the rest are named by count and are
    in the XLSX, and every figure of the report is computed from all of them.
    """
    gaya = _gaya()
    iku1 = laporan.hasil.iku1
    periode = laporan.periode
    maks = settings.LAPORAN_PDF_MAKS_KEGIATAN
    dicetak = laporan.kegiatan[:maks]
    tidak_dicetak = len(laporan.kegiatan) - len(dicetak)
    sampai = laporan.as_of if laporan.as_of < periode.selesai else periode.selesai
    cerita = [
        Paragraph(f"LAMPIRAN I<br/>DAFTAR KEGIATAN {escape(periode.label.upper())}", gaya["judul"]),
        Paragraph(
            escape(
                f"Kecamatan {laporan.kecamatan.nama} · kegiatan bertanggal {date_format(periode.mulai, 'j F Y')} "
                f"s.d. {date_format(sampai, 'j F Y')} · tindak lanjut dinilai per "
                f"{date_format(laporan.as_of, 'j F Y')} · {angka(len(laporan.kegiatan))} kegiatan, "
                f"{angka(iku1.denominator)} dihitung dalam IKU 1."
            ),
            gaya["kecil"],
        ),
        _tabel(dicetak),
    ]
    if tidak_dicetak:
        cerita += [
            Paragraph(
                escape(
                    f"… dan {angka(tidak_dicetak)} kegiatan lainnya tidak dicetak di sini. Daftar lengkap "
                    f"{angka(len(laporan.kegiatan))} kegiatan ada pada berkas XLSX Laporan Capaian periode ini "
                    "(Lampiran I); semua angka dan jumlah dalam laporan ini dihitung dari seluruh kegiatan."
                ),
                gaya["kecil_tebal"],
            ),
        ]
    keluaran = io.BytesIO()
    dokumen = BaseDocTemplate(
        keluaran,
        pagesize=HALAMAN,
        leftMargin=TEPI_KIRI,
        rightMargin=TEPI_KANAN,
        topMargin=TEPI_ATAS,
        bottomMargin=TEPI_BAWAH,
        invariant=1,  # no creation date or random id: the same report gives the same bytes
        pageCompression=0,  # compressed once, when laid into the report (sisipkan)
    )
    bingkai = Frame(TEPI_KIRI, TEPI_BAWAH, LEBAR, TINGGI_ISI, 0, 0, 0, 0, id="isi", showBoundary=0)
    dokumen.addPageTemplates([PageTemplate(id="lampiran", frames=[bingkai])])
    dokumen.build(cerita)
    return LampiranI(pdf=keluaran.getvalue(), halaman=dokumen.page)


def sisipkan(utama: bytes, lampiran: bytes, mulai: int) -> bytes:
    """``utama`` with the pages of ``lampiran`` drawn over its pages ``mulai``, ``mulai + 1``, ….

    Each ReportLab page becomes a form XObject of the same size, painted after the WeasyPrint page's
    own content (wrapped in q/Q so its coordinate system does not leak): the empty page's header,
    footer and draft mark stay, the table lies on top.
    """
    pembaca = PdfReader(io.BytesIO(utama))
    penulis = PdfWriter(clone_from=pembaca)
    penulis.pdf_header = pembaca.pdf_header  # WeasyPrint's PDF 1.7, not pypdf's default 1.3
    sumber = PdfReader(io.BytesIO(lampiran))
    simpan = DecodedStreamObject()
    simpan.set_data(b"q\n")
    # Private pypdf API (pinned pypdf==7.1.1), here and below: registers a new indirect object and returns its
    # reference, which a page's /Contents array and /XObject dictionary need; pypdf has no public method
    # for a bare stream. Re-check it on every pypdf upgrade; tests/indikator/test_lampiran_api.py fails
    # loudly if it disappears.
    simpan = penulis._add_object(simpan)
    for i, halaman_rl in enumerate(sumber.pages):
        halaman = penulis.pages[mulai + i]
        form = DecodedStreamObject()
        form.set_data(halaman_rl["/Contents"].get_object().get_data())
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): halaman_rl.mediabox,
                NameObject("/Resources"): halaman_rl["/Resources"].clone(penulis),
            }
        )
        nama = NameObject(f"/IKULampiran{i}")
        ref = penulis._add_object(form.flate_encode())
        sumber_daya = halaman["/Resources"].get_object()
        xobject = sumber_daya.get("/XObject")
        if xobject is None:
            xobject = DictionaryObject()
            sumber_daya[NameObject("/XObject")] = xobject
        xobject.get_object()[nama] = ref
        lukis = DecodedStreamObject()
        lukis.set_data(f"Q\nq {nama} Do Q\n".encode())
        isi = halaman["/Contents"]
        lama = list(isi.get_object()) if isinstance(isi.get_object(), ArrayObject) else [isi]
        halaman[NameObject("/Contents")] = ArrayObject([simpan, *lama, penulis._add_object(lukis)])
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return keluaran.getvalue()
