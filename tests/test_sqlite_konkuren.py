"""SQLite under concurrent writers: they queue for the lock instead of failing with "database is locked".

Runs in a subprocess with the project's own settings against a file database,
whatever backend the rest of the suite uses: SQLite is the default of `make run`
and of small deployments. Each thread does what a request does: read, then write,
in one transaction (a deferred transaction that reads first cannot wait for the
write lock, so SQLite fails it at once; BEGIN IMMEDIATE takes the lock up front).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PEKERJA = r"""
import json, sys, threading, time
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS uji (id INTEGER PRIMARY KEY, nilai INTEGER)")
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
connections.close_all()

kesalahan, selesai = [], []
mulai = threading.Barrier(THREADS)

def kerja(n):
    mulai.wait()
    try:
        for i in range(ROUNDS):
            try:
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT COUNT(*) FROM uji")
                        jumlah = cursor.fetchone()[0]
                        time.sleep(0.002)  # the work a view does between its read and its write
                        cursor.execute("INSERT INTO uji (nilai) VALUES (%s)", [jumlah])
                selesai.append(n)
            except Exception as exc:
                kesalahan.append(repr(exc))
    finally:
        connections.close_all()

threads = [threading.Thread(target=kerja, args=(n,)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM uji")
    baris = cursor.fetchone()[0]
print(json.dumps({"journal": journal, "kesalahan": kesalahan[:5], "jumlah_kesalahan": len(kesalahan),
                  "selesai": len(selesai), "baris": baris}))
"""


def _jalankan(tmp_path, threads=12, rounds=15):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "iku_project.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'konkuren.sqlite3'}",
    }
    kode = PEKERJA.replace("THREADS", str(threads)).replace("ROUNDS", str(rounds))
    result = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_concurrent_read_then_write_transactions_all_succeed_on_a_file_database(tmp_path):
    hasil = _jalankan(tmp_path)
    assert hasil["kesalahan"] == [], hasil
    assert hasil["selesai"] == hasil["baris"] == 12 * 15
    # WAL: readers never wait for the writer, and the writer never waits for readers.
    assert hasil["journal"] == "wal"


def test_sqlite_options_are_those_of_the_settings():
    from django.conf import settings

    from iku_project.settings import sqlite_options

    options = sqlite_options()
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
