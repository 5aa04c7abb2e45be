"""Benchmark of IKU Kecamatan (issue 7): python bench/run.py [--skala 1 10] [--backend sqlite postgres] [--out PATH]

For every backend and scale a fresh database is created (SQLite file under var/bench/,
PostgreSQL database iku_bench_s<S> on 127.0.0.1), migrated and filled with synthetic data
on the real Kepmendagri codes (bench/sintetis.py); then bench/ukur.py measures it in a
subprocess with DATABASE_URL and DEBUG=1. Loading runs two jobs at a time; measuring runs
one at a time, so measurements never share the CPU. The databases are dropped at the end
(--simpan keeps them). Prints a table with the goals and writes every figure as JSON.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
VAR = BASE / "var" / "bench"
PY = sys.executable

LULUS, GAGAL = "LULUS", "GAGAL"
# Issue 11.4: the Laporan Capaian PDF with 1,000 kegiatan, and its figure on main before the work on it
# (docs/performance.md: 28.0 s in `make bench` on 2026-11-24, 18.6 s on 2026-11-29 on a quieter machine).
SASARAN_PDF_S = 5.0
SEBELUM_PDF = "18.6–28.0 s"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", flush=True)


class Basisdata:
    def __init__(self, backend: str, skala: int, pg: str):
        self.backend, self.skala, self.pg = backend, skala, pg.rstrip("/")
        self.nama = f"iku_bench_s{skala}"
        self.sqlite = VAR / f"bench-s{skala}.sqlite3"

    @property
    def url(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.sqlite}"
        return f"{self.pg}/{self.nama}"

    def _pg_admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.pg}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create(self) -> None:
        self.drop()
        if self.backend == "postgres":
            self._pg_admin(f'CREATE DATABASE "{self.nama}"')

    def drop(self) -> None:
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.sqlite}{suffix}").unlink(missing_ok=True)
        else:
            self._pg_admin(f'DROP DATABASE IF EXISTS "{self.nama}" WITH (FORCE)')


def job(db: Basisdata, fase: str, args, berkas: bool, pdf: bool = False) -> Path:
    out = VAR / f"{db.backend}-s{db.skala}.json"
    err = VAR / f"{db.backend}-s{db.skala}-{fase}.log"
    env = {
        **os.environ,
        "DATABASE_URL": db.url,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(VAR / "media"),
        "DJANGO_SETTINGS_MODULE": "iku_project.settings",
    }
    cmd = [PY, str(BASE / "bench" / "ukur.py"), "--skala", str(db.skala), "--out", str(out), "--fase", fase]
    cmd += ["--runs", str(args.runs)]
    if berkas:
        cmd.append("--berkas")
    if pdf:
        cmd.append("--pdf")
    with err.open("w") as stderr:
        rc = subprocess.run(cmd, cwd=BASE, env=env, stderr=stderr).returncode  # noqa: S603 - our own script
    if rc != 0:
        tail = err.read_text().splitlines()[-25:]
        raise SystemExit(f"{db.backend} S={db.skala} fase {fase} gagal (exit {rc}):\n" + "\n".join(tail))
    return out


def tanda(ok: bool | None) -> str:
    return "-" if ok is None else (LULUS if ok else GAGAL)


def pdf_baris(b: str, u: dict) -> list[str]:
    """The Laporan Capaian PDF lines of one backend's figures, with the goal and the figure before it."""
    pdf = u.get("pdf")
    if pdf is None and u.get("xlsx") is None:
        return [f"{b:10} Laporan Capaian PDF: tidak diukur"]
    if pdf is None:
        return [f"{b:10} Laporan Capaian PDF: diukur sekali saja, di backend lain (WeasyPrint yang dominan)"]
    if not pdf.get("tersedia"):
        return [f"{b:10} Laporan Capaian PDF: belum tersedia ({pdf.get('alasan', '')})"]
    cpu = f", CPU {pdf['cpu_pdf']:.1f} s" if "cpu_pdf" in pdf else ""
    return [
        f"{b:10} Laporan Capaian PDF, {pdf['lampiran_kegiatan']} kegiatan di Lampiran I: "
        f"{pdf['detik']:.1f} s (data {pdf['detik_generate']:.1f} s, {pdf['queries_generate']} query; "
        f"WeasyPrint {pdf['detik_pdf']:.1f} s{cpu}), {pdf['halaman']} halaman, {pdf['bytes'] // 1024} KiB",
        f"{'':10} sasaran ≤{SASARAN_PDF_S:.0f} s: {tanda(pdf['detik'] <= SASARAN_PDF_S)} "
        f"(sebelumnya {SEBELUM_PDF}, kini {pdf['detik']:.1f} s)",
    ]


