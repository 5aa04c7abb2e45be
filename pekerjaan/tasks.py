"""The one django-tasks task that runs every job (docs/DESIGN.md §3.7; the kinds live in ``<app>/tasks.py``).

django-tasks is the backport of Django 6's ``django.tasks``: when the project reaches Django 6 the import
below becomes ``from django.tasks import task`` and nothing else changes (docs/adr/0003-job-engine.md).
"""

from django.conf import settings
from django_tasks import task

from pekerjaan import services


# The queue is validated against the backend's QUEUES here, at import: the configured one, not "default".
@task(queue_name=settings.PEKERJAAN_ANTREAN)
def pekerjaan_kerjakan(pekerjaan_id: str) -> None:
    services.pekerjaan_jalankan(pekerjaan_id=pekerjaan_id)
