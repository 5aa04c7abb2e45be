"""Writes of the desa app. Keyword-only, one transaction each."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from desa.models import DokumenDesa, PengajuanDokumenDesa, pesan_kelurahan
from desa.validation import dokumen_desa_validate
from kecamatan import akses
from wilayah.models import Desa
from wilayah.versi import versi_data_naikkan


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

    try:
        info = validate_upload(berkas)
    except ValidationError as exc:
        # The content, size or type check speaks of the scan: the message belongs at its field.
        raise ValidationError({"berkas": exc.messages}) from None
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
    versi_data_naikkan(kecamatan_ids=[dokumen.desa.kecamatan_id])
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
    dari_pengajuan=None,
) -> DokumenDesa:
    """Record a desa document; a second one for the same (desa, jenis, TA) is refused.

    ``dari_pengajuan``: an accepted submission whose already-checked scan the document takes over.
    """
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
    elif dari_pengajuan is not None and dari_pengajuan.berkas:
        # The stored file was checked when the operator uploaded it; the record points at it, not a copy.
        dokumen.berkas = dari_pengajuan.berkas.name
        dokumen.nama_berkas_asli = dari_pengajuan.nama_berkas_asli
        dokumen.content_type = dari_pengajuan.content_type
        dokumen.ukuran = dari_pengajuan.ukuran
    return _dokumen_desa_simpan(dokumen, user=user)


class DokumenDesaKonflik(Exception):
    """Someone saved the document after this user read it; nothing was written."""


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
    diubah_pada_diharapkan: datetime.datetime | None = None,
) -> DokumenDesa:
    """Correct the date, number, note or scan; the desa, jenis and TA of a document never change.

    With ``diubah_pada_diharapkan`` (the version the writer read, the API's ETag) the stored row is locked and
    compared first: two writers racing past an early check cannot both win.
    """
    _dokumen_desa_check_write(user=user, desa=dokumen.desa)
    if diubah_pada_diharapkan is not None:
        tersimpan = DokumenDesa.objects.select_for_update().filter(pk=dokumen.pk).values_list("diubah_pada", flat=True)
        if next(iter(tersimpan), None) != diubah_pada_diharapkan:
            raise DokumenDesaKonflik()
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
    versi_data_naikkan(kecamatan_ids=[dokumen.desa.kecamatan_id])


# --- Submissions by the desa operator (docs/DESIGN.md §2.7) -----------------------------------------


def _pesan_sudah_tercatat(*, desa, jenis, tahun_anggaran) -> str:
    label = DokumenDesa.Jenis(jenis).label
    return f"{label} TA {tahun_anggaran} untuk {desa} sudah tercatat di kecamatan; tidak perlu diajukan lagi."


@transaction.atomic
def pengajuan_create(
    *,
    user,
    desa: Desa,
    jenis: str,
    tahun_anggaran: int,
    tanggal: datetime.date,
    nomor: str,
    berkas,
    hari_ini: datetime.date,
) -> PengajuanDokumenDesa:
    """The desa operator hands in one document with its scan; it waits for the kasi and counts only once accepted."""
    if not akses.boleh_ajukan_dokumen_desa(user, desa):
        raise PermissionDenied("Hanya operator desa ini yang boleh mengajukan dokumennya.")
    if jenis not in DokumenDesa.Jenis.values:
        raise ValidationError({"jenis": "Jenis dokumen tidak dikenal."})
    dokumen_desa_validate(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tanggal=tanggal, today=hari_ini)
    if not berkas:
        raise ValidationError({"berkas": "Lampirkan pindaian dokumennya."})
    if DokumenDesa.objects.filter(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran).exists():
        raise ValidationError(_pesan_sudah_tercatat(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran))
    pengajuan = PengajuanDokumenDesa(
        desa=desa,
        jenis=jenis,
        tahun_anggaran=tahun_anggaran,
        tanggal=tanggal,
        nomor=nomor.strip(),
        diajukan_oleh=user,
    )
    _berkas_apply(pengajuan, berkas)
    pengajuan._history_user = user
    pengajuan.full_clean(exclude=["berkas"])
    try:
        with transaction.atomic():
            pengajuan.save()
    except IntegrityError:
        # The scan was written to storage before the row lost the race: leave no file without its record.
        pengajuan.berkas.delete(save=False)
        raise ValidationError("Dokumen ini sudah diajukan dan sedang menunggu pemeriksaan kasi.") from None
    return pengajuan


def _pengajuan_check_putus(*, user, pengajuan: PengajuanDokumenDesa) -> None:
    if not akses.boleh_putus_pengajuan(user, pengajuan.desa.kecamatan_id):
        raise PermissionDenied("Hanya kasi dan pimpinan kecamatan desa ini yang memeriksa pengajuannya.")
    if pengajuan.status != PengajuanDokumenDesa.Status.MENUNGGU:
        raise ValidationError(f"Pengajuan ini sudah {pengajuan.get_status_display().lower()}.")


def _pengajuan_kunci(pengajuan: PengajuanDokumenDesa) -> PengajuanDokumenDesa:
    # Two kasi clicking at once: the second waits for the first and then sees its decision.
    return PengajuanDokumenDesa.objects.select_for_update().select_related("desa__kecamatan").get(pk=pengajuan.pk)


@transaction.atomic
def pengajuan_terima(*, user, pengajuan: PengajuanDokumenDesa, hari_ini: datetime.date) -> DokumenDesa:
    """Accept: the document is recorded through ``dokumen_desa_create`` with the submission's own date,
    so it counts exactly as a kasi's entry does (docs/DESIGN.md §2.3, §2.7)."""
    pengajuan = _pengajuan_kunci(pengajuan)
    _pengajuan_check_putus(user=user, pengajuan=pengajuan)
    if DokumenDesa.objects.filter(
        desa=pengajuan.desa, jenis=pengajuan.jenis, tahun_anggaran=pengajuan.tahun_anggaran
    ).exists():
        raise ValidationError(
            _pesan_sudah_tercatat(desa=pengajuan.desa, jenis=pengajuan.jenis, tahun_anggaran=pengajuan.tahun_anggaran)
            + " Kembalikan pengajuan ini dengan alasannya."
        )
    dokumen = dokumen_desa_create(
        user=user,
        desa=pengajuan.desa,
        jenis=pengajuan.jenis,
        tahun_anggaran=pengajuan.tahun_anggaran,
        tanggal=pengajuan.tanggal,
        nomor=pengajuan.nomor,
        catatan=f"Diajukan oleh operator desa ({pengajuan.diajukan_oleh.get_username()}).",
        hari_ini=hari_ini,
        dari_pengajuan=pengajuan,
    )
    pengajuan.status = PengajuanDokumenDesa.Status.DITERIMA
    pengajuan.diputus_oleh = user
    pengajuan.diputus_pada = timezone.now()
    pengajuan.dokumen = dokumen
    pengajuan._history_user = user
    pengajuan.save()
    return dokumen


@transaction.atomic
def pengajuan_kembalikan(*, user, pengajuan: PengajuanDokumenDesa, alasan: str) -> PengajuanDokumenDesa:
    """Return with a reason the operator reads; a returned submission never counts."""
    pengajuan = _pengajuan_kunci(pengajuan)
    _pengajuan_check_putus(user=user, pengajuan=pengajuan)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan pengembaliannya agar operator desa dapat memperbaikinya."})
    pengajuan.status = PengajuanDokumenDesa.Status.DIKEMBALIKAN
    pengajuan.alasan = alasan
    pengajuan.diputus_oleh = user
    pengajuan.diputus_pada = timezone.now()
    pengajuan._history_user = user
    pengajuan.save()
    return pengajuan