def tabel(hasil: list[dict]) -> str:
    lines = []
    w = lines.append
    by = {(h["backend"], h["skala"]): h for h in hasil}
    backends = sorted({h["backend"] for h in hasil}, key=lambda b: b != "sqlite")
    skala = sorted({h["skala"] for h in hasil})
    s_min, s_max = min(skala), max(skala)
    any_h = hasil[0]
    w(f"Tahun ukur {any_h['tahun_ukur']} (setahun penuh), as-of {any_h['hari_ini']}; median waktu; 2 core.")
    w("")
    w(
        "Beban mesin (load average 1 menit) saat mengukur: "
        + ", ".join(
            f"{h['backend']} S={h['skala']} {h['loadavg_awal'][0]:.1f}→{h['loadavg_akhir'][0]:.1f}" for h in hasil
        )
    )
    w("")
    w("Data")
    w(
        f"{'backend':10} {'S':>3} {'kecamatan':>9} {'desa/kel':>8} {'kegiatan':>9} {'bukti':>8} "
        f"{'dok desa':>8} {'muat s':>7}"
    )
    for b in backends:
        for s in skala:
            h = by.get((b, s))
            if h:
                d = h["data"]
                w(
                    f"{b:10} {s:>3} {d['kecamatan']:>9} {d['desa']:>8} {d['kegiatan']:>9} {d['bukti']:>8} "
                    f"{d['dokumen_desa']:>8} {h['muat_s']:>7.0f}"
                )
    w("")
    w("1. Layanan komputasi indikator.iku.iku_compute vs lantai SQL (satu pernyataan: COUNT bersyarat + EXISTS bukti)")
    w(
        f"{'backend':10} {'S':>3} {'lingkup':10} {'kec':>4} {'kegiatan':>8} {'ms':>8} {'query':>5} "
        f"{'lantai ms':>9} {'rasio':>6}  {'sasaran ≤2×':11} {'query S1=S10':12} {'angka=lantai':12}"
    )
    for b in backends:
        for s in skala:
            h = by.get((b, s))
            if not h:
                continue
            for lingkup in ("kecamatan", "kabupaten", "semua"):
                r = h["ukur"].get(f"compute_{lingkup}")
                if not r:
                    continue
                sama = None
                if lingkup != "semua" and (b, s_min) in by and (b, s_max) in by and s_min != s_max:
                    q = [by[(b, x)]["ukur"][f"compute_{lingkup}"]["queries"] for x in (s_min, s_max)]
                    sama = q[0] == q[1]
                nama = {"semua": f"{r['n_kecamatan']} kec"}.get(lingkup, lingkup)
                w(
                    f"{b:10} {s:>3} {nama:10} {r['n_kecamatan']:>4} {r['kegiatan_dihitung']:>8} {r['median_ms']:>8.1f} "
                    f"{r['queries']:>5} {r['lantai_ms']:>9.1f} {r['rasio_lantai']:>5.1f}×  "
                    f"{tanda(r['rasio_lantai'] <= 2):11} {tanda(sama):12} {'ya' if r['lantai_cocok'] else 'TIDAK':12}"
                )
    w("")
    w("2. Dasbor lewat django.test.Client (force_login) vs /akun/ (halaman trivial, pengguna yang sama)")
    w(
        f"{'backend':10} {'S':>3} {'halaman':32} {'ms':>8} {'query':>5} {'/akun/ ms':>9} {'rasio':>6}  "
        f"{'sasaran ≤3×':11} {'query S1=S10':12}"
    )
    for b in backends:
        for s in skala:
            h = by.get((b, s))
            if not h:
                continue
            for nama, akun in (("dasbor_kecamatan", "akun"), ("dasbor_kabupaten", "akun_admin")):
                r = h["ukur"][nama]
                sama = None
                if (b, s_min) in by and (b, s_max) in by and s_min != s_max:
                    q = [by[(b, x)]["ukur"][nama]["queries"] for x in (s_min, s_max)]
                    sama = q[0] == q[1]
                label = f"{r['url']} ({'staf' if akun == 'akun' else 'admin kab.'})"
                w(
                    f"{b:10} {s:>3} {label:32} {r['median_ms']:>8.1f} {r['queries']:>5} "
                    f"{h['ukur'][akun]['median_ms']:>9.1f} {r['rasio_akun']:>5.1f}×  "
                    f"{tanda(r['rasio_akun'] <= 3):11} {tanda(sama):12}"
                )
    w("")
    w("3. Berkas (pada S terkecil)")
    for b in backends:
        h = by.get((b, s_min))
        if not h:
            continue
        u = h["ukur"]
        lines += pdf_baris(b, u)
        x = u.get("xlsx")
        if x:
            peak = (
                f"puncak memori {x['peak_mb']:.1f} MiB (tracemalloc)"
                if x.get("peak_mb")
                else "puncak: lihat baris lain"
            )
            w(
                f"{b:10} Ekspor XLSX {x['baris']} kegiatan (kecamatan/export.py): {x['detik']:.1f} s, "
                f"{peak}, {x['queries']} query, {x['bytes'] // 1024} KiB"
            )
        i = u.get("impor")
        if i is None:
            w(f"{b:10} Impor buku kerja: tidak diukur")
        elif not i.get("tersedia"):
            w(f"{b:10} Impor buku kerja 5.000 baris: belum tersedia ({i.get('alasan', '')})")
        else:
            status = "ok" if i["ok"] else f"DITOLAK: {i['kesalahan']}"
            w(
                f"{b:10} Impor buku kerja {i['baris']} baris (indikator/impor): {i['detik']:.1f} s, "
                f"{i['kegiatan_baru']} kegiatan + {i['bukti_baru']} bukti baru, {status}; "
                f"puncak memori dry-run {i['peak_mb_dry_run']:.1f} MiB"
            )
    return "\n".join(lines)


