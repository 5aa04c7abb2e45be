"""HTML formatter: the generators' data rendered by the PDF templates (templates/pdf/).

Django's template autoescaping applies to every user text (keterangan, output,
bukti numbers, names); only SVG the application drew itself is marked safe.
"""

import datetime

from django.conf import settings
from django.template.loader import render_to_string

from indikator.laporan.generator import DokumenIKUData, LaporanCapaian, RekapKabupaten

# WeasyPrint lays out one long table in time that grows faster than its rows; Lampiran I is
# printed as consecutive tables of this many rows (each repeating the header), which reads
# the same and keeps 1,000+ kegiatan fast.
BARIS_PER_TABEL = 40


def _potong(rows: list, n: int = BARIS_PER_TABEL) -> list[list]:
    return [rows[i : i + n] for i in range(0, len(rows), n)] or [[]]


def laporan_capaian_html(
    laporan: LaporanCapaian, *, dicetak_pada: datetime.datetime, pengesahan: dict | None = None
) -> str:
    """A draft unless ``pengesahan`` (versi, revisi, disahkan_pada, url_verifikasi, qr_svg) is given.

    Lampiran I prints at most ``LAPORAN_PDF_MAKS_KEGIATAN`` kegiatan: WeasyPrint needs
    about 20 s and 100 pages per 1,000 rows, so a year of 20,000 would hold a worker for
    many minutes and gigabytes. The rest are named by count and are in the XLSX; every
    figure and total of the report is computed from all of them.
    """
    maks = settings.LAPORAN_PDF_MAKS_KEGIATAN
    dicetak = laporan.kegiatan[:maks]
    return render_to_string(
        "pdf/capaian.html",
        {
            "laporan": laporan,
            "kegiatan_bagian": _potong(dicetak),
            "kegiatan_tidak_dicetak": len(laporan.kegiatan) - len(dicetak),
            "desa_bagian": _potong(laporan.matriks.baris),
            "draf": pengesahan is None,
            "pengesahan": pengesahan,
            "dicetak_pada": dicetak_pada,
        },
    )


def dokumen_iku_html(data: DokumenIKUData) -> str:
    return render_to_string("pdf/dokumen_iku.html", {"data": data, "draf": False})


def rekap_kabupaten_html(rekap: RekapKabupaten) -> str:
    return render_to_string("pdf/rekap.html", {"rekap": rekap, "draf": False})
