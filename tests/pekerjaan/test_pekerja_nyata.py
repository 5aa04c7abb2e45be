"""The report jobs run by the real workers: django-tasks-db's worker loop (SQLite and PostgreSQL), an RQ
worker against Redis at 127.0.0.1:6379, and a worker process killed with SIGKILL in the middle of a job."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kecamatan.models import Peran
from pekerjaan.models import Pekerjaan
from pekerjaan.services import PESAN_TERHENTI, pekerjaan_mulai, pekerjaan_periksa_macet
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, teks_pdf
from tests.pekerjaan import jenis_uji  # noqa: F401 - registers the test kinds
from tests.pekerjaan.bantu import pekerja_db
from wilayah.versi import versi_data_naikkan

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root
Status = Pekerjaan.Status
TAHUN_2024 = {"tahun": "2024"}
HARI = datetime.timedelta(days=1)


@pytest.fixture
def camat(katalog_tx, laporan_2024, make_user, jam):
    jam.pindah(AS_OF)
    return make_user(Peran.PIMPINAN, kecamatan=laporan_2024, username="camat")


def _ikuti(client, jalankan_pekerja):
    """The report link → the job's status page → the worker → the download."""
    minta = client.get(reverse("laporan:capaian-pdf"), TAHUN_2024)
    assert minta.status_code == 302 and minta["Location"].startswith("/pekerjaan/")
    pekerjaan = Pekerjaan.objects.get()
    assert client.get(minta["Location"]).status_code == 200
    jalankan_pekerja()
    pekerjaan.refresh_from_db()
    assert pekerjaan.status == Status.SELESAI, pekerjaan.pesan
    unduhan = client.get(reverse("pekerjaan:unduh", args=[pekerjaan.pk]))
    teks = teks_pdf(b"".join(unduhan.streaming_content))
    assert "DRAF" in teks and "Senduro" in teks
    return pekerjaan


def _lagi_dari_cache(client, pekerjaan):
    """The same report again: answered with the finished file at once, no new job, no new task."""
    tugas = DBTaskResult.objects.count()
    ulang = client.get(reverse("laporan:capaian-pdf"), TAHUN_2024)
    assert ulang["Location"] == reverse("pekerjaan:unduh", args=[pekerjaan.pk])
    assert Pekerjaan.objects.count() == 1 and DBTaskResult.objects.count() == tugas


@pytest.mark.django_db(transaction=True)
def test_a_report_job_run_by_the_database_worker_then_served_from_the_cache_until_the_data_changes(
    camat, client_for, laporan_2024
):
    client = client_for(camat)
    pekerjaan = _ikuti(client, lambda: pekerja_db(loop=True))
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    _lagi_dari_cache(client, pekerjaan)
    # A write to the kecamatan's data (every service bumps its version): the next report is a new job.
    versi_data_naikkan(kecamatan_ids=[laporan_2024.pk])
    baru = client.get(reverse("laporan:capaian-pdf"), TAHUN_2024)
    assert baru["Location"] != pekerjaan.get_absolute_url() and Pekerjaan.objects.count() == 2


@pytest.fixture
def antrean_rq(settings):
    """A queue of this test run alone on the real Redis; everything it made there is removed after."""
    import django_rq.settings
    from redis import Redis

    nama = f"uji-pekerjaan-{uuid.uuid4().hex[:12]}"
    django_rq.settings.QUEUES[nama] = {
        "URL": settings.RQ_QUEUES[settings.PEKERJAAN_ANTREAN]["URL"],
        "DEFAULT_TIMEOUT": 300,
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [nama]}}
    settings.PEKERJAAN_ANTREAN = nama
    redis = Redis.from_url(settings.RQ_QUEUES[settings.PEKERJAAN_ANTREAN]["URL"])
    try:
        yield nama
    finally:
        import django_rq

        queue = django_rq.get_queue(nama)
        job_ids = {
            *queue.get_job_ids(),
            *queue.finished_job_registry.get_job_ids(),
            *queue.failed_job_registry.get_job_ids(),
            *queue.started_job_registry.get_job_ids(),
        }
        kunci = list(redis.scan_iter(match=f"*{nama}*"))
        kunci += [f"rq:job:{i}" for i in job_ids] + [f"rq:results:{i}" for i in job_ids]
        if kunci:
            redis.delete(*kunci)
        redis.srem("rq:queues", f"rq:queue:{nama}")
        for pekerja in redis.smembers("rq:workers"):
            if nama.encode() in pekerja:
                redis.srem("rq:workers", pekerja)
        del django_rq.settings.QUEUES[nama]


