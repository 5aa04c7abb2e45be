"""Access rules in one place: who is the user, which kecamatan may they see, may they write.

Tenancy comes from the logged-in user's membership, never from a request
parameter; a kecamatan outside the user's scope answers 404, as if it did not exist.

The access layer (docs/DESIGN.md §3.4). Every view, export, report, download and API endpoint gets
an object of a tenant through an ``access_<thing>_by_<key>(user, key, *, untuk=...)`` function of its
app's ``akses.py``, which fetches and checks in one call:

- the object is outside the user's scope, or does not exist: ``Http404`` with one message for both,
  so an id never tells whether another kecamatan holds it;
- it is in scope but the user's role may not do ``untuk`` (an ``Akses``): ``PermissionDenied`` with
  the reason in Bahasa Indonesia (an ``AksesDitolak``, which also carries the object);
- otherwise the object, with the related rows its callers show.

This module holds the kecamatan app's functions and the shared ``Akses``:

- ``access_kecamatan_by_kode(user, kode=None)``: the kecamatan a page is about (None: a kabupaten
  role must still choose one);
- ``access_sertifikat_kecamatan_by_kode(user, kode=None)``: the same, for the certificate pages;
- ``access_kegiatan_by_id(user, kegiatan_id, *, untuk=Akses.BACA, as_of=None)``;
- ``access_bukti_by_id(user, kegiatan_id, bukti_id, *, untuk=Akses.BACA)``;
- ``access_pejabat_by_id(user, pejabat_id, *, untuk=Akses.BACA, hari_ini=None)``.

The other apps' functions: ``desa/akses.py``, ``skm/akses.py``, ``indikator/akses.py``. The predicates
(``boleh_*``) below stay the rules those functions, the services and the templates' flags ask.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.formats import date_format

from kecamatan.models import BuktiPendukung, Kegiatan, Pejabat, Peran, TokenAPI
from kecamatan.models.akses import PERAN_KABUPATEN, PERAN_KECAMATAN  # noqa: F401  (the role groups, exported here)
from wilayah.models import Kecamatan


class Akses(models.TextChoices):
    """What the caller means to do with the object it asks for (shared by every app's access module)."""

    BACA = "baca", "membaca"
    UBAH = "ubah", "mengubah"
    # Recording the output and the bukti pendukung of a kegiatan: the kasi's (docs/DESIGN.md §1).
    TINDAK_LANJUT = "tindak_lanjut", "mencatat tindak lanjut"
    # Approving a kecamatan's report: its own pimpinan's only (docs/DESIGN.md §1).
    SAHKAN = "sahkan", "mengesahkan"
    # Accepting or returning a document a desa operator handed in: the kecamatan's kasi and pimpinan (§2.7).
    PUTUS = "putus", "memeriksa pengajuan"


class AksesDitolak(PermissionDenied):
    """In scope, but not for this role: the reason shown to the user, and the object, for a page that explains."""

    def __init__(self, alasan: str, *, objek=None):
        super().__init__(alasan)
        self.alasan = alasan
        self.objek = objek


TIDAK_DITEMUKAN = "Data tidak ditemukan."


def ambil_dalam_lingkup(queryset, *, pesan: str = TIDAK_DITEMUKAN, **lookup):
    """One row of an already scoped ``queryset``, or ``Http404(pesan)``: missing and foreign read alike.

    A malformed key (text for an integer id) is a missing row too, not a server error.
    """
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404(pesan) from None


def _untuk_dikenal(untuk, *boleh) -> None:
    if untuk not in boleh:
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")


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


KECAMATAN_TIDAK_DITEMUKAN = "Kecamatan tidak ditemukan."


def access_kecamatan_by_kode(user, kode: str | None = None) -> Kecamatan | None:
    """The kecamatan a page is about, with its kabupaten.

    Kecamatan roles always get their own (a ``kode`` naming another one is a
    404). Kabupaten roles name one by ``kode`` within their scope; without a
    code they get ``None`` and the page offers the choice.
    """
    keanggotaan = keanggotaan_of(user)
    scope = kecamatan_scope(user).select_related("kabupaten")
    if keanggotaan is not None and keanggotaan.kecamatan_id is not None:
        kecamatan = ambil_dalam_lingkup(scope, pesan=KECAMATAN_TIDAK_DITEMUKAN, pk=keanggotaan.kecamatan_id)
        if kode is not None and kode != kecamatan.kode:
            raise Http404(KECAMATAN_TIDAK_DITEMUKAN)
        return kecamatan
    if kode is None:
        return None
    return ambil_dalam_lingkup(scope, pesan=KECAMATAN_TIDAK_DITEMUKAN, kode=kode)


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


# --- Role groups: every tuple of roles the application grants something to lives here ----------
# (PERAN_KECAMATAN and PERAN_KABUPATEN sit beside ``Peran`` because the membership's own constraint uses them.)

SEMUA_PERAN = tuple(Peran.values)
# docs/DESIGN.md §1: staf and kasi log kegiatan; pimpinan reads and approves.
PERAN_PENULIS_KEGIATAN = (Peran.STAF, Peran.KASI)
PERAN_KASI_KE_ATAS = (Peran.KASI, Peran.PIMPINAN)
# The admin site: admin kabupaten keeps the kabupaten's data, pimpinan their kecamatan's.
PERAN_ADMIN = (Peran.ADMIN_KABUPATEN, Peran.PIMPINAN)
# SKM data in the admin is read by the kabupaten, the inspectorate and the pimpinan.
PERAN_PEMBACA_SKM = (Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA, Peran.PIMPINAN)
PERAN_IMPOR = (Peran.KASI, Peran.ADMIN_KABUPATEN)
# Targets and indikator tujuan are the kecamatan pimpinan's (never the kabupaten's).
PERAN_PENETAP_TARGET = (Peran.PIMPINAN,)
# The as-of date "dihitung per" is for those who audit or answer for a past figure.
PERAN_HITUNG_PER = (Peran.PIMPINAN, Peran.PEMERIKSA)


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


# --- Pages and menus (docs/DESIGN.md §1) ----------------------------------------------------------------


def boleh_buka_admin(user) -> bool:
    return user.is_active and (user.is_superuser or has_peran(user, *PERAN_ADMIN))


def boleh_cabut_token_pengguna(user) -> bool:
    """An admin kabupaten cuts the API access of their kabupaten's users (a leaked account, a departure)."""
    return user.is_active and (user.is_superuser or has_peran(user, Peran.ADMIN_KABUPATEN))


def token_api_scope(user):
    """The API tokens an admin may see and revoke: those of the non-superuser users of their kabupaten,
    the same users the admin's user list shows."""
    if not boleh_cabut_token_pengguna(user):
        return TokenAPI.objects.none()
    if user.is_superuser:
        return TokenAPI.objects.all()
    scope = kecamatan_scope(user)
    anggota = Q(user__keanggotaan__kecamatan__in=scope) | Q(user__keanggotaan__kabupaten__kecamatan__in=scope)
    return TokenAPI.objects.filter(pk__in=TokenAPI.objects.filter(anggota, user__is_superuser=False).values("pk"))


def boleh_lihat_rekap(user) -> bool:
    """The kabupaten-wide recap and dashboard are for kabupaten roles."""
    return user.is_superuser or has_peran(user, *PERAN_KABUPATEN)


def boleh_hitung_per(user) -> bool:
    """Pemeriksa and pimpinan may ask for a figure as it stood on a past date."""
    return user.is_superuser or has_peran(user, *PERAN_HITUNG_PER)


def boleh_atur_target(user) -> bool:
    """The target and indikator tujuan page is the pimpinan's."""
    return has_peran(user, *PERAN_PENETAP_TARGET)


def boleh_atur_target_kecamatan(user, kecamatan) -> bool:
    """Setting a target or a nilai tujuan: a pimpinan, for a kecamatan in their scope."""
    return boleh_atur_target(user) and kecamatan_scope(user).filter(pk=kecamatan.pk).exists()


def boleh_ubah_katalog(user) -> bool:
    """docs/DESIGN.md §2.1: the catalogue is shared by all kecamatan and edited only by admin kabupaten."""
    return has_peran(user, Peran.ADMIN_KABUPATEN)


def boleh_ubah_dokumen_iku(user) -> bool:
    return has_peran(user, Peran.ADMIN_KABUPATEN)


def boleh_kelola_profil(user) -> bool:
    """Pejabat and seksi of the profile page are kept (in the admin) by pimpinan and admin kabupaten."""
    return has_peran(user, *PERAN_ADMIN)


def boleh_impor(user) -> bool:
    return user is not None and user.is_authenticated and has_peran(user, *PERAN_IMPOR)


def boleh_impor_semua_seksi(user) -> bool:
    """The kabupaten admin imports bukti for any seksi; a kasi only as ``kasi_atas_kegiatan`` says."""
    return has_peran(user, Peran.ADMIN_KABUPATEN)


def boleh_tulis_dokumen_desa(user) -> bool:
    """Kasi and pimpinan enter the desa documents (RKPDes, APBDes, LPPDes)."""
    return has_peran(user, *PERAN_KASI_KE_ATAS)


def desa_operator_id(user) -> int | None:
    """The desa a desa operator answers for (docs/DESIGN.md §2.7); ``None`` for every other role."""
    keanggotaan = keanggotaan_of(user)
    if keanggotaan is None or keanggotaan.peran != Peran.OPERATOR_DESA or not user.is_active:
        return None
    return keanggotaan.desa_id


def boleh_ajukan_dokumen_desa(user, desa) -> bool:
    """A desa operator hands in the documents of its own desa, and of no other."""
    return desa_operator_id(user) is not None and desa_operator_id(user) == desa.pk and not desa.is_kelurahan


def boleh_putus_pengajuan(user, kecamatan_id: int) -> bool:
    """Accepting or returning a desa's submission: a kasi or pimpinan of that desa's kecamatan."""
    keanggotaan = keanggotaan_of(user)
    return (
        boleh_tulis_dokumen_desa(user)
        and keanggotaan is not None
        and keanggotaan.kecamatan_id == kecamatan_id
        and user.is_active
    )


def boleh_kelola_operator_desa(user) -> bool:
    """The page of desa operators: the admin kabupaten and the pimpinan (each for a desa of their scope)."""
    return has_peran(user, *PERAN_ADMIN)


def boleh_pakai_api(user) -> bool:
    """Personal API tokens are for the kecamatan and kabupaten roles: a desa operator works on its own
    page (docs/DESIGN.md §2.7), and nothing of the API is in its scope."""
    return user.is_authenticated and user.is_active and desa_operator_id(user) is None


ALASAN_KELOLA_OPERATOR = "Hanya admin kabupaten atau pimpinan kecamatan desa ini yang mengatur operatornya."


def boleh_buat_operator_desa(user, desa) -> bool:
    """docs/DESIGN.md §2.7: the admin kabupaten of the desa's kabupaten, or a pimpinan of its kecamatan."""
    if not user.is_authenticated or not user.is_active or desa.is_kelurahan:
        return False
    if user.is_superuser:
        return True
    keanggotaan = keanggotaan_of(user)
    if keanggotaan is None:
        return False
    if keanggotaan.peran == Peran.PIMPINAN:
        return keanggotaan.kecamatan_id == desa.kecamatan_id
    if keanggotaan.peran == Peran.ADMIN_KABUPATEN:
        return kecamatan_scope(user).filter(pk=desa.kecamatan_id).exists()
    return False


def boleh_tulis_rtl(user, kecamatan) -> bool:
    """The SKM rencana tindak lanjut is written by a kasi of that kecamatan."""
    keanggotaan = keanggotaan_of(user)
    return keanggotaan is not None and keanggotaan.peran == Peran.KASI and keanggotaan.kecamatan_id == kecamatan.pk


def boleh_entri_skm(user) -> bool:
    """Paper questionnaires and their import are entered by the kecamatan's own staff, for their kecamatan."""
    keanggotaan = keanggotaan_of(user)
    return keanggotaan is not None and keanggotaan.kecamatan_id is not None and keanggotaan.peran in PERAN_KECAMATAN


def boleh_sahkan(user, kecamatan) -> bool:
    """docs/DESIGN.md §1: only a pimpinan of that very kecamatan approves its reports (no superuser, no kabupaten)."""
    keanggotaan = keanggotaan_of(user)
    return (
        keanggotaan is not None
        and keanggotaan.peran == Peran.PIMPINAN
        and keanggotaan.kecamatan_id == kecamatan.pk
        and user.is_active
    )


def boleh_kelola_sertifikat(user, kecamatan) -> bool:
    """The kecamatan's pimpinan, or an admin kabupaten whose scope holds it (issue 15)."""
    if not user.is_authenticated or not user.is_active:
        return False
    peran = peran_of(user)
    if peran == Peran.PIMPINAN:
        return keanggotaan_of(user).kecamatan_id == kecamatan.pk
    if peran == Peran.ADMIN_KABUPATEN:
        return kecamatan_scope(user).filter(pk=kecamatan.pk).exists()
    return False


def flag_menu(user) -> dict:
    """The navigation's flags, for the context processor: templates never compare roles themselves."""
    if not user.is_authenticated:
        return {}
    return {
        "boleh_menu_impor": boleh_impor(user),
        "boleh_menu_target": boleh_atur_target(user),
        "boleh_menu_admin": boleh_buka_admin(user),
        "boleh_menu_skm_kertas": boleh_entri_skm(user),
        # A desa operator's menu holds its own desa's page only (docs/DESIGN.md §2.7).
        "menu_operator_desa": desa_operator_id(user) is not None,
        "boleh_menu_rekap_operator": boleh_lihat_rekap(user),
        "boleh_menu_operator_desa": boleh_kelola_operator_desa(user),
    }


# --- The kecamatan app's access functions (docs/DESIGN.md §3.4) ----------------------------------------


def access_sertifikat_kecamatan_by_kode(user, kode: str | None = None) -> Kecamatan | None:
    """The kecamatan whose signatories' certificates a page lists; its pimpinan's or admin kabupaten's (403)."""
    kecamatan = access_kecamatan_by_kode(user, kode)
    if kecamatan is not None and not boleh_kelola_sertifikat(user, kecamatan):
        raise AksesDitolak("Hanya pimpinan kecamatan atau admin kabupaten yang mengelola sertifikat.", objek=kecamatan)
    return kecamatan


KEGIATAN_TIDAK_DITEMUKAN = "Kegiatan tidak ditemukan."
ALASAN_TINDAK_LANJUT = (
    "Hanya kasi seksi kegiatan ini yang dapat mencatat tindak lanjutnya (output dan bukti pendukung)."
)


def _periksa_kegiatan(user, kegiatan, untuk) -> None:
    if untuk == Akses.UBAH and not boleh_ubah_kegiatan(user, kegiatan):
        # The page that refuses says why, with the way back: it needs the kegiatan too.
        raise AksesDitolak(alasan_kegiatan_terkunci(user, kegiatan), objek=kegiatan)
    if untuk == Akses.TINDAK_LANJUT and not boleh_kelola_tindak_lanjut(user, kegiatan):
        raise AksesDitolak(ALASAN_TINDAK_LANJUT, objek=kegiatan)


def access_kegiatan_by_id(user, kegiatan_id, *, untuk=Akses.BACA, as_of=None) -> Kegiatan:
    """One kegiatan of the user's scope, checked for ``untuk`` (BACA, UBAH or TINDAK_LANJUT).

    With ``as_of`` the row carries what the detail page shows as of that date (``ditindaklanjuti``,
    ``jumlah_bukti``...); without, the plain row with its kecamatan, seksi and uraian.
    """
    from kecamatan.selectors import kegiatan_base

    _untuk_dikenal(untuk, Akses.BACA, Akses.UBAH, Akses.TINDAK_LANJUT)
    if as_of is None:
        queryset = Kegiatan.objects.for_user(user).select_related("kecamatan", "seksi", "dibuat_oleh")
    else:
        queryset = kegiatan_base(user=user, as_of=as_of)
    kegiatan = ambil_dalam_lingkup(
        queryset.select_related("uraian__jenis"), pesan=KEGIATAN_TIDAK_DITEMUKAN, pk=kegiatan_id
    )
    _periksa_kegiatan(user, kegiatan, untuk)
    return kegiatan


def access_bukti_by_id(user, kegiatan_id, bukti_id, *, untuk=Akses.BACA) -> BuktiPendukung:
    """One bukti pendukung of one kegiatan of the user's scope (both ids must match, else 404).

    Any write (UBAH or TINDAK_LANJUT: attach a scan, remove) is the kegiatan's tindak lanjut: the kasi's.
    """
    _untuk_dikenal(untuk, Akses.BACA, Akses.UBAH, Akses.TINDAK_LANJUT)
    bukti = ambil_dalam_lingkup(
        BuktiPendukung.objects.for_user(user).select_related("kegiatan", "jenis"),
        pesan="Bukti pendukung tidak ditemukan.",
        kegiatan_id=kegiatan_id,
        pk=bukti_id,
    )
    if untuk != Akses.BACA and not boleh_kelola_tindak_lanjut(user, bukti.kegiatan):
        raise AksesDitolak(ALASAN_TINDAK_LANJUT, objek=bukti)
    return bukti


# Those who may sign a report: Camat and Sekretaris Camat (docs/DESIGN.md §2.5).
JABATAN_PENANDATANGAN = (Pejabat.Jabatan.CAMAT, Pejabat.Jabatan.SEKRETARIS_CAMAT)


def penandatangan_menjabat(pejabat_qs, hari_ini):
    """Of ``pejabat_qs``, those who may sign a report on ``hari_ini``: Camat and Sekretaris Camat in office."""
    return pejabat_qs.filter(jabatan__in=JABATAN_PENANDATANGAN).filter(
        Q(selesai__isnull=True) | Q(selesai__gte=hari_ini)
    )


def access_pejabat_by_id(user, pejabat_id, *, untuk=Akses.BACA, hari_ini=None) -> Pejabat:
    """One pejabat of the user's scope, with its kecamatan.

    ``untuk=Akses.UBAH`` is the certificate upload (issue 15), and there the rule is narrower than
    404-then-403: a pejabat who signs nothing (a Kasi), has left office by ``hari_ini`` (required),
    or whose certificates this user may not manage does not exist for the upload page (404), since a
    certificate stored for them would only wait to be misused.
    """
    _untuk_dikenal(untuk, Akses.BACA, Akses.UBAH)
    queryset = Pejabat.objects.filter(kecamatan__in=kecamatan_scope(user)).select_related("kecamatan")
    if untuk == Akses.UBAH:
        if hari_ini is None:
            raise TypeError("access_pejabat_by_id(untuk=Akses.UBAH) needs hari_ini.")
        queryset = penandatangan_menjabat(queryset, hari_ini)
    pesan = "Pejabat tidak ditemukan."
    pejabat = ambil_dalam_lingkup(queryset, pesan=pesan, pk=pejabat_id)
    if untuk == Akses.UBAH and not boleh_kelola_sertifikat(user, pejabat.kecamatan):
        raise Http404(pesan)
    return pejabat
