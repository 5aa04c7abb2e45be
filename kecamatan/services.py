"""Writes of the kecamatan app: each one a transaction, with its permission check and audit here.

The audit trail is django-simple-history; every service names the acting user
on the instance (``_history_user``) so records made outside a request (demo
data, imports) carry the right name too.
"""

import datetime
import logging
import secrets
import string
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from kecamatan import akses
from kecamatan.berkas import validate_upload
from kecamatan.models import BuktiPendukung, JenisBukti, Keanggotaan, Kegiatan, Seksi, TokenAPI, UraianAktivitas
from kecamatan.models.token import PANJANG_PREFIX, token_digest
from kecamatan.validation import kegiatan_validate
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_naikkan, versi_data_naikkan_semua

# The security log (iku_project/audit.py): who made or revoked which API token, from where.
log_keamanan = logging.getLogger("iku.keamanan")


class KonflikVersi(Exception):
    """Someone saved the kegiatan after this user opened it; nothing was written."""

    def __init__(self, kegiatan_terbaru: Kegiatan):
        self.kegiatan_terbaru = kegiatan_terbaru
        super().__init__("Kegiatan telah diubah oleh orang lain.")


def _claim_versi(*, kegiatan: Kegiatan, versi: int) -> int:
    """Bump the version only if it is still the one the user read; the row stays locked until commit.

    The check lives in the UPDATE's WHERE clause, so two concurrent saves cannot both pass it.
    """
    claimed = Kegiatan.objects.filter(pk=kegiatan.pk, versi=versi).update(versi=F("versi") + 1)
    if claimed != 1:
        raise KonflikVersi(Kegiatan.objects.select_related("seksi").get(pk=kegiatan.pk))
    # The caller sets it on its instance only once every check passed: a rollback must not leave it bumped.
    return versi + 1


@transaction.atomic
def kegiatan_create(
    *,
    user,
    uraian: UraianAktivitas,
    tanggal: datetime.date,
    status: str,
    seksi: Seksi | None = None,
    desa: Iterable = (),
    keterangan: str = "",
    hari_ini: datetime.date | None = None,
) -> Kegiatan:
    if not akses.boleh_catat_kegiatan(user):
        raise PermissionDenied("Hanya staf dan kasi yang dapat mencatat kegiatan.")
    kecamatan = Kecamatan.objects.get(pk=user.keanggotaan.kecamatan_id)
    desa = list(desa)
    kegiatan_validate(
        kecamatan=kecamatan,
        data={"uraian": uraian, "tanggal": tanggal, "status": status, "seksi": seksi, "desa": desa},
        today=hari_ini or timezone.localdate(),
    )
    kegiatan = Kegiatan(
        kecamatan=kecamatan,
        tanggal=tanggal,
        status=status,
        seksi=seksi,
        keterangan=keterangan.strip(),
        dibuat_oleh=user,
    )
    kegiatan.snapshot_katalog(uraian)
    kegiatan._history_user = user
    kegiatan.save()
    if desa:
        _desa_set_into_creation_record(kegiatan=kegiatan, desa=desa)
    versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
    return kegiatan


def _desa_set_into_creation_record(*, kegiatan: Kegiatan, desa: list) -> None:
    """Attach the desa to the "created" history record instead of logging a second "changed" one.

    django-simple-history snapshots m2m rows when a record is made; on creation
    the row must exist before the desa can be linked, so the snapshot is completed here.
    """
    kegiatan.skip_history_when_saving = True
    try:
        kegiatan.desa.set(desa)
    finally:
        del kegiatan.skip_history_when_saving
    record = kegiatan.history.order_by("-history_id").first()
    snapshot = record.desa.model
    through_rows = Kegiatan.desa.through.objects.filter(kegiatan=kegiatan)
    snapshot.objects.bulk_create(
        [snapshot(history=record, id=row.pk, kegiatan_id=row.kegiatan_id, desa_id=row.desa_id) for row in through_rows]
    )


