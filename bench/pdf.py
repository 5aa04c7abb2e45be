"""The Laporan Capaian PDF alone (issue 11.4): python bench/pdf.py [--runs 5] [--profil] [--html PATH]

Builds (once, kept under var/bench/pdf.sqlite3) Kabupaten Lumajang from the real codes with
the bench's synthetic organisation, tops Kecamatan Lumajang up to 1,000 kegiatan in the
measurement year (bench/sintetis.py, the same generator as ``make bench``), renders the
report several times: wall time and CPU time of this process (Lampiran I by ReportLab, the rest by
WeasyPrint, joined by pypdf: indikator/laporan/pdf.py). ``--profil`` prints the phases (ReportLab's
Lampiran I; WeasyPrint's parse + cascade, layout, drawing + writing; the join) and a cProfile of one
render; ``--html`` saves the HTML WeasyPrint printed; ``--lantai`` times WeasyPrint's floor, a bare
table of Lampiran I's shape with "x" in every cell (why Lampiran I is not WeasyPrint's any more).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
VAR = BASE / "var" / "bench"
sys.path[:0] = [str(BASE), str(BASE / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iku_project.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")

JUMLAH = 1000
SASARAN_S = 5.0
# bench/pdf.py on 2026-11-29 before Lampiran I moved to ReportLab (docs/performance.md).
SEBELUM = "22.0 s wall, 21.7 s CPU"


def data_siap(hari_ini, tahun: int):
    """Kecamatan Lumajang with exactly ``JUMLAH`` kegiatan in ``tahun`` (loads what is missing)."""
    from django.core.management import call_command
    from sintetis import HasilData, dokumen_load, kegiatan_load, log, organisasi_load, wilayah_load

    from kecamatan.models import Kegiatan
    from wilayah.models import Kecamatan

    call_command("migrate", verbosity=0, interactive=False)
    if not Kecamatan.objects.filter(kode="35.08.10").exists():
        log("pdf: wilayah Lumajang dan organisasi")
        wilayah_load(["35.08"])
        kab = Kecamatan.objects.filter(kabupaten__kode="35.08")
        organisasi_load(kecamatan_qs=kab, hari_ini=hari_ini, tahun_list=[tahun])
        dokumen_load(kecamatan_qs=kab, tahun_list=[tahun], hari_ini=hari_ini, seed=8, hasil=HasilData())
    kecamatan = Kecamatan.objects.select_related("kabupaten").get(kode="35.08.10")
    ada = Kegiatan.objects.filter(kecamatan=kecamatan, tanggal__year=tahun).count()
    if ada < JUMLAH:
        log(f"pdf: {JUMLAH - ada} kegiatan")
        kegiatan_load(
            kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk),
            tahun_list=[tahun],
            per_tahun=JUMLAH - ada,
            hari_ini=hari_ini,
            seed=99,
            hasil=HasilData(),
        )
    return kecamatan


def fase(laporan, sekarang) -> dict:
    """Seconds per phase: ReportLab's Lampiran I, WeasyPrint's parse + CSS cascade (HTML()), layout
    (render), drawing + PDF (write), and pypdf laying Lampiran I's pages into WeasyPrint's."""
    from weasyprint import HTML

    from indikator.laporan import html, lampiran_pdf
    from indikator.laporan.fetcher import StaticFetcher

    t0 = time.perf_counter()
    lampiran = lampiran_pdf.lampiran_i_pdf(laporan)
    t1 = time.perf_counter()
    source = html.laporan_capaian_html(laporan, dicetak_pada=sekarang, halaman_lampiran_i=lampiran.halaman)
    doc = HTML(string=source, base_url=None, url_fetcher=StaticFetcher())
    t2 = time.perf_counter()
    rendered = doc.render()
    t3 = time.perf_counter()
    utama = rendered.write_pdf()
    t4 = time.perf_counter()
    mulai = next(i for i, p in enumerate(rendered.pages) if lampiran_pdf.ID_SISIPAN in p.anchors)
    pdf = lampiran_pdf.sisipkan(utama, lampiran.pdf, mulai)
    t5 = time.perf_counter()
    return {
        "reportlab_s": t1 - t0,
        "parse_s": t2 - t1,
        "render_s": t3 - t2,
        "write_s": t4 - t3,
        "gabung_s": t5 - t4,
        "halaman": len(rendered.pages),
        "halaman_lampiran_i": lampiran.halaman,
        "bytes": len(pdf),
    }


def lantai(baris: int = JUMLAH, kolom: int = 9, isi: str = "x") -> dict:
    """WeasyPrint's floor: a table of Lampiran I's shape (page, borders, padding, font, 40-row chunks), bare cells."""
    from weasyprint import HTML

    from indikator.laporan.html import BARIS_PER_TABEL

    css = (
        "@page { size: A4 landscape; margin: 2cm 1.5cm 1.8cm 1.5cm }"
        "table { width: 100%; table-layout: fixed; border-collapse: collapse;"
        " font-family: 'DejaVu Sans Condensed'; font-size: 7.5pt }"
        "th, td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top }"
        "tr { break-inside: avoid }"
    )
    baris_html = "<tr>" + f"<td>{isi}</td>" * kolom + "</tr>"
    tabel = [
        "<table><thead><tr>"
        + "<th>H</th>" * kolom
        + "</tr></thead><tbody>"
        + baris_html * min(BARIS_PER_TABEL, baris - i)
        + "</tbody></table>"
        for i in range(0, baris, BARIS_PER_TABEL)
    ]
    source = f'<html lang="id"><style>{css}</style><body>{"".join(tabel)}</body></html>'
    t, c = time.perf_counter(), time.process_time()
    rendered = HTML(string=source).render()
    rendered.write_pdf()
    return {"detik": time.perf_counter() - t, "cpu": time.process_time() - c, "halaman": len(rendered.pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profil", action="store_true")
    parser.add_argument("--n", type=int, default=40, help="rows of the cProfile listing")
    parser.add_argument("--html", help="save the report's HTML here")
    parser.add_argument("--lantai", action="store_true", help="also time bare tables of the same shape")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'pdf.sqlite3'}")

    import django

    django.setup()
    from django.utils import timezone
    from sintetis import log

    from indikator.laporan import html, lampiran_pdf
    from indikator.laporan.generator import laporan_capaian_generate
    from indikator.laporan.pdf import html_ke_pdf, laporan_capaian_pdf
    from kecamatan.periode import tahunan

    hari_ini = timezone.localdate()
    tahun = hari_ini.year - 1
    kecamatan = data_siap(hari_ini, tahun)
    laporan = laporan_capaian_generate(kecamatan=kecamatan, periode=tahunan(tahun), as_of=hari_ini)
    sekarang = timezone.now()
    source = html.laporan_capaian_html(laporan, dicetak_pada=sekarang)
    if args.html:
        Path(args.html).write_text(source, encoding="utf-8")
    html_ke_pdf("<p>pemanasan</p>")
    lampiran_pdf.siapkan()  # ReportLab's fonts, as WeasyPrint's above: once per worker, not per report
    log(f"pdf: {len(laporan.kegiatan)} kegiatan, HTML {len(source) // 1024} KiB; load {os.getloadavg()[0]:.1f}")
    wall, cpu = [], []
    for _ in range(args.runs):
        t, c = time.perf_counter(), time.process_time()
        pdf = laporan_capaian_pdf(laporan, dicetak_pada=sekarang)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(
        f"Laporan Capaian PDF, {len(laporan.kegiatan)} kegiatan: median {statistics.median(wall):.2f} s wall "
        f"(min {min(wall):.2f}), {statistics.median(cpu):.2f} s CPU, {len(pdf) // 1024} KiB; "
        f"runs {', '.join(f'{w:.2f}' for w in wall)} (CPU {', '.join(f'{c:.2f}' for c in cpu)}); "
        f"load {os.getloadavg()[0]:.1f}"
    )
    median = statistics.median(wall)
    print(
        f"sasaran ≤{SASARAN_S:.0f} s: {'LULUS' if median <= SASARAN_S else 'GAGAL'} "
        f"(sebelumnya {SEBELUM}, kini {median:.2f} s wall, {statistics.median(cpu):.2f} s CPU)"
    )
    if args.lantai:
        for kolom in (1, 9):
            r = lantai(kolom=kolom)
            print(
                f"Lantai: {JUMLAH} baris × {kolom} sel berisi 'x': {r['detik']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                f"{r['halaman']} halaman; load {os.getloadavg()[0]:.1f}"
            )
    if args.profil:
        f = fase(laporan, sekarang)
        print(
            f"ReportLab (Lampiran I, {f['halaman_lampiran_i']} halaman) {f['reportlab_s']:.2f} s; "
            f"WeasyPrint: parse + cascade {f['parse_s']:.2f} s, layout {f['render_s']:.2f} s, "
            f"drawing + PDF {f['write_s']:.2f} s; pypdf (gabung) {f['gabung_s']:.2f} s; {f['halaman']} halaman"
        )
        prof = cProfile.Profile()
        prof.enable()
        laporan_capaian_pdf(laporan, dicetak_pada=sekarang)
        prof.disable()
        for sort in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(prof, stream=out).strip_dirs().sort_stats(sort).print_stats(args.n)
            print(f"\n===== cProfile, sorted by {sort}")
            print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
