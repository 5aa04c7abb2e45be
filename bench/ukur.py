"""One benchmark run: one backend, one scale. Started by bench/run.py in a subprocess.

The database named by DATABASE_URL must be empty; it is migrated, filled with
synthetic data (bench/sintetis.py) and measured. Results go to --out as JSON.
"""

import argparse
import datetime
import json
import os
import re
import statistics
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(BASE), str(BASE / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iku_project.settings")


def median_time(fn, runs: int, warm: int = 1) -> dict:
    for _ in range(warm):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return {"median_ms": statistics.median(times) * 1000, "min_ms": min(times) * 1000, "runs": runs}


def query_count(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The DEBUG query log keeps 9,000 entries; once full, the context would count nothing.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def pdf_pages(data: bytes) -> int | None:
    """Page count from the page tree's /Count, looking inside compressed object streams too."""
    chunks = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        start = m.end()
        end = data.find(b"endstream", start)
        try:
            chunks.append(zlib.decompressobj().decompress(data[start:end]))
        except zlib.error:
            continue
    counts = []
    for chunk in chunks:
        # The page tree root: /Type /Pages ... /Count N (the Kids array can be long, but has no ">").
        counts += [int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", chunk)]
        counts += [int(c) for c in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", chunk)]
    return max(counts) if counts else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skala", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--berkas", action="store_true", help="also the XLSX export and the workbook import")
    parser.add_argument("--pdf", action="store_true", help="also the Laporan Capaian PDF (about a minute)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fase", choices=["muat", "ukur", "semua"], default="semua")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from lantai import cocok, lantai_run
    from sintetis import log, skala_load

    from desa.selectors import iku2_basis
    from indikator.iku import iku_compute_uncached
    from kecamatan.periode import tahunan
    from wilayah.models import Kecamatan

    backend = connection.vendor
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    tahun_list = [tahun - 2, tahun - 1, tahun]
    out_path = Path(args.out)
    if args.fase in ("muat", "semua"):
        log(f"{backend} S={args.skala}: migrate")
        t = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrate_s = time.perf_counter() - t
        log(f"{backend} S={args.skala}: data sintetis ({tahun_list})")
        t = time.perf_counter()
        data = skala_load(skala=args.skala, hari_ini=hari_ini, tahun_list=tahun_list)
        out = {
            "backend": backend,
            "skala": args.skala,
            "hari_ini": hari_ini.isoformat(),
            "tahun_ukur": tahun - 1,
            "migrate_s": migrate_s,
            "muat_s": time.perf_counter() - t,
            "data": {
                "kecamatan": data.kecamatan,
                "desa": data.desa,
                "kegiatan": data.kegiatan,
                "bukti": data.bukti,
                "desa_kegiatan": data.desa_kegiatan,
                "dokumen_desa": data.dokumen_desa,
                "detik": data.detik,
            },
            "ukur": {},
        }
        out_path.write_text(json.dumps(out, indent=2, default=str))
        log(f"{backend} S={args.skala}: data siap ({out['muat_s']:.0f} s)")
        if args.fase == "muat":
            return
    out = json.loads(out_path.read_text())
    hari_ini = datetime.date.fromisoformat(out["hari_ini"])
    tahun = hari_ini.year
    ukur = out["ukur"]
    out["loadavg_awal"] = os.getloadavg()
    runs = args.runs
    basis = iku2_basis()
    periode = tahunan(tahun - 1)
    kecamatan = Kecamatan.objects.get(kode="35.08.12")  # Senduro: the demo staf's kecamatan

    scopes = {
        "kecamatan": Kecamatan.objects.filter(pk=kecamatan.pk),
        "kabupaten": Kecamatan.objects.filter(kabupaten__kode="35.08"),
    }
    if args.skala > 1:
        scopes["semua"] = Kecamatan.objects.all()
    for nama, qs in scopes.items():
        log(f"{backend} S={args.skala}: iku_compute {nama}")
        # The computation itself as the cache's miss path calls it (issue 11.5), with the members it has
        # just read with their versions; section 2b times the whole path, that read included.
        anggota = list(qs.values_list("pk", flat=True))
        compute = lambda qs=qs, anggota=anggota: iku_compute_uncached(  # noqa: E731
            kecamatan_qs=qs, kecamatan_ids=anggota, periode_list=[periode], as_of=hari_ini, basis=basis
        )[0]
        hasil = compute()
        ids = [h.kecamatan.id for h in hasil]
        lantai = lambda ids=ids: lantai_run(kecamatan_ids=ids, periode=periode, as_of=hari_ini, basis=basis)  # noqa: E731
        r_compute = median_time(compute, runs)
        r_lantai = median_time(lantai, runs)
        ukur[f"compute_{nama}"] = {
            **r_compute,
            "queries": query_count(compute),
            "n_kecamatan": len(hasil),
            "kegiatan_dihitung": sum(h.iku1.denominator for h in hasil),
            "lantai_ms": r_lantai["median_ms"],
            "lantai_queries": query_count(lantai),
            "rasio_lantai": r_compute["median_ms"] / r_lantai["median_ms"],
            "lantai_cocok": cocok(lantai(), hasil),
        }

    User = get_user_model()
    staf = User.objects.get(username="senduro.staf")
    admin = User.objects.get(username="admin.kabupaten")
    clients = {}
    for user in (staf, admin):
        c = Client()
        c.force_login(user)
        clients[user.username] = c

    def get(client, url):
        def fn():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return fn

    halaman = {
        "akun": (clients["senduro.staf"], "/akun/"),
        "dasbor_kecamatan": (clients["senduro.staf"], "/"),
        "akun_admin": (clients["admin.kabupaten"], "/akun/"),
        "dasbor_kabupaten": (clients["admin.kabupaten"], "/dasbor/kabupaten/"),
    }
    for nama, (client, url) in halaman.items():
        log(f"{backend} S={args.skala}: halaman {url} ({nama})")
        fn = get(client, url)
        r = median_time(fn, max(runs, 9) if nama.startswith("akun") else runs, warm=2)
        r["queries"] = query_count(fn)
        r["url"] = url
        r["bytes"] = len(fn().content)
        ukur[nama] = r
    ukur["dasbor_kecamatan"]["rasio_akun"] = ukur["dasbor_kecamatan"]["median_ms"] / ukur["akun"]["median_ms"]
    ukur["dasbor_kabupaten"]["rasio_akun"] = ukur["dasbor_kabupaten"]["median_ms"] / ukur["akun_admin"]["median_ms"]
    ukur["tembolok"] = tembolok_ukur(scopes, halaman, periode=periode, hari_ini=hari_ini, basis=basis, runs=runs)

    if args.berkas:
        # tracemalloc slows the export about sixfold: the peak is taken once, with the PDF.
        ukur["xlsx"] = xlsx_export(admin, hari_ini, tahun - 1, peak=args.pdf)
    if args.pdf:
        ukur["pdf"] = pdf_laporan(hari_ini, tahun - 1)
    if args.berkas:
        # Last: it adds 5,000 kegiatan.
        ukur["impor"] = workbook_impor(admin, hari_ini, tahun - 1)

    out["loadavg_akhir"] = os.getloadavg()
    out_path.write_text(json.dumps(out, indent=2, default=str))
    log(f"{backend} S={args.skala}: pengukuran selesai")


def tembolok_ukur(scopes: dict, halaman: dict, *, periode, hari_ini, basis, runs: int) -> dict:
    """Issue 11.5: each computation and dashboard cold (cache emptied before every run) and warm (from the cache)."""
    from django.core.cache import cache
    from lantai import lantai_run
    from sintetis import log

    from indikator.iku import iku_compute

    def dingin(fn):
        def run():
            cache.clear()
            return fn()

        return run

    hasil = {"compute": {}, "halaman": {}}
    for nama, qs in scopes.items():
        log(f"tembolok: iku_compute {nama} dingin/hangat")
        fn = lambda qs=qs: iku_compute(kecamatan_qs=qs, periode=periode, as_of=hari_ini, basis=basis)  # noqa: E731
        ids = [h.kecamatan.id for h in fn()]
        r_dingin = median_time(dingin(fn), runs)
        r_hangat = median_time(fn, runs)
        r_lantai = median_time(
            lambda ids=ids: lantai_run(kecamatan_ids=ids, periode=periode, as_of=hari_ini, basis=basis), runs
        )
        hasil["compute"][nama] = {
            "n_kecamatan": len(ids),
            "dingin_ms": r_dingin["median_ms"],
            "hangat_ms": r_hangat["median_ms"],
            "lantai_ms": r_lantai["median_ms"],
            "queries_dingin": query_count(dingin(fn)),
            "queries_hangat": query_count(fn),
        }
    for nama in ("dasbor_kecamatan", "dasbor_kabupaten"):
        client, url = halaman[nama]
        akun_client, akun_url = halaman["akun" if nama == "dasbor_kecamatan" else "akun_admin"]
        log(f"tembolok: {url} dingin/hangat")

        def get(client=client, url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        akun = median_time(lambda c=akun_client, u=akun_url: c.get(u), max(runs, 9), warm=2)
        r_dingin = median_time(dingin(get), runs)
        r_hangat = median_time(get, max(runs, 9), warm=2)
        hasil["halaman"][nama] = {
            "url": url,
            "akun_ms": akun["median_ms"],
            "dingin_ms": r_dingin["median_ms"],
            "hangat_ms": r_hangat["median_ms"],
            "queries_dingin": query_count(dingin(get)),
            "queries_hangat": query_count(get),
        }
    return hasil


def xlsx_export(admin, hari_ini, tahun, *, peak: bool) -> dict:
    from sintetis import log

    from kecamatan.export import kegiatan_xlsx
    from kecamatan.selectors import kegiatan_list

    log("xlsx: ekspor 10.000 kegiatan")
    # Exactly what /kegiatan/?export=xlsx does for the admin kabupaten, cut to 10,000 rows.
    qs = lambda: kegiatan_list(user=admin, as_of=hari_ini, filters={"tahun": tahun})[:10_000]  # noqa: E731
    n = qs().count()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        t = time.perf_counter()
        content = kegiatan_xlsx(qs(), judul="Daftar kegiatan", as_of=hari_ini)
        detik = time.perf_counter() - t
    r = {"baris": n, "detik": detik, "bytes": len(content), "queries": len(ctx.captured_queries), "peak_mb": None}
    if peak:
        tracemalloc.start()
        kegiatan_xlsx(qs(), judul="Daftar kegiatan", as_of=hari_ini)
        r["peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return r


def pdf_laporan(hari_ini, tahun) -> dict:
    from sintetis import HasilData, kegiatan_load, log

    try:
        from indikator.laporan.generator import laporan_capaian_generate
        from indikator.laporan.pdf import laporan_capaian_pdf
    except ImportError as exc:
        return {"tersedia": False, "alasan": str(exc)}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kecamatan.models import Kegiatan
    from kecamatan.periode import tahunan
    from wilayah.models import Kecamatan

    kecamatan = Kecamatan.objects.get(kode="35.08.10")  # Lumajang: seed IKU document with its signatory
    periode = tahunan(tahun)
    ada = Kegiatan.objects.filter(kecamatan=kecamatan, tanggal__year=tahun).count()
    if ada < 1000:
        kegiatan_load(
            kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk),
            tahun_list=[tahun],
            per_tahun=1000 - ada,
            hari_ini=hari_ini,
            seed=99,
            hasil=HasilData(),
        )
    # Warm-up: the first WeasyPrint render of a process (or of a machine: fontconfig cache) is slow.
    from indikator.laporan import lampiran_pdf
    from indikator.laporan.pdf import html_ke_pdf

    html_ke_pdf("<p>pemanasan</p>")
    lampiran_pdf.siapkan()  # ReportLab's fonts, as WeasyPrint's above: once per worker, not per report
    log("pdf: Laporan Capaian dengan 1.000 kegiatan di Lampiran I")
    try:
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            laporan = laporan_capaian_generate(kecamatan=kecamatan, periode=periode, as_of=hari_ini)
            t_generate = time.perf_counter() - t
        t, c = time.perf_counter(), time.process_time()
        pdf = laporan_capaian_pdf(laporan, dicetak_pada=timezone_now())
        t_pdf, c_pdf = time.perf_counter() - t, time.process_time() - c
    except Exception as exc:  # noqa: BLE001 - the module is still being written by another engineer
        return {"tersedia": False, "alasan": f"gagal: {exc!r}"[:300]}
    return {
        "tersedia": True,
        "lampiran_kegiatan": len(laporan.kegiatan),
        "detik": t_generate + t_pdf,
        "detik_generate": t_generate,
        "detik_pdf": t_pdf,
        # CPU time of this process: the figure that other work on the shared cores inflates least.
        "cpu_pdf": c_pdf,
        "queries_generate": len(ctx.captured_queries),
        "halaman": pdf_pages(pdf),
        "bytes": len(pdf),
    }


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def workbook_impor(admin, hari_ini, tahun) -> dict:
    import random

    from sintetis import log

    try:
        from indikator.impor.services import workbook_import
        from indikator.impor.template import workbook_bytes
    except ImportError as exc:
        return {"tersedia": False, "alasan": str(exc)}
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kecamatan.berkas import XLSX
    from kecamatan.models import JenisBukti, Kategori, Seksi, UraianAktivitas
    from wilayah.models import Desa, Kecamatan

    rng = random.Random(5000)
    kecamatan = list(Kecamatan.objects.filter(kabupaten__kode="35.08").order_by("kode"))
    uraian = list(UraianAktivitas.objects.aktif().filter(jenis__aktif=True).select_related("jenis").order_by("pk"))
    jenis_bukti = list(JenisBukti.objects.aktif().order_by("urutan").values_list("nama", flat=True))
    desa_by, seksi_by = {}, {}
    for kode, kec in Desa.objects.filter(kecamatan__in=kecamatan).values_list("kode", "kecamatan_id"):
        desa_by.setdefault(kec, []).append(kode)
    for nama, kec in Seksi.objects.filter(kecamatan__in=kecamatan).values_list("nama", "kecamatan_id"):
        seksi_by.setdefault(kec, []).append(nama)
    rows = []
    for i in range(5000):
        k = kecamatan[i % len(kecamatan)]
        u = rng.choice(uraian)
        tanggal = datetime.date(tahun, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
        tanggal_output = tanggal + datetime.timedelta(days=rng.randint(0, 20))
        rows.append(
            [
                k.kode,
                tanggal,
                Kategori(u.jenis.kategori).label,
                u.jenis.nomor,
                u.nomor,
                rng.choice(desa_by[k.pk]),
                rng.choice(seksi_by[k.pk]),
                f"Kegiatan impor nomor {i + 1}",
                "dilaksanakan",
                "Berita acara",
                tanggal_output,
                rng.choice(jenis_bukti),
                f"{i + 1}/IMP/{tahun}",
                tanggal_output,
            ]
        )
    content = workbook_bytes(kegiatan=rows)
    log(f"impor: buku kerja 5.000 baris ({len(content) // 1024} KiB)")
    berkas = lambda: SimpleUploadedFile("impor.xlsx", content, content_type=XLSX)  # noqa: E731
    t = time.perf_counter()
    hasil = workbook_import(user=admin, file=berkas(), hari_ini=hari_ini)
    detik = time.perf_counter() - t
    r = {
        "tersedia": True,
        "baris": 5000,
        "detik": detik,
        "ok": hasil.ok,
        "kegiatan_baru": hasil.kegiatan_baru,
        "bukti_baru": hasil.bukti_baru,
        "kesalahan": [str(k) for k in hasil.kesalahan[:5]],
        "bytes": len(content),
    }
    # Peak memory of reading and checking the same file again (a dry run: everything is "sudah ada").
    tracemalloc.start()
    workbook_import(user=admin, file=berkas(), hari_ini=hari_ini, dry_run=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    r["peak_mb_dry_run"] = peak / 2**20
    return r


if __name__ == "__main__":
    main()
