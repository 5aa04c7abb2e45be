"""The report download as a job, in a real browser: "Unduh draf (PDF)", the progress bar, then the PDF."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from indikator.demo import DEMO_PASSWORD
from pekerjaan.models import Pekerjaan
from tests.e2e.test_laporan import demo  # noqa: F401 - a fixture
from tests.indikator.laporan_util import teks_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class PekerjaThread:
    """django-tasks-db's worker loop in a thread of the test process, beside the live server."""

    def __init__(self):
        self.worker = Worker(
            queue_names=[settings.PEKERJAAN_ANTREAN],
            interval=0.1,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="e2e",
            excluded_queue_names=[],
        )
        self.thread = None

    def _jalan(self):
        try:
            self.worker.run()
        finally:
            connections.close_all()

    def mulai(self):
        self.thread = threading.Thread(target=self._jalan, name="pekerja-e2e", daemon=True)
        self.thread.start()

    def berhenti(self):
        self.worker.running = False
        if self.thread is not None:
            self.thread.join(timeout=60)


@pytest.fixture
def pekerja():
    pekerja = PekerjaThread()
    yield pekerja
    pekerja.berhenti()


def test_unduh_pdf_shows_the_progress_bar_then_downloads_the_pdf(demo, login, page, pekerja):  # noqa: F811
    login("senduro.camat", DEMO_PASSWORD)
    page.goto("/laporan/")
    page.get_by_role("link", name="Unduh draf (PDF)").click()
    # The status page: the job waits for a worker, its bar and step are shown and it polls itself.
    bar = page.get_by_role("progressbar")
    expect(bar).to_be_visible()
    assert bar.get_attribute("aria-valuenow") == "0"
    assert "Laporan Capaian IKU (PDF)" in page.get_by_role("heading", level=1).inner_text()
    with page.expect_download(timeout=60_000) as info:
        pekerja.mulai()  # the worker takes the job; the polled page starts the download when it is done
    download = info.value
    assert download.suggested_filename == f"laporan-capaian-iku-senduro-tahun-{demo.year}-draf.pdf"
    with open(download.path(), "rb") as handle:
        teks = teks_pdf(handle.read())
    assert "DRAF" in teks and "Senduro" in teks
    expect(page.get_by_role("link", name="Unduh laporan-capaian-iku-senduro")).to_be_visible()
    assert Pekerjaan.objects.get().status == Pekerjaan.Status.SELESAI
