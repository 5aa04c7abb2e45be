"""Shared fixtures: a small kabupaten built with tests/factories.py, users of every role, the clock.

Tests build their own facts instead of loading the national CSV, so each one
states exactly the desa, kelurahan and kecamatan it relies on.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from tests import factories
from tests.factories import PASSWORD  # noqa: F401 - tests import it from here
from tests.pekerjaan.bantu import unduh  # noqa: F401 - a fixture: follow a report link through its job

POSTGRES_ONLY = "postgres"


def pytest_collection_modifyitems(config, items):
    """``@pytest.mark.postgres`` tests run only when the suite's database is PostgreSQL (CI's second pass)."""
    from django.conf import settings

    reason = postgres_skip_reason(settings.DATABASES["default"]["ENGINE"])
    if reason is None:
        return
    for item in items:
        if POSTGRES_ONLY in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def postgres_skip_reason(engine: str) -> str | None:
    """Why a ``postgres`` test does not run on ``engine``, naming that backend; None on PostgreSQL."""
    if "postgresql" in engine:
        return None
    backend = engine.rsplit(".", 1)[-1]
    return f"PostgreSQL only; this run's database is {backend} (set DATABASE_URL=postgres://…)"


@pytest.fixture(autouse=True)
def _fast_hasher_and_private_media(settings, tmp_path):
    """Cheap password hashing (the suite logs in hundreds of times) and a fresh media
    folder per test, so uploads never land in the project's own media/."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: the API throttle and the per-address limits of the public SKM
    form and the verification upload count in the cache, and a worker's user ids repeat from test to test
    (rolled-back rows), so counts left by one test refused another's requests (a 429 in the middle of the
    accessibility audit)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _antrean_basis_data(settings):
    """The suite follows jobs with django-tasks-db's worker (tests/pekerjaan/bantu.py), whatever TASKS_BACKEND
    the shell has; the RQ backend is tested by its own tests on a queue of their own."""
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
        settings.PEKERJAAN_ANTREAN = "default"


class Jam:
    """The test's clock: ``jam.pindah("2025-01-15")`` moves "now" (and so ``timezone.localdate()``)
    to that day at 09:00 in Asia/Jakarta; the clock keeps ticking from there. One helper for every
    test that needs another "today", built on time-machine, undone when the test ends.

    Not for browser tests: Chromium keeps the real clock, so a session cookie the server dates
    in the past expires at once there; they fix only the pages' date (``desa.views.hari_ini``)."""

    def __init__(self):
        self._perjalanan = None

    def pindah(self, kapan):
        """Move to ``kapan`` (a date, a datetime or an ISO string); returns the date of "today"."""
        if isinstance(kapan, str):
            kapan = datetime.datetime.fromisoformat(kapan) if "T" in kapan else datetime.date.fromisoformat(kapan)
        if not isinstance(kapan, datetime.datetime):
            kapan = datetime.datetime.combine(kapan, datetime.time(9), tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
        self.berhenti()
        self._perjalanan = time_machine.travel(kapan, tick=True)
        self._perjalanan.start()
        return timezone.localdate()

    def berhenti(self):
        if self._perjalanan is not None:
            self._perjalanan.stop()
            self._perjalanan = None


@pytest.fixture
def jam():
    """``jam.pindah("2025-01-15")``: see ``Jam``."""
    clock = Jam()
    yield clock
    clock.berhenti()


@pytest.fixture
def kabupaten(db):
    return factories.KabupatenFactory(kode="35.08", nama="Kabupaten Lumajang")


@pytest.fixture
def senduro(kabupaten):
    """Three desa, no kelurahan."""
    kecamatan = factories.KecamatanFactory(kode="35.08.12", nama="Senduro", kabupaten=kabupaten)
    for kode, nama in [("2001", "Kandangtepus"), ("2002", "Kandangan"), ("2011", "Argosari")]:
        factories.DesaFactory(kode=f"35.08.12.{kode}", nama=nama, kecamatan=kecamatan)
    return kecamatan


@pytest.fixture
def lumajang(kabupaten):
    """Two desa and two kelurahan."""
    kecamatan = factories.KecamatanFactory(kode="35.08.10", nama="Lumajang", kabupaten=kabupaten)
    for kode, nama in [("1001", "Jogotrunan"), ("1002", "Kepuharjo"), ("2001", "Denok"), ("2002", "Blukon")]:
        factories.DesaFactory(kode=f"35.08.10.{kode}", nama=nama, kecamatan=kecamatan)
    return kecamatan


@pytest.fixture
def seksi_pemerintahan(senduro):
    return factories.SeksiFactory(kecamatan=senduro, nama="Seksi Pemerintahan")


@pytest.fixture
def make_user(db):
    """``make_user(peran, kecamatan=…, kabupaten=…, seksi=…)`` → a user who can log in with PASSWORD."""
    counter = {"n": 0}

    def make(peran, *, kecamatan=None, kabupaten=None, seksi=None, username=None, desa=None):
        counter["n"] += 1
        return factories.user_buat(
            peran,
            kecamatan=kecamatan,
            kabupaten=kabupaten,
            seksi=seksi,
            desa=desa,
            username=username or f"{peran}-{counter['n']}",
        )

    return make


@pytest.fixture
def client_for(client):
    """``client_for(user)`` → the test client, logged in as ``user``."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def katalog_tx(transactional_db):
    """A transactional test's flush also empties the catalogue the data migration loaded; put it back first.

    Ask for it before any fixture that makes kegiatan: otherwise a transactional test run after another in
    the same worker finds no catalogue (and which test ran before depends on xdist's distribution)."""
    from kecamatan.katalog_data import load_katalog
    from kecamatan.models import JenisBukti, JenisKegiatan, UraianAktivitas

    load_katalog(jenis_kegiatan_model=JenisKegiatan, uraian_model=UraianAktivitas, jenis_bukti_model=JenisBukti)