def _pekerja_rq(nama):
    import django_rq

    # SimpleWorker: the job runs in this process, so it sees the test's database like the web requests do.
    worker = django_rq.get_worker(
        nama, worker_class="rq.worker.SimpleWorker", job_class="django_tasks_rq.Job", name=f"{nama}-pekerja"
    )
    sebelumnya = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        worker.work(burst=True)
    finally:
        for s, handler in sebelumnya.items():
            signal.signal(s, handler)


@pytest.mark.django_db(transaction=True)
def test_a_report_job_run_by_an_rq_worker_against_redis(camat, client_for, antrean_rq):
    client = client_for(camat)
    pekerjaan = _ikuti(client, lambda: _pekerja_rq(antrean_rq))
    assert pekerjaan.percobaan == 1
    assert not DBTaskResult.objects.exists()  # the queue was Redis, not the database
    ulang = client.get(reverse("laporan:capaian-pdf"), TAHUN_2024)
    assert ulang["Location"] == reverse("pekerjaan:unduh", args=[pekerjaan.pk])


def _pekerja_proses():
    """A real worker process on the test's own database (PostgreSQL: another process can open it)."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = url.replace("@", f":{db['PASSWORD']}@", 1)
    kode = (
        "import django; django.setup()\n"
        "import tests.pekerjaan.jenis_uji\n"
        "from django_tasks_db.management.commands.db_worker import Worker\n"
        f"Worker(queue_names=[{settings.PEKERJAAN_ANTREAN!r}], interval=0.1, batch=False, backend_name='default',"
        " startup_delay=False, max_tasks=None, worker_id='dibunuh', excluded_queue_names=[]).run()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "iku_project.settings"}
    return subprocess.Popen([sys.executable, "-c", kode], cwd=settings.BASE_DIR, env=env)


def _tunggu_berjalan(pekerjaan, percobaan, proses):
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        pekerjaan.refresh_from_db()
        if pekerjaan.status == Status.BERJALAN and pekerjaan.percobaan == percobaan:
            return
        assert proses.poll() is None, "the worker process ended by itself"
        time.sleep(0.1)
    pytest.fail(f"the worker never took the job (status {pekerjaan.status})")


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_is_retried_once_then_the_job_fails(make_user, senduro, client_for):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    pekerjaan = pekerjaan_mulai(pemilik=kasi, jenis="uji_tidur", parameter={"detik": 120})
    for percobaan in (1, 2):
        proses = _pekerja_proses()
        try:
            _tunggu_berjalan(pekerjaan, percobaan, proses)
        finally:
            proses.send_signal(signal.SIGKILL)
            proses.wait(timeout=30)
        assert proses.returncode == -signal.SIGKILL
        pekerjaan.refresh_from_db()
        assert pekerjaan.status == Status.BERJALAN  # nobody told the job: only its heartbeat stops
        # One heartbeat limit later, the check a worker start or a status poll makes:
        nanti = pekerjaan.detak + datetime.timedelta(seconds=settings.PEKERJAAN_DETAK_BATAS_DETIK + 1)
        assert pekerjaan_periksa_macet(sekarang=nanti) == 1
        pekerjaan.refresh_from_db()
        assert pekerjaan.status == (Status.MENUNGGU if percobaan == 1 else Status.GAGAL)
    assert pekerjaan.pesan == PESAN_TERHENTI
    assert PESAN_TERHENTI in client_for(kasi).get(pekerjaan.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_first_settles_stale_jobs_then_works_through_the_queue(make_user, senduro):
    from django.core.management import call_command

    kasi = make_user(Peran.KASI, kecamatan=senduro)
    lama = Pekerjaan.objects.create(
        pemilik=kasi, jenis="uji_sekali", status=Status.BERJALAN, percobaan=1, detak=timezone.now() - HARI
    )
    baru = pekerjaan_mulai(pemilik=kasi, jenis="uji_berkas", parameter={"isi": "x"})
    sebelumnya = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("pekerjaan_worker", batch=True, verbosity=0)
    finally:
        for s, handler in sebelumnya.items():
            signal.signal(s, handler)
    lama.refresh_from_db()
    baru.refresh_from_db()
    assert (lama.status, lama.pesan) == (Status.GAGAL, PESAN_TERHENTI)
    assert baru.status == Status.SELESAI and baru.berkas.read() == b"x"