def pekerjaan_latensi(runs: int) -> tuple[list[str], dict | None]:
    """Issue 11.7, the job row: request → download of the Laporan Capaian PDF, cold and warm (bench/pekerjaan.py)."""
    out = VAR / "pekerjaan.json"
    env = {**os.environ, "DEBUG": "1", "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)  # its own SQLite file (var/bench/pdf.sqlite3), shared with bench/pdf.py
    cmd = [PY, str(BASE / "bench" / "pekerjaan.py"), "--runs", str(runs), "--json", str(out)]
    result = subprocess.run(cmd, cwd=BASE, env=env, capture_output=True, text=True)  # noqa: S603 - our own script
    if result.returncode != 0:
        return [f"Pekerjaan Laporan Capaian PDF: gagal diukur ({result.stderr.strip().splitlines()[-1:]})"], None
    return result.stdout.strip().splitlines()[-3:], json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skala", type=int, nargs="+", default=[1, 10], choices=[1, 10])
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--out", default=str(VAR / "hasil.json"))
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure (median)")
    parser.add_argument("--paralel", type=int, default=2, help="loading jobs at a time")
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--simpan", action="store_true", help="keep the benchmark databases")
    parser.add_argument("--tanpa-berkas", action="store_true", help="skip PDF, XLSX and import")
    args = parser.parse_args()

    VAR.mkdir(parents=True, exist_ok=True)
    mulai = time.perf_counter()
    s_min = min(args.skala)
    # Largest first, so the two big loads share the two cores.
    dbs = sorted(
        (Basisdata(b, s, args.pg) for b in args.backend for s in args.skala), key=lambda d: (-d.skala, d.backend)
    )
    try:
        for db in dbs:
            db.create()
        log(f"memuat data: {', '.join(f'{d.backend} S={d.skala}' for d in dbs)} ({args.paralel} sekaligus)")
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.paralel) as pool:
            for f in [pool.submit(job, db, "muat", args, False) for db in dbs]:
                f.result()
        log(f"data siap dalam {time.perf_counter() - mulai:.0f} s; mengukur satu per satu")
        paths = []
        # WeasyPrint dominates the PDF (the database part is a few queries): render it once, on PostgreSQL.
        pdf_backend = "postgres" if "postgres" in args.backend else args.backend[0]
        for db in sorted(dbs, key=lambda d: (d.backend != "sqlite", d.skala)):
            berkas = db.skala == s_min and not args.tanpa_berkas
            paths.append(job(db, "ukur", args, berkas=berkas, pdf=berkas and db.backend == pdf_backend))
    finally:
        if not args.simpan:
            for db in dbs:
                try:
                    db.drop()
                except Exception as exc:  # noqa: BLE001 - report, keep dropping the others
                    log(f"gagal menghapus {db.url}: {exc}")
    hasil = [json.loads(p.read_text()) for p in paths]
    teks = tabel(hasil)
    if not args.tanpa_berkas:
        log("mengukur latensi pekerjaan (laporan PDF lewat antrean)")
        baris_pekerjaan, _ = pekerjaan_latensi(min(args.runs, 3))
        teks += "\n\n4. Pekerjaan latar (antrean basis data, pekerja sendiri)\n" + "\n".join(baris_pekerjaan)
    total = time.perf_counter() - mulai
    print()
    print(teks)
    print(f"\nTotal {total / 60:.1f} menit.")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"hasil": hasil, "tabel": teks, "total_s": total}, indent=2, default=str))
    log(f"JSON: {args.out}")


if __name__ == "__main__":
    main()
