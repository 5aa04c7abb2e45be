"""Access rules in one place: who is the user, which kecamatan may they see, may they write.

Tenancy comes from the logged-in user's membership, never from a request
parameter; a kecamatan outside the user's scope answers 404, as if it did not exist.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format

from kecamatan.models import Peran
from wilayah.models import Kecamatan


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
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_peran(request.user, *peran):
                raise PermissionDenied("Peran Anda tidak diizinkan membuka halaman ini.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


SEMUA_PERAN = tuple(Peran.values)
# docs/DESIGN.md §1: staf and kasi log kegiatan; pimpinan reads and approves.
PERAN_PENULIS_KEGIATAN = (Peran.STAF, Peran.KASI)
PERAN_KASI_KE_ATAS = (Peran.KASI, Peran.PIMPINAN)


# --- Kegiatan and bukti pendukung (docs/DESIGN.md §1) -------------------------------------------------
# Each rule takes an object already fetched through a scoped queryset; the kecamatan
# check here is a second line of defence, not the tenancy rule itself.


def _anggota_kecamatan_of(user, kecamatan_id):
    keanggotaan = keanggotaan_of(user)
    if keanggotaan is None or keanggotaan.kecamatan_id is None or keanggotaan.kecamatan_id != kecamatan_id:
        return None
    return keanggotaan


def boleh_catat_kegiatan(user) -> bool:
    """Staf and kasi log kegiatan for their own kecamatan."""
    keanggotaan = keanggotaan_of(user)
    return (
        keanggotaan is not None
        and keanggotaan.kecamatan_id is not None
        and keanggotaan.peran in PERAN_PENULIS_KEGIATAN
        and not user.is_superuser
    )


def kasi_atas_kegiatan(user, kegiatan) -> bool:
    """A kasi of the kegiatan's kecamatan, for their seksi (or a kegiatan they logged themselves)."""
    keanggotaan = _anggota_kecamatan_of(user, kegiatan.kecamatan_id)
    if keanggotaan is None or keanggotaan.peran != Peran.KASI:
        return False
    return kegiatan.dibuat_oleh_id == user.pk or (
        keanggotaan.seksi_id is not None and kegiatan.seksi_id == keanggotaan.seksi_id
    )


def boleh_ubah_kegiatan(user, kegiatan) -> bool:
    """Staf: their own kegiatan until it carries an output. Kasi: those of their seksi."""
    if kasi_atas_kegiatan(user, kegiatan):
        return True
    keanggotaan = _anggota_kecamatan_of(user, kegiatan.kecamatan_id)
    return (
        keanggotaan is not None
        and keanggotaan.peran == Peran.STAF
        and kegiatan.dibuat_oleh_id == user.pk
        and not kegiatan.ada_output
    )


def alasan_kegiatan_terkunci(user, kegiatan) -> str:
    """Why ``boleh_ubah_kegiatan`` refuses, in the words shown to the user."""
    keanggotaan = _anggota_kecamatan_of(user, kegiatan.kecamatan_id)
    peran = keanggotaan.peran if keanggotaan else None
    if peran == Peran.STAF and kegiatan.dibuat_oleh_id == user.pk and kegiatan.ada_output:
        return (
            f"Kegiatan ini terkunci: kasi sudah mencatat outputnya ({date_format(kegiatan.tanggal_output, 'j F Y')}), "
            "sehingga kegiatan ini dihitung sebagai tindak lanjut. Sejak itu hanya kasi seksinya yang dapat "
            "mengubahnya. Hubungi kasi Anda bila ada yang perlu dibetulkan."
        )
    if peran == Peran.STAF:
        return "Staf hanya dapat mengubah kegiatan yang dicatatnya sendiri. Hubungi kasi seksinya."
    if peran == Peran.KASI:
        return "Kegiatan ini milik seksi lain: hanya kasi seksi tersebut yang dapat mengubahnya."
    return "Peran Anda hanya dapat melihat kegiatan, tidak mengubahnya."


def boleh_kelola_tindak_lanjut(user, kegiatan) -> bool:
    """Recording the output and uploading or removing bukti is the kasi's."""
    return kasi_atas_kegiatan(user, kegiatan)
