"""HTML formatter: the generators' data rendered by the PDF templates (templates/pdf/).

Django's template autoescaping applies to every user text (keterangan, output,
bukti numbers, names); only SVG the application drew itself is marked safe.
"""

import datetime

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
    """A draft unless ``pengesahan`` (versi, revisi, disahkan_pada, url_verifikasi, qr_svg) is given."""
    return render_to_string(
        "pdf/capaian.html",
        {
            "laporan": laporan,
            "kegiatan_bagian": _potong(laporan.kegiatan),
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
