"""Following a page that starts a job, as a person does: send the request, let the real worker run the job,
open its status page (and its download)."""

from django.test import TestCase

from pekerjaan.models import Pekerjaan
from tests.pekerjaan.bantu import pekerja_db


def _pekerjaan_dari(response) -> Pekerjaan | None:
    lokasi = response.get("Location", "") if response.status_code == 302 else ""
    if not lokasi.startswith("/pekerjaan/"):
        return None
    return Pekerjaan.objects.get(pk=lokasi.strip("/").split("/")[1])


def kirim(client, metode: str, url: str, data=None, *, kerjakan: bool = True):
    """``client.get``/``client.post`` with the job queued on commit and (``kerjakan``) run by the worker.

    Returns ``(response, pekerjaan)``: the request's own answer and the job it started, refreshed after
    the run (``None`` when the request started none: a form error, a small export answered at once).
    """
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = getattr(client, metode)(url, data or {})
    pekerjaan = _pekerjaan_dari(response)
    if pekerjaan is not None and kerjakan:
        pekerja_db()
        pekerjaan.refresh_from_db()
    return response, pekerjaan


def post_dan_kerjakan(client, url, data=None, *, follow: bool = False):
    """The POST's answer, or with ``follow`` the job's status page once the job ran (or, without a job,
    the page the answer redirects to)."""
    response, pekerjaan = kirim(client, "post", url, data)
    if not follow:
        return response
    if pekerjaan is not None:
        return client.get(pekerjaan.get_absolute_url())
    lokasi = response.get("Location", "") if response.status_code == 302 else ""
    return client.get(lokasi, follow=True) if lokasi else response


def unduhan(client, pekerjaan: Pekerjaan) -> bytes:
    response = client.get(f"{pekerjaan.get_absolute_url()}unduh/")
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content