@transaction.atomic
def kegiatan_update(
    *,
    user,
    kegiatan: Kegiatan,
    versi: int,
    uraian: UraianAktivitas,
    tanggal: datetime.date,
    status: str,
    seksi: Seksi | None = None,
    desa: Iterable = (),
    keterangan: str = "",
    hari_ini: datetime.date | None = None,
) -> Kegiatan:
    """Edit the kegiatan's facts; raises ``KonflikVersi`` if it changed since ``versi`` was read."""
    if not akses.boleh_ubah_kegiatan(user, kegiatan):
        raise PermissionDenied("Anda tidak dapat mengubah kegiatan ini.")
    ganti_uraian = uraian.pk != kegiatan.uraian_id
    desa = list(desa)
    today = hari_ini or timezone.localdate()
    data = {"tanggal": tanggal, "status": status, "seksi": seksi, "desa": desa}
    # A retired uraian stays on the kegiatan that already uses it: only a new one is judged.
    kegiatan_validate(
        kecamatan=kegiatan.kecamatan, data=data | ({"uraian": uraian} if ganti_uraian else {}), today=today
    )
    versi_baru = _claim_versi(kegiatan=kegiatan, versi=versi)
    # Checked again on the locked, current row: an output may have been recorded meanwhile.
    current = Kegiatan.objects.select_related("kecamatan").get(pk=kegiatan.pk)
    if not akses.boleh_ubah_kegiatan(user, current):
        raise PermissionDenied("Anda tidak dapat mengubah kegiatan ini.")
    kegiatan_validate(kecamatan=current.kecamatan, data=data, today=today, tersimpan=current)
    if ganti_uraian:
        current.snapshot_katalog(uraian)
    current.versi = versi_baru
    current.tanggal = tanggal
    current.status = status
    current.seksi = seksi
    current.keterangan = keterangan.strip()
    # The desa change goes into the same history record as the other fields (saved below).
    current.skip_history_when_saving = True
    try:
        current.desa.set(desa)
    finally:
        del current.skip_history_when_saving
    current._history_user = user
    current.save()
    versi_data_naikkan(kecamatan_ids=[current.kecamatan_id])
    return current


@transaction.atomic
def kegiatan_output_record(
    *,
    user,
    kegiatan: Kegiatan,
    versi: int,
    output: str,
    tanggal_output: datetime.date | None,
    hari_ini: datetime.date | None = None,
) -> Kegiatan:
    """Record (or clear, with both empty) the output of a carried-out kegiatan."""
    if not akses.boleh_kelola_tindak_lanjut(user, kegiatan):
        raise PermissionDenied("Hanya kasi seksi ini yang dapat mencatat output.")
    versi_baru = _claim_versi(kegiatan=kegiatan, versi=versi)
    # Judged on the locked, current row (its status and date); a refusal rolls the version back.
    current = Kegiatan.objects.select_related("kecamatan").get(pk=kegiatan.pk)
    output = kegiatan_validate(
        kecamatan=current.kecamatan,
        data={"output": output, "tanggal_output": tanggal_output},
        today=hari_ini or timezone.localdate(),
        tersimpan=current,
    )["output"]
    current.versi = versi_baru
    current.output = output
    current.tanggal_output = tanggal_output
    current._history_user = user
    current.save(update_fields=["output", "tanggal_output", "versi", "diubah_pada"])
    versi_data_naikkan(kecamatan_ids=[current.kecamatan_id])
    kegiatan.output, kegiatan.tanggal_output, kegiatan.versi = current.output, current.tanggal_output, versi_baru
    return current


@transaction.atomic
def bukti_create(
    *,
    user,
    kegiatan: Kegiatan,
    jenis: JenisBukti,
    nomor: str,
    tanggal: datetime.date,
    berkas=None,
) -> BuktiPendukung:
    """Attach a bukti; ``berkas`` (an UploadedFile) is checked by its bytes and stored under a generated name."""
    if not akses.boleh_kelola_tindak_lanjut(user, kegiatan):
        raise PermissionDenied("Hanya kasi seksi ini yang dapat mengunggah bukti pendukung.")
    if not jenis.aktif:
        raise ValidationError({"jenis": "Jenis bukti ini tidak aktif."})
    bukti = BuktiPendukung(kegiatan=kegiatan, jenis=jenis, nomor=nomor.strip(), tanggal=tanggal, diunggah_oleh=user)
    _simpan_dengan_berkas(bukti=bukti, berkas=berkas, user=user)
    return bukti


