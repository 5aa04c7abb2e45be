"""The desa app's access functions (docs/DESIGN.md §3.4): fetch and check in one call.

Same contract as ``kecamatan/akses.py``: outside the user's scope or missing → ``Http404`` (one
message for both); in scope but the role may not write → ``PermissionDenied`` with the reason.

- ``access_desa_by_id(user, desa_id, *, untuk=Akses.BACA)``: a desa (or kelurahan) with its kecamatan;
- ``access_desa_by_kode(user, kode, *, untuk=Akses.BACA)``: the same by its Kepmendagri code;
- ``access_dokumen_desa_by_id(user, dokumen_id, *, untuk=Akses.BACA)``: a desa document with its desa
  and kecamatan;
- ``access_desa_operator(user)``: the desa a desa operator answers for (404 for every other role);
- ``access_operator_desa_by_id(user, user_id, *, untuk=Akses.UBAH)``: a desa operator's membership in the
  user's scope, to switch the account off or on (the pimpinan of its kecamatan, the admin kabupaten);
- ``access_pengajuan_by_id(user, pengajuan_id, *, untuk=Akses.BACA)``: a document a desa operator handed
  in (an operator reads only its own desa's); ``Akses.PUTUS`` to accept or return it.

Writing (``Akses.UBAH``) desa documents is the kasi's and pimpinan's (``boleh_tulis_dokumen_desa``).
"""

from django.http import Http404

from desa.models import DokumenDesa, PengajuanDokumenDesa
from kecamatan.akses import (
    ALASAN_KELOLA_OPERATOR,
    Akses,
    AksesDitolak,
    ambil_dalam_lingkup,
    boleh_buat_operator_desa,
    boleh_putus_pengajuan,
    boleh_tulis_dokumen_desa,
    desa_operator_id,
)
from kecamatan.models import Keanggotaan, Peran
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


def access_desa_by_kode(user, kode, *, untuk=Akses.BACA) -> Desa:
    """A desa of the user's scope by its Kepmendagri code (the API's key); as ``access_desa_by_id``."""
    desa = ambil_dalam_lingkup(
        Desa.objects.for_user(user).select_related("kecamatan"), pesan="Desa tidak ditemukan.", kode=kode
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


def access_pengajuan_by_id(user, pengajuan_id, *, untuk=Akses.BACA) -> PengajuanDokumenDesa:
    """A submission of the user's scope; ``Akses.PUTUS``: to accept or return it (its kecamatan's kasi, pimpinan)."""
    if untuk not in (Akses.BACA, Akses.PUTUS):
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")
    pengajuan = ambil_dalam_lingkup(
        PengajuanDokumenDesa.objects.for_user(user).select_related("desa__kecamatan", "diajukan_oleh"),
        pesan="Pengajuan tidak ditemukan.",
        pk=pengajuan_id,
    )
    if untuk == Akses.PUTUS and not boleh_putus_pengajuan(user, pengajuan.desa.kecamatan_id):
        raise AksesDitolak("Hanya kasi dan pimpinan kecamatan desa ini yang memeriksa pengajuannya.", objek=pengajuan)
    return pengajuan


def access_desa_operator(user) -> Desa:
    """The desa of a desa operator, with its kecamatan; any other role has no such page (404)."""
    desa_id = desa_operator_id(user)
    if desa_id is None:
        raise Http404("Halaman ini untuk operator desa.")
    return ambil_dalam_lingkup(Desa.objects.select_related("kecamatan"), pesan="Desa tidak ditemukan.", pk=desa_id)


def access_operator_desa_by_id(user, user_id, *, untuk=Akses.UBAH) -> Keanggotaan:
    """A desa operator of a desa in the user's scope, with its user and desa; ``Akses.UBAH``: to switch it."""
    if untuk not in (Akses.BACA, Akses.UBAH):
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")
    keanggotaan = ambil_dalam_lingkup(
        Keanggotaan.objects.filter(peran=Peran.OPERATOR_DESA, desa__in=Desa.objects.for_user(user)).select_related(
            "user", "desa__kecamatan"
        ),
        pesan="Operator desa tidak ditemukan.",
        user_id=user_id,
    )
    if untuk == Akses.UBAH and not boleh_buat_operator_desa(user, keanggotaan.desa):
        raise AksesDitolak(ALASAN_KELOLA_OPERATOR, objek=keanggotaan)
    return keanggotaan
