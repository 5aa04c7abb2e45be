"""HTML formatter: the generators' data rendered by the PDF templates (templates/pdf/).

Django's template autoescaping applies to every user text (keterangan, output,
bukti numbers, names); only SVG the application drew itself is marked safe.
"""

import datetime

from django.template.loader import render_to_string

from indikator.laporan.generator import DokumenIKUData, LaporanCapaian, RekapKabupaten

# WeasyPrint lays out one long table in time that grows faster than its rows; Lampiran II is
# printed as consecutive tables of this many rows (each repeating the header), which reads
# the same. (Lampiran I is ReportLab's: indikator/laporan/lampiran_pdf.py.)
BARIS_PER_TABEL = 40


def _potong(rows: list, n: int = BARIS_PER_TABEL) -> list[list]:
    return [rows[i : i + n] for i in range(0, len(rows), n)] or [[]]


def laporan_capaian_html(
    laporan: LaporanCapaian,
    *,
    dicetak_pada: datetime.datetime,
    pengesahan: dict | None = None,
    halaman_lampiran_i: int = 1,
) -> str:
    """A draft unless ``pengesahan`` (versi, revisi, disahkan_pada, url_verifikasi, qr_svg) is given.

    Lampiran I is not in the HTML: it holds ``halaman_lampiran_i`` empty landscape pages, on which
    ``indikator.laporan.pdf`` lays the pages ReportLab set (``lampiran_pdf.lampiran_i_pdf``).
    """
    return render_to_string(
        "pdf/capaian.html",
        {
            "laporan": laporan,
            "halaman_lampiran_i": range(max(halaman_lampiran_i, 1)),
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