@transaction.atomic
def bukti_berkas_attach(*, user, bukti: BuktiPendukung, berkas) -> BuktiPendukung:
    """Attach the scan to a bukti registered without one (e.g. imported from a workbook)."""
    if not akses.boleh_kelola_tindak_lanjut(user, bukti.kegiatan):
        raise PermissionDenied("Hanya kasi seksi ini yang dapat melampirkan berkas bukti pendukung.")
    locked = BuktiPendukung.objects.select_for_update().get(pk=bukti.pk)
    if locked.dihapus_pada is not None:
        raise ValidationError({"berkas": "Bukti ini sudah dihapus."})
    if locked.berkas:
        raise ValidationError({"berkas": "Bukti ini sudah memiliki berkas; unggah sebagai bukti baru bila perlu."})
    _simpan_dengan_berkas(bukti=locked, berkas=berkas, user=user)
    return locked


def _simpan_dengan_berkas(*, bukti: BuktiPendukung, berkas, user) -> None:
    if berkas is not None:
        info = validate_upload(berkas)
        bukti.nama_berkas_asli = (berkas.name or "")[-255:]
        bukti.content_type = info.content_type
        bukti.ukuran = info.size
        # Only the detected extension reaches upload_to; the user's name never becomes a path.
        bukti.berkas.save(f"berkas.{info.extension}", berkas, save=False)
    bukti._history_user = user
    try:
        bukti.save()
    except Exception:
        # A failed write must not leave an orphan scan in storage.
        if bukti.berkas:
            bukti.berkas.storage.delete(bukti.berkas.name)
        raise
    # The scan is listed in the Laporan's Lampiran; a new bukti may make the kegiatan followed up.
    versi_data_naikkan(kecamatan_ids=[bukti.kegiatan.kecamatan_id])


@transaction.atomic
def bukti_remove(*, user, bukti: BuktiPendukung) -> BuktiPendukung:
    """Soft removal: the row, its file and its history stay; it no longer counts."""
    if not akses.boleh_kelola_tindak_lanjut(user, bukti.kegiatan):
        raise PermissionDenied("Hanya kasi seksi ini yang dapat menghapus bukti pendukung.")
    locked = BuktiPendukung.objects.select_for_update().get(pk=bukti.pk)
    if locked.dihapus_pada is not None:
        return locked
    locked.dihapus_oleh = user
    locked.dihapus_pada = timezone.now()
    locked._history_user = user
    locked.save(update_fields=["dihapus_oleh", "dihapus_pada"])
    versi_data_naikkan(kecamatan_ids=[locked.kegiatan.kecamatan_id])
    return locked


# --- Katalog ---------------------------------------------------------------------------------


@transaction.atomic
def katalog_aktif_set(*, user, entri: Iterable, aktif: bool) -> int:
    """Retire catalogue entries or bring them back; returns how many changed.

    Each change is saved with its own history record naming the user (docs/DESIGN.md §2.1): a bulk
    ``update()`` would leave the catalogue's history silent about who retired what, and when.
    """
    if not akses.boleh_ubah_katalog(user):
        raise PermissionDenied("Hanya admin kabupaten yang dapat mengubah katalog.")
    berubah = 0
    for item in entri:
        if item.aktif == aktif:
            continue
        item.aktif = aktif
        item._history_user = user
        item.save(update_fields=["aktif"])
        berubah += 1
    if berubah:
        # The catalogue is shared: which entries are active decides what every kecamatan may count.
        versi_data_naikkan_semua()
    return berubah


# --- Kata sandi ------------------------------------------------------------------------------


@transaction.atomic
def pengguna_wajib_ganti_sandi(*, user, sekarang: datetime.datetime) -> None:
    """An account created by an admin carries a password someone else knows: its owner must
    choose their own at the first login (``kecamatan.middleware.WajibGantiSandiMiddleware``).

    An admin resetting a leaked account cuts its API access too: the user's tokens are revoked, and the
    API refuses any token while the obligation stands (``kecamatan.api.auth``)."""
    Keanggotaan.objects.filter(user=user).update(wajib_ganti_sandi=True)
    for token in (
        TokenAPI.objects.select_for_update().select_related("user").filter(user=user, dicabut_pada__isnull=True)
    ):
        token.dicabut_pada = sekarang
        token.save(update_fields=["dicabut_pada"])
        _log_token_dicabut(token, oleh="wajib-ganti-sandi", ip=None)


def pengguna_sandi_diganti(*, user) -> None:
    """The owner chose their own password (changed, or reset by email): lift the obligation."""
    Keanggotaan.objects.filter(user=user, wajib_ganti_sandi=True).update(wajib_ganti_sandi=False)
    keanggotaan = getattr(user, "keanggotaan", None) if user.is_authenticated else None
    if keanggotaan is not None:
        keanggotaan.wajib_ganti_sandi = False


