"""Browser tests: Debian's chromium driven by Playwright against Django's live server.

Browsers cannot be downloaded here, so Playwright is pointed at the system
chromium. A missing browser is a failure, never a skip: the browser tests
guard features that must not silently go untested.
"""

import os
import shutil
import time

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            f"Chromium tidak ditemukan di {path}. Pasang dengan: apt-get install chromium "
            "(atau atur CHROMIUM_PATH). Tes peramban tidak boleh dilewati."
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page):
    """``login(username, password)`` through the real login form."""

    def do_login(username, password):
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state("networkidle")
        return page

    return do_login


@pytest.fixture(autouse=True)
def katalog(katalog_tx):
    """Browser tests run in transactional tests: the catalogue is put back before each (``katalog_tx``)."""


@pytest.fixture
def pekerja(settings):
    """The job worker in a thread beside the live server: ``pekerja.mulai()`` starts it, the test's end stops it.

    django-tasks-db's own worker loop (``tests/e2e/test_pekerjaan.PekerjaThread``). The tests' in-memory SQLite
    is one shared cache for every thread, where a lock is refused at once instead of waited for (a file
    database, as in production, waits): the polled status page must not write the session while a job
    writes, and a worker loop stopped by a refused lock starts again.
    """
    from django.db import OperationalError, connections

    from tests.e2e.test_pekerjaan import PekerjaThread

    settings.SESSION_SAVE_EVERY_REQUEST = False

    class PekerjaTekun(PekerjaThread):
        """Also started again after ``berhenti()``: a test stops it while it only browses (its polling
        transactions would refuse the live server's), and starts it for the next job."""

        def mulai(self):
            self.worker.running = True
            super().mulai()

        def _jalan(self):
            try:
                while self.worker.running:
                    try:
                        self.worker.run()
                    except OperationalError:
                        time.sleep(0.2)
            finally:
                connections.close_all()

    pekerja = PekerjaTekun()
    yield pekerja
    pekerja.berhenti()
