"""Access rules in one place: who is the user, which kecamatan may they see, may they write.

Tenancy comes from the logged-in user's membership, never from a request
parameter; a kecamatan outside the user's scope answers 404, as if it did not exist.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kecamatan.models import Kecamatan, Peran


def keanggotaan_of(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "keanggotaan", None)


def peran_of(user) -> str | None:
    """The user's role; a superuser acts as admin_kabupaten of every kabupaten."""
    if user.is_authenticated and user.is_superuser:
        return Peran.ADMIN_KABUPATEN
    keanggotaan = keanggotaan_of(user)
    return keanggotaan.peran if keanggotaan else None


def has_peran(user, *peran) -> bool:
    return peran_of(user) in peran


def kecamatan_scope(user):
    return Kecamatan.objects.for_user(user)


def kecamatan_for(user, kode: str | None = None) -> Kecamatan | None:
    """The kecamatan a page is about.

    Kecamatan roles always get their own (a ``kode`` naming another one is a
    404). Kabupaten roles name one by ``kode`` within their scope; without a
    code they get ``None`` and the page offers the choice.
    """
    keanggotaan = keanggotaan_of(user)
    scope = kecamatan_scope(user).select_related("kabupaten")
    if keanggotaan is not None and keanggotaan.kecamatan_id is not None:
        kecamatan = get_object_or_404(scope, pk=keanggotaan.kecamatan_id)
        if kode is not None and kode != kecamatan.kode:
            raise Http404("Kecamatan tidak ditemukan.")
        return kecamatan
    if kode is None:
        return None
    return get_object_or_404(scope, kode=kode)


def peran_required(*peran):
    """Login required, and one of ``peran``; anyone else gets 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_peran(request.user, *peran):
                raise PermissionDenied("Peran Anda tidak diizinkan membuka halaman ini.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


SEMUA_PERAN = tuple(Peran.values)
# DESIGN.md §1: staf and kasi log kegiatan; pimpinan reads and approves.
PERAN_PENULIS_KEGIATAN = (Peran.STAF, Peran.KASI)
PERAN_KASI_KE_ATAS = (Peran.KASI, Peran.PIMPINAN)
