"""The access layer of jobs (docs/DESIGN.md §3.4): a job is its owner's alone."""

from django.core.exceptions import ValidationError
from django.http import Http404

from pekerjaan.models import Pekerjaan

TIDAK_DITEMUKAN = "Pekerjaan tidak ditemukan."


def access_pekerjaan_by_id(user, pekerjaan_id) -> Pekerjaan:
    """The job ``pekerjaan_id`` if ``user`` started it; 404 for anyone else (a colleague, an admin, a
    superuser) and for an id that does not exist, with one message for both."""
    if user is None or not user.is_authenticated:
        raise Http404(TIDAK_DITEMUKAN)
    try:
        pekerjaan = Pekerjaan.objects.filter(pk=pekerjaan_id, pemilik=user).first()
    except (ValidationError, ValueError, TypeError):
        pekerjaan = None
    if pekerjaan is None:
        raise Http404(TIDAK_DITEMUKAN)
    return pekerjaan
