"""The skm app's access functions (docs/DESIGN.md §3.4): fetch and check in one call.

Same contract as ``kecamatan/akses.py``: outside the user's scope or missing → ``Http404`` (one
message for both); in scope but the role may not do ``untuk`` → ``PermissionDenied`` with the reason.

Logged in:

- ``access_kecamatan_entri_skm(user)``: the kecamatan whose paper questionnaires the user enters (403
  for anyone but the kecamatan's own staff);
- ``access_layanan_by_id(user, layanan_id)``: a jenis layanan of the user's scope;
- ``access_responden_by_id(user, responden_id)``: one answered questionnaire;
- ``access_rtl_by_id(user, rtl_id, *, untuk=Akses.BACA)``: a rencana tindak lanjut (UBAH: its kasi).

Public, without login (the survey a citizen reaches from the poster's QR code):

- ``access_kecamatan_publik_by_kode(kode)``: any kecamatan by its code;
- ``access_layanan_publik_by_id(kecamatan, layanan_id)``: an active layanan of that kecamatan
  (``layanan_publik(kecamatan)`` is the list the form offers).
"""

from kecamatan.akses import (
    Akses,
    AksesDitolak,
    ambil_dalam_lingkup,
    boleh_entri_skm,
    boleh_tulis_rtl,
    keanggotaan_of,
    kecamatan_scope,
)
from skm.models import JenisLayanan, RencanaTindakLanjut, Responden
from wilayah.models import Kecamatan

LAYANAN_TIDAK_DITEMUKAN = "Jenis layanan tidak ditemukan."


def access_kecamatan_entri_skm(user) -> Kecamatan:
    """Paper entry and import are the kecamatan's own staff's (staf, kasi, pimpinan) for their kecamatan."""
    if not boleh_entri_skm(user):
        raise AksesDitolak("Hanya staf kecamatan yang mencatat kuesioner SKM kertas.")
    return keanggotaan_of(user).kecamatan


def access_layanan_by_id(user, layanan_id) -> JenisLayanan:
    return ambil_dalam_lingkup(
        JenisLayanan.objects.filter(kecamatan__in=kecamatan_scope(user)).select_related("kecamatan"),
        pesan=LAYANAN_TIDAK_DITEMUKAN,
        pk=layanan_id,
    )


def access_responden_by_id(user, responden_id) -> Responden:
    return ambil_dalam_lingkup(
        Responden.objects.for_user(user).select_related("kecamatan", "jenis_layanan", "kuesioner"),
        pesan="Responden tidak ditemukan.",
        pk=responden_id,
    )


def access_rtl_by_id(user, rtl_id, *, untuk=Akses.BACA) -> RencanaTindakLanjut:
    """A rencana tindak lanjut of the user's scope; ``Akses.UBAH``: rewriting it, a kasi of its kecamatan's."""
    if untuk not in (Akses.BACA, Akses.UBAH):
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")
    rtl = ambil_dalam_lingkup(
        RencanaTindakLanjut.objects.for_user(user).select_related("kecamatan", "unsur", "ditulis_oleh"),
        pesan="Rencana tindak lanjut tidak ditemukan.",
        pk=rtl_id,
    )
    if untuk == Akses.UBAH and not boleh_tulis_rtl(user, rtl.kecamatan):
        raise AksesDitolak("Rencana tindak lanjut SKM ditulis oleh kasi kecamatan ini.", objek=rtl)
    return rtl


# --- Public, without login -------------------------------------------------------------------------------


def access_kecamatan_publik_by_kode(kode) -> Kecamatan:
    """Any kecamatan, by its code: the survey, its poster and its publication are public by law."""
    return ambil_dalam_lingkup(
        Kecamatan.objects.select_related("kabupaten"), pesan="Kecamatan tidak ditemukan.", kode=kode
    )


def layanan_publik(kecamatan):
    """The layanan a citizen may rate at ``kecamatan``: its active ones."""
    return JenisLayanan.objects.filter(kecamatan=kecamatan, aktif=True)


def access_layanan_publik_by_id(kecamatan, layanan_id) -> JenisLayanan:
    return ambil_dalam_lingkup(layanan_publik(kecamatan), pesan=LAYANAN_TIDAK_DITEMUKAN, pk=layanan_id)
