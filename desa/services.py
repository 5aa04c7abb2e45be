"""Writes of the desa app. Keyword-only, one transaction each."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from desa.models import DokumenDesa, pesan_kelurahan
from desa.validation import dokumen_desa_validate
from kecamatan import akses
from wilayah.models import Desa


def _dokumen_desa_check_write(*, user, desa: Desa) -> None:
    """The one place that decides who may write a desa document, and for which desa."""
    if not akses.boleh_tulis_dokumen_desa(user):
        raise PermissionDenied("Hanya kasi dan pimpinan kecamatan yang boleh mengisi dokumen desa.")
    # Views already answer 404 outside the user's scope; this guards every other caller.
    if not Desa.objects.for_user(user).filter(pk=desa.pk).exists():
        raise PermissionDenied("Desa ini di luar kecamatan Anda.")
    if desa.is_kelurahan:
        raise ValidationError(pesan_kelurahan(desa))


def _pesan_duplikat(*, desa, jenis, tahun_anggaran) -> str:
    label = DokumenDesa.Jenis(jenis).label
    return (
        f"{label} TA {tahun_anggaran} untuk {desa} sudah tercatat. "
        "Ubah data yang sudah ada; satu desa hanya punya satu dokumen per tahun anggaran."
    )


def _berkas_apply(dokumen: DokumenDesa, berkas) -> None:
    from kecamatan.berkas import validate_upload

    info = validate_upload(berkas)
    dokumen.nama_berkas_asli = (berkas.name or "")[:255]
    # Only the detected type names the stored file; the user's name is kept aside for downloads.
    berkas.name = f"pindaian.{info.extension}"
    dokumen.berkas = berkas
    dokumen.content_type = info.content_type
    dokumen.ukuran = info.size


def _dokumen_desa_simpan(dokumen: DokumenDesa, *, user) -> DokumenDesa:
    dokumen.diubah_oleh = user
    dokumen._history_user = user  # audit also outside a request (commands, shell)
    dokumen.full_clean()
    try:
        # A savepoint, so a lost race with another writer leaves the outer transaction usable.
        with transaction.atomic():
            dokumen.save()
    except IntegrityError:
        raise ValidationError(
            _pesan_duplikat(desa=dokumen.desa, jenis=dokumen.jenis, tahun_anggaran=dokumen.tahun_anggaran)
        ) from None
    return dokumen


@transaction.atomic
def dokumen_desa_create(
    *,
    user,
    desa: Desa,
    jenis: str,
    tahun_anggaran: int,
    tanggal: datetime.date,
    nomor: str = "",
    catatan: str = "",
    berkas=None,
    hari_ini: datetime.date | None = None,
) -> DokumenDesa:
    """Record a desa document; a second one for the same (desa, jenis, TA) is refused."""
    _dokumen_desa_check_write(user=user, desa=desa)
    dokumen_desa_validate(
        desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tanggal=tanggal, today=hari_ini or timezone.localdate()
    )
    if DokumenDesa.objects.filter(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran).exists():
        raise ValidationError(_pesan_duplikat(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran))
    dokumen = DokumenDesa(
        desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tanggal=tanggal, nomor=nomor.strip(), catatan=catatan
    )
    if berkas:
        _berkas_apply(dokumen, berkas)
    return _dokumen_desa_simpan(dokumen, user=user)


@transaction.atomic
def dokumen_desa_update(
    *,
    user,
    dokumen: DokumenDesa,
    tanggal: datetime.date,
    nomor: str = "",
    catatan: str = "",
    berkas=None,
    hari_ini: datetime.date | None = None,
) -> DokumenDesa:
    """Correct the date, number, note or scan; the desa, jenis and TA of a document never change."""
    _dokumen_desa_check_write(user=user, desa=dokumen.desa)
    dokumen_desa_validate(
        desa=dokumen.desa,
        jenis=dokumen.jenis,
        tahun_anggaran=dokumen.tahun_anggaran,
        tanggal=tanggal,
        today=hari_ini or timezone.localdate(),
    )
    dokumen.tanggal = tanggal
    dokumen.nomor = nomor.strip()
    dokumen.catatan = catatan
    if berkas:
        _berkas_apply(dokumen, berkas)
    return _dokumen_desa_simpan(dokumen, user=user)


@transaction.atomic
def dokumen_desa_delete(*, user, dokumen: DokumenDesa) -> None:
    """Remove a document entered by mistake; its history stays, and so does its scan file."""
    _dokumen_desa_check_write(user=user, desa=dokumen.desa)
    dokumen._history_user = user
    dokumen.delete()
