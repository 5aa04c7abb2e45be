"""The indikator app's access functions (docs/DESIGN.md §3.4): fetch and check in one call.

Same contract as ``kecamatan/akses.py``: outside the user's scope or missing → ``Http404`` (one
message for both); in scope but the role may not do ``untuk`` → ``PermissionDenied`` with the reason.

Logged in:

- ``access_dokumen_iku_by_id(user, dokumen_id, *, kecamatan=None, untuk=Akses.BACA)``: an IKU
  document (of ``kecamatan`` when given); UBAH is the admin kabupaten's;
- ``access_laporan_kecamatan_by_kode(user, kode=None, *, untuk=Akses.BACA)``: the kecamatan whose report
  is drafted or downloaded (404 when a kabupaten role names none); ``Akses.SAHKAN``: approving it, its
  own pimpinan's;
- ``access_pengesahan_by_id(user, pengesahan_id)``: an approved report, with its kecamatan;
- ``access_kabupaten_by_kode(user, kode=None)``: the kabupaten of the recap and the roll-up (kabupaten roles
  only; their own, and another's code is a 404; a superuser names one).

Public, without login:

- ``access_pengesahan_publik_by_token(token)``: the approved report a printed copy's QR code names.
"""

from django.conf import settings
from django.http import Http404

from indikator.models import DokumenIKU, PengesahanLaporan
from kecamatan.akses import (
    Akses,
    AksesDitolak,
    access_kecamatan_by_kode,
    ambil_dalam_lingkup,
    boleh_lihat_rekap,
    boleh_sahkan,
    boleh_ubah_dokumen_iku,
    keanggotaan_of,
)
from wilayah.models import Kabupaten, Kecamatan

PENGESAHAN_TIDAK_DITEMUKAN = "Laporan yang disahkan tidak ditemukan."


def access_dokumen_iku_by_id(user, dokumen_id, *, kecamatan=None, untuk=Akses.BACA) -> DokumenIKU:
    if untuk not in (Akses.BACA, Akses.UBAH):
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")
    queryset = DokumenIKU.objects.for_user(user).select_related("kecamatan", "penandatangan")
    if kecamatan is not None:
        queryset = queryset.filter(kecamatan=kecamatan)
    dokumen = ambil_dalam_lingkup(queryset, pesan="Dokumen IKU tidak ditemukan.", pk=dokumen_id)
    if untuk == Akses.UBAH and not boleh_ubah_dokumen_iku(user):
        raise AksesDitolak("Dokumen IKU diubah oleh admin kabupaten.", objek=dokumen)
    return dokumen


def access_laporan_kecamatan_by_kode(user, kode=None, *, untuk=Akses.BACA) -> Kecamatan:
    """A kecamatan role gets its own; a kabupaten role must name one (a report is of one kecamatan)."""
    if untuk not in (Akses.BACA, Akses.SAHKAN):
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")
    kecamatan = access_kecamatan_by_kode(user, kode)
    if kecamatan is None:
        raise Http404("Pilih kecamatan terlebih dahulu.")
    if untuk == Akses.SAHKAN and not boleh_sahkan(user, kecamatan):
        raise AksesDitolak("Hanya pimpinan kecamatan ini yang boleh mengesahkan laporan capaian.", objek=kecamatan)
    return kecamatan


def access_pengesahan_by_id(user, pengesahan_id) -> PengesahanLaporan:
    return ambil_dalam_lingkup(
        PengesahanLaporan.objects.for_user(user).select_related("kecamatan"),
        pesan=PENGESAHAN_TIDAK_DITEMUKAN,
        pk=pengesahan_id,
    )


def access_kabupaten_by_kode(user, kode=None) -> Kabupaten:
    """The kabupaten whose recap or roll-up the user reads: 403 for kecamatan roles.

    A kabupaten role reads its own: without ``kode``, or naming it; another kabupaten's code is a 404
    like an unknown one. A superuser names any, and without a code gets ``IKU_KABUPATEN_DEFAULT``.
    """
    if not boleh_lihat_rekap(user):
        raise AksesDitolak("Rekap kabupaten hanya untuk admin kabupaten dan pemeriksa.")
    keanggotaan = keanggotaan_of(user)
    if keanggotaan is not None and keanggotaan.kabupaten_id is not None:
        if kode and kode != keanggotaan.kabupaten.kode:
            raise Http404("Kabupaten tidak ditemukan.")
        return keanggotaan.kabupaten
    kode = kode or settings.IKU_KABUPATEN_DEFAULT
    return ambil_dalam_lingkup(Kabupaten.objects.all(), pesan="Kabupaten tidak ditemukan.", kode=kode)


def access_pengesahan_publik_by_token(token) -> PengesahanLaporan:
    """Whoever holds the printed copy may check it: the token (32 random bytes) is the only key."""
    return ambil_dalam_lingkup(
        PengesahanLaporan.objects.select_related("kecamatan__kabupaten"), pesan=PENGESAHAN_TIDAK_DITEMUKAN, token=token
    )
