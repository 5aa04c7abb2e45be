"""The desa app's access functions (docs/DESIGN.md §3.4): fetch and check in one call.

Same contract as ``kecamatan/akses.py``: outside the user's scope or missing → ``Http404`` (one
message for both); in scope but the role may not write → ``PermissionDenied`` with the reason.

- ``access_desa_by_id(user, desa_id, *, untuk=Akses.BACA)``: a desa (or kelurahan) with its kecamatan;
- ``access_dokumen_desa_by_id(user, dokumen_id, *, untuk=Akses.BACA)``: a desa document with its desa
  and kecamatan.

Writing (``Akses.UBAH``) desa documents is the kasi's and pimpinan's (``boleh_tulis_dokumen_desa``).
"""

from desa.models import DokumenDesa
from kecamatan.akses import Akses, AksesDitolak, ambil_dalam_lingkup, boleh_tulis_dokumen_desa
from wilayah.models import Desa

ALASAN_TULIS = "Hanya kasi dan pimpinan kecamatan yang boleh mengisi dokumen desa."


def _periksa_tulis(user, untuk, objek) -> None:
    if untuk not in (Akses.BACA, Akses.UBAH):
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")
    if untuk == Akses.UBAH and not boleh_tulis_dokumen_desa(user):
        raise AksesDitolak(ALASAN_TULIS, objek=objek)


def access_desa_by_id(user, desa_id, *, untuk=Akses.BACA) -> Desa:
    """A desa of the user's kecamatan scope; ``Akses.UBAH``: to enter its documents."""
    desa = ambil_dalam_lingkup(
        Desa.objects.for_user(user).select_related("kecamatan"), pesan="Desa tidak ditemukan.", pk=desa_id
    )
    _periksa_tulis(user, untuk, desa)
    return desa


def access_dokumen_desa_by_id(user, dokumen_id, *, untuk=Akses.BACA) -> DokumenDesa:
    """A desa document of the user's scope; ``Akses.UBAH``: to correct or remove it."""
    dokumen = ambil_dalam_lingkup(
        DokumenDesa.objects.for_user(user).select_related("desa__kecamatan"),
        pesan="Dokumen desa tidak ditemukan.",
        pk=dokumen_id,
    )
    _periksa_tulis(user, untuk, dokumen)
    return dokumen
