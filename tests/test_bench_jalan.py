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
        assert ukur[scope]["queries"] == 5
    for page in ("akun", "dasbor_kecamatan", "dasbor_kabupaten"):
        assert ukur[page]["bytes"] > 1000 and ukur[page]["queries"] > 0