@sensitive_variables("frasa_sandi")
@transaction.atomic
def sertifikat_pejabat_unggah(*, user, pejabat, berkas, frasa_sandi: str, sekarang: datetime.datetime):
    """Store ``pejabat``'s PKCS#12 file after checking that it opens with ``frasa_sandi`` (never stored).

    A second upload replaces the first; the old file is removed once the new row is committed.
    """
    from kecamatan.models import SertifikatPejabat
    from kecamatan.sertifikat import pkcs12_periksa

    if not akses.boleh_kelola_sertifikat(user, pejabat.kecamatan):
        raise PermissionDenied("Hanya pimpinan kecamatan ini atau admin kabupaten yang boleh mengunggah sertifikat.")
    berkas.seek(0)
    data = berkas.read(settings.IKU_TTE_PKCS12_MAX_BYTES + 1)
    info = pkcs12_periksa(data, frasa_sandi, sekarang=sekarang)
    sertifikat = SertifikatPejabat.objects.select_for_update().filter(pejabat=pejabat).first()
    lama = sertifikat.berkas.name if sertifikat is not None else None
    if sertifikat is None:
        sertifikat = SertifikatPejabat(pejabat=pejabat)
    for nama, nilai in vars(info).items():
        setattr(sertifikat, nama, nilai)
    sertifikat.diunggah_oleh = user
    sertifikat.diunggah_pada = sekarang
    sertifikat.berkas.save("sertifikat.p12", ContentFile(data), save=False)
    baru = sertifikat.berkas.name
    try:
        sertifikat.save()
    except Exception:
        sertifikat.berkas.storage.delete(baru)
        raise
    # The signature block of the reports shows whether the pejabat can sign electronically.
    versi_data_naikkan(kecamatan_ids=[pejabat.kecamatan_id])
    if lama:
        storage = sertifikat.berkas.storage
        transaction.on_commit(lambda: storage.delete(lama))
    return sertifikat


# --- Operator desa (docs/DESIGN.md §2.7) ------------------------------------------------------------------


@sensitive_variables("sandi")
@transaction.atomic
def operator_desa_create(*, oleh, desa, username: str, sandi: str, email: str = "", nama: str = ""):
    """A desa operator's account, made by the admin kabupaten or a pimpinan of the desa's kecamatan.

    A kelurahan has no operator. The password is the creator's: the operator chooses its own at the first login.
    """
    from django.contrib.auth import get_user_model

    from kecamatan.models.akses import keanggotaan_lingkup_validate

    keanggotaan_lingkup_validate(peran=akses.Peran.OPERATOR_DESA, kecamatan_id=desa.kecamatan_id, desa=desa)
    if not akses.boleh_buat_operator_desa(oleh, desa):
        raise PermissionDenied("Hanya admin kabupaten atau pimpinan kecamatan desa ini yang membuat operator desa.")
    user = get_user_model()(username=username.strip(), email=email.strip(), first_name=nama.strip()[:150])
    user.set_password(sandi)
    user.full_clean()
    user.save()
    keanggotaan = Keanggotaan(
        user=user, peran=akses.Peran.OPERATOR_DESA, kecamatan_id=desa.kecamatan_id, desa=desa, wajib_ganti_sandi=True
    )
    keanggotaan.full_clean()
    keanggotaan.save()
    return user


@transaction.atomic
def operator_desa_aktif_set(*, oleh, keanggotaan: Keanggotaan, aktif: bool) -> None:
    """Switch a desa operator's account off (an operator left the desa office) or on again. The account and
    its submissions stay, for the history; an inactive user can neither log in nor keep a session."""
    if keanggotaan.peran != akses.Peran.OPERATOR_DESA:
        raise PermissionDenied("Hanya akun operator desa yang diatur di sini.")
    if not akses.boleh_buat_operator_desa(oleh, keanggotaan.desa):
        raise PermissionDenied(akses.ALASAN_KELOLA_OPERATOR)
    user = keanggotaan.user
    if user.is_active != aktif:
        user.is_active = aktif
        user.save(update_fields=["is_active"])


# --- Token API (docs/DESIGN.md §3.6) ---------------------------------------------------------------------

AWALAN_TOKEN = "iku_"
# Active tokens a user may hold at once: enough for each integration its own, few enough to review.
TOKEN_AKTIF_MAKS = 10


