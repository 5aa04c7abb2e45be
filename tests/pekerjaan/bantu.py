"""Helpers of the tests that follow a job: run the real database worker, follow a report link to its file."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def pekerja_db(*, loop: bool = False) -> None:
    """Run django-tasks-db's own worker over everything queued, then return.

    ``loop``: its whole ``run`` loop (batch mode), for transactional tests. Without it, only its
    ``run_task`` on each ready task: the loop checks the connection between tasks, which would end the
    test's own transaction (the rows a non-transactional test made are visible only inside it).
    """
    worker = Worker(
        queue_names=[settings.PEKERJAAN_ANTREAN],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="uji",
        excluded_queue_names=[],
    )
    if loop:
        worker.run()
        return
    while (tugas := DBTaskResult.objects.ready().filter(queue_name=settings.PEKERJAAN_ANTREAN).first()) is not None:
        tugas.claim(worker.worker_id)
        worker.run_task(tugas)


def _sebagai_http(response) -> HttpResponse:
    """A FileResponse read into a plain response, so tests read ``.content`` as they did before jobs."""
    if not getattr(response, "streaming", False):
        return response
    hasil = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    for nama, nilai in response.items():
        hasil[nama] = nilai
    return hasil


@pytest.fixture
def unduh(django_capture_on_commit_callbacks):
    """``unduh(client, url, data)``: request a report as the page's link does, let the worker render it,
    and answer the download (or the answer itself when no job was started: a refusal, a form error)."""

    def ikuti(client, url, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url, data, **extra)
        lokasi = response.get("Location", "") if response.status_code == 302 else ""
        if not lokasi.startswith("/pekerjaan/"):
            return response
        if not lokasi.endswith("/unduh/"):
            pekerja_db()
            status = client.get(lokasi)
            assert status.status_code == 200, status
            lokasi = f"{lokasi}unduh/"
            if 'data-status="selesai"' not in status.content.decode():
                return status  # the failed job's page, with its message
        return _sebagai_http(client.get(lokasi))

    return ikuti
