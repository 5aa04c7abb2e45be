"""Run the job worker of the configured backend (docs/DESIGN.md §3.7, README "Pekerjaan latar").

First every job left "berjalan" by a worker that died is re-queued or failed (the stale-heartbeat rule),
then the backend's own worker runs: django-tasks-db's ``db_worker`` (the default) or django-rq's
``rqworker`` with django-tasks-rq's job class (``TASKS_BACKEND=rq``).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from pekerjaan.services import pekerjaan_periksa_macet


class Command(BaseCommand):
    help = "Menjalankan pekerja antrean pekerjaan latar (laporan, impor, pengesahan)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Kerjakan yang ada di antrean, lalu berhenti.")
        parser.add_argument("--reload", action="store_true", help="Muat ulang saat kode berubah (pengembangan).")
        parser.add_argument("--interval", type=float, default=0.5, help="Detik antar-pemeriksaan antrean (basis data).")

    def handle(self, *, batch, reload, interval, verbosity, **options):
        diubah = pekerjaan_periksa_macet(sekarang=timezone.now())
        if diubah and verbosity:
            self.stdout.write(f"{diubah} pekerjaan yang terhenti diantrekan ulang atau ditandai gagal.")
        antrean = getattr(settings, "PEKERJAAN_ANTREAN", "default")
        if isinstance(task_backends["default"], DatabaseBackend):
            call_command(
                "db_worker",
                queue_name=antrean,
                batch=batch,
                reload=reload,
                interval=interval,
                startup_delay=not batch,
                verbosity=verbosity,
            )
        else:
            call_command(
                "rqworker",
                antrean,
                burst=batch,
                job_class="django_tasks_rq.Job",
                with_scheduler=False,
                verbosity=verbosity,
            )