def _log_token_dicabut(token, *, oleh: str, ip: str | None) -> None:
    log_keamanan.info(
        "token api dicabut user=%s token=%s oleh=%s ip=%s", token.user.get_username(), token.prefix, oleh, ip or "-"
    )


def token_api_create(*, user, nama: str, berlaku_hari: int, sekarang: datetime.datetime, ip: str | None = None):
    """A new personal API token: returns (the row, the token in clear), which is shown once and never stored."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Masuk terlebih dahulu untuk membuat token API.")
    if not akses.boleh_pakai_api(user):
        raise PermissionDenied("Operator desa tidak memakai token API: ajukan dokumen lewat halaman Dokumen desa saya.")
    if not 1 <= berlaku_hari <= settings.IKU_API_TOKEN_MAKS_HARI:
        raise ValidationError({"berlaku_hari": f"Masa berlaku 1 sampai {settings.IKU_API_TOKEN_MAKS_HARI} hari."})
    huruf = string.ascii_lowercase + string.digits
    with transaction.atomic():
        # The user's row serialises two creates racing past the count.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if TokenAPI.objects.berlaku(sekarang).filter(user=user).count() >= TOKEN_AKTIF_MAKS:
            raise ValidationError(
                {"nama": f"Anda sudah memiliki {TOKEN_AKTIF_MAKS} token aktif. Cabut token yang tidak dipakai dahulu."}
            )
        while True:
            prefix = "".join(secrets.choice(huruf) for _ in range(PANJANG_PREFIX))
            if not TokenAPI.objects.filter(prefix=prefix).exists():
                break
        token = f"{AWALAN_TOKEN}{prefix}_{secrets.token_urlsafe(32)}"
        baris = TokenAPI.objects.create(
            user=user,
            nama=nama.strip()[:100] or "Token API",
            prefix=prefix,
            digest=token_digest(token),
            dibuat_pada=sekarang,
            kedaluwarsa_pada=sekarang + datetime.timedelta(days=berlaku_hari),
        )
    log_keamanan.info("token api dibuat user=%s token=%s ip=%s", user.get_username(), prefix, ip or "-")
    return baris, token


def token_api_find(*, token: str, sekarang: datetime.datetime):
    """The valid token row for ``token`` in clear, or None (unknown, wrong secret, expired or revoked)."""
    if not token.startswith(AWALAN_TOKEN):
        return None
    prefix = token[len(AWALAN_TOKEN) : len(AWALAN_TOKEN) + PANJANG_PREFIX]
    baris = TokenAPI.objects.select_related("user__keanggotaan").filter(prefix=prefix).first()
    if baris is None or not baris.cocok(token) or not baris.berlaku_pada(sekarang):
        return None
    return baris


def token_api_used(*, token, sekarang: datetime.datetime) -> None:
    """Record the last use, at most once a minute per token: a busy client must not write on every call."""
    if token.terakhir_dipakai is None or sekarang - token.terakhir_dipakai >= datetime.timedelta(minutes=1):
        TokenAPI.objects.filter(pk=token.pk).update(terakhir_dipakai=sekarang)
        token.terakhir_dipakai = sekarang


@transaction.atomic
def token_api_revoke_by_admin(
    *, admin, token_pks: Iterable[int], sekarang: datetime.datetime, ip: str | None = None
) -> int:
    """An admin revokes other users' tokens, only within their kabupaten; returns how many were revoked."""
    if not akses.boleh_cabut_token_pengguna(admin):
        raise PermissionDenied("Hanya admin kabupaten yang dapat mencabut token API pengguna.")
    baris = list(
        akses.token_api_scope(admin)
        .select_for_update()
        .select_related("user")
        .filter(pk__in=list(token_pks), dicabut_pada__isnull=True)
    )
    for token in baris:
        token.dicabut_pada = sekarang
        token.save(update_fields=["dicabut_pada"])
        _log_token_dicabut(token, oleh=admin.get_username(), ip=ip)
    return len(baris)


@transaction.atomic
def token_api_revoke(*, user, token_pk: int, sekarang: datetime.datetime, ip: str | None = None):
    """Revoke one of the user's own tokens; another user's id is a 404 like an unknown one."""
    baris = get_object_or_404(TokenAPI.objects.select_for_update(), pk=token_pk, user=user)
    if baris.dicabut_pada is None:
        baris.dicabut_pada = sekarang
        baris.save(update_fields=["dicabut_pada"])
        _log_token_dicabut(baris, oleh=user.get_username(), ip=ip)
    return baris
