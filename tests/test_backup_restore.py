"""Backup and restore on PostgreSQL: every row and every uploaded file comes back.

Runs against the local PostgreSQL server whatever database the rest of the
suite uses, in two scratch databases of its own, through the documented scripts.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
# pg_dump/pg_restore scripts: PostgreSQL is the deployment the backup serves.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]
SERVER = os.environ.get("BACKUP_TEST_PG", "postgres://postgres@127.0.0.1:5432")


def _run(args, env, cwd=ROOT):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _counts(url):
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "select tablename from pg_tables where schemaname = 'public' order by tablename"
            ).fetchall()
        ]
        return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _files(url):
    with psycopg.connect(url) as conn:
        rows = conn.execute("select berkas from kecamatan_buktipendukung where berkas <> ''").fetchall()
        rows += conn.execute("select berkas from desa_dokumendesa where berkas <> ''").fetchall()
    return sorted(r[0] for r in rows)


@pytest.fixture
def databases():
    names = [f"iku_backup_{uuid.uuid4().hex[:8]}_{side}" for side in ("asal", "pulih")]
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'create database "{name}"')
    yield [f"{SERVER}/{name}" for name in names]
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'drop database if exists "{name}" with (force)')


def test_restore_into_an_empty_database_finds_every_row_and_file(databases, tmp_path):
    source, target = databases
    base_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**base_env, "DEBUG": "1", "DATABASE_URL": source, "MEDIA_ROOT": str(tmp_path / "media-asal")}
    manage = [sys.executable, "manage.py"]
    _run([*manage, "migrate", "--noinput"], env)
    _run([*manage, "import_wilayah", "35.08.12"], env)
    _run([*manage, "import_wilayah", "35.08.10"], env)
    _run([*manage, "load_demo"], env)
    counts = _counts(source)
    files = _files(source)
    assert counts["kecamatan_kegiatan"] > 100 and counts["desa_dokumendesa"] > 50
    assert len(files) > 50

    out = _run(["bash", "scripts/backup.sh", str(tmp_path / "cadangan")], env).split()
    dump, media_tar = out[-2], out[-1]

    # The media folder restored into holds a scan uploaded after the backup: the restored
    # database does not know it, so it must not stay behind as an orphan.
    restored_media = tmp_path / "media-pulih"
    later = restored_media / "bukti" / "2099" / "01" / "diunggah-setelah-cadangan.pdf"
    later.parent.mkdir(parents=True)
    later.write_bytes(b"%PDF-1.4 later upload\n%%EOF\n")
    aside = tmp_path / "media-yatim"
    _run(
        ["bash", "scripts/restore.sh", dump, media_tar],
        {
            **env,
            "DATABASE_URL": target,
            "MEDIA_ROOT": str(restored_media),
            "ORPHAN_DIR": str(aside),
            "PYTHON": sys.executable,
        },
    )
    assert _counts(target) == counts
    assert _files(target) == files
    for name in files:
        original = (tmp_path / "media-asal" / name).read_bytes()
        assert (restored_media / name).read_bytes() == original, name
    assert not later.exists()
    assert (aside / "bukti" / "2099" / "01" / "diunggah-setelah-cadangan.pdf").exists()
    on_disk = sorted(p.relative_to(restored_media).as_posix() for p in restored_media.rglob("*") if p.is_file())
    assert on_disk == files
