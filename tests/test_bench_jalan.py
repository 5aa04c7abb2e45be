"""``make bench`` must keep running: a small run of bench/run.py on the backend under test.

It asserts what the benchmark checks (its figures agree with the SQL floor, every page answers,
query counts are those of the design), never a timing.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def test_bench_runs_at_s1_and_its_figures_agree_with_the_sql_floor(tmp_path):
    backend = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    out = tmp_path / "hasil.json"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--skala", "1", "--backend", backend, "--tanpa-berkas", "--runs", "1"]
        + ["--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "sasaran" in result.stdout and "query S1=S10" in result.stdout
    (hasil,) = json.loads(out.read_text())["hasil"]
    assert hasil["data"]["kecamatan"] == 21 and hasil["data"]["desa"] == 205
    ukur = hasil["ukur"]
    for scope in ("compute_kecamatan", "compute_kabupaten"):
        assert ukur[scope]["lantai_cocok"] is True
    # One statement on the cache's miss path; on PostgreSQL, over more than one kecamatan, in its own
    # transaction with JIT off (Django logs BEGIN and COMMIT beside SET LOCAL and the statement).
    assert ukur["compute_kecamatan"]["queries"] == 1
    assert ukur["compute_kabupaten"]["queries"] == (4 if backend == "postgres" else 1)
    for page in ("akun", "dasbor_kecamatan", "dasbor_kabupaten"):
        assert ukur[page]["bytes"] > 1000 and ukur[page]["queries"] > 0


def test_bench_prints_the_pdf_time_beside_its_goal_and_the_figure_before():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    pdf = {
        "tersedia": True,
        "lampiran_kegiatan": 1000,
        "detik": 21.4,
        "detik_generate": 0.2,
        "queries_generate": 12,
        "detik_pdf": 21.2,
        "cpu_pdf": 20.9,
        "halaman": 95,
        "bytes": 540_000,
    }
    baris = "\n".join(run.pdf_baris("postgresql", {"pdf": pdf}))
    assert "1000 kegiatan di Lampiran I: 21.4 s" in baris and "CPU 20.9 s" in baris
    assert "sasaran ≤5 s: GAGAL (sebelumnya 18.6–28.0 s, kini 21.4 s)" in baris
    assert "sasaran ≤5 s: LULUS" in "\n".join(run.pdf_baris("postgresql", {"pdf": {**pdf, "detik": 4.9}}))
