"""The access layer of jobs (docs/DESIGN.md §3.4): a job is its owner's alone."""

from django.core.exceptions import ValidationError
from django.http import Http404

from pekerjaan.models import Pekerjaan
from wilayah.models import Kecamatan

TIDAK_DITEMUKAN = "Pekerjaan tidak ditemukan."


def access_pekerjaan_by_id(user, pekerjaan_id) -> Pekerjaan:
    """The job ``pekerjaan_id`` if ``user`` started it and may still see its kecamatan; 404 for anyone else
    (a colleague, an admin, a superuser), for an id that does not exist, and for an owner moved to another
    kecamatan since (its renderings are of data no longer theirs), with one message for all."""
    if user is None or not user.is_authenticated:
        raise Http404(TIDAK_DITEMUKAN)
    try:
        pekerjaan = Pekerjaan.objects.filter(pk=pekerjaan_id, pemilik=user).first()
    except (ValidationError, ValueError, TypeError):
        pekerjaan = None
    if pekerjaan is None:
        raise Http404(TIDAK_DITEMUKAN)
    kecamatan_id = pekerjaan.kecamatan_id
    if kecamatan_id is not None and not Kecamatan.objects.for_user(user).filter(pk=kecamatan_id).exists():
        raise Http404(TIDAK_DITEMUKAN)
    return pekerjaan
