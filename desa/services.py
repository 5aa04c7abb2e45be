"""Writes of the desa app. Keyword-only, one transaction each."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from desa.models import Desa, DokumenDesa, jenis_dari_kode, pesan_kelurahan
from desa.wilayah import rows_under
from kecamatan import akses
from kecamatan.models import Kabupaten, Kecamatan, Provinsi


@dataclass
class HasilImportWilayah:
    dibuat: dict[str, int] = field(default_factory=dict)
    diubah: dict[str, int] = field(default_factory=dict)
    kecamatan: list[Kecamatan] = field(default_factory=list)

    @property
    def ada_perubahan(self):
        return any(self.dibuat.values()) or any(self.diubah.values())


def _upsert(model, rows, *, build, tingkat, hasil):
    """Create the missing codes and rename the changed ones, in bulk."""
    existing = {obj.kode: obj for obj in model.objects.filter(kode__in=[r.kode for r in rows])}
    to_create, to_update = [], []
    for row in rows:
        obj = existing.get(row.kode)
        if obj is None:
            to_create.append(build(row))
        elif obj.nama != row.nama:
            obj.nama = row.nama
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=2000)
    model.objects.bulk_update(to_update, ["nama"], batch_size=2000)
    hasil.dibuat[tingkat] = len(to_create)
    hasil.diubah[tingkat] = len(to_update)
    return {obj.kode: obj for obj in model.objects.filter(kode__in=[r.kode for r in rows])}


@transaction.atomic
def wilayah_import(*, kode: str) -> HasilImportWilayah:
    """Load a provinsi, kabupaten or kecamatan and everything under it.

    Idempotent: a second run changes nothing; a renamed region is updated in
    place, keyed by its code. Raises ``KodeWilayahTidakDikenal`` before any
    write when the code is unknown.
    """
    rows = rows_under(kode)
    by_tingkat: dict[str, list] = {"provinsi": [], "kabupaten": [], "kecamatan": [], "desa": []}
    for row in rows:
        by_tingkat[row.tingkat].append(row)

    hasil = HasilImportWilayah()
    parent = lambda code: code.rsplit(".", 1)[0]  # noqa: E731

    provinsi = _upsert(
        Provinsi,
        by_tingkat["provinsi"],
        build=lambda r: Provinsi(kode=r.kode, nama=r.nama),
        tingkat="provinsi",
        hasil=hasil,
    )
    kabupaten = _upsert(
        Kabupaten,
        by_tingkat["kabupaten"],
        build=lambda r: Kabupaten(kode=r.kode, nama=r.nama, provinsi=provinsi[parent(r.kode)]),
        tingkat="kabupaten",
        hasil=hasil,
    )
    kecamatan = _upsert(
        Kecamatan,
        by_tingkat["kecamatan"],
        build=lambda r: Kecamatan(kode=r.kode, nama=r.nama, kabupaten=kabupaten[parent(r.kode)]),
        tingkat="kecamatan",
        hasil=hasil,
    )

    def build_desa(row):
        desa = Desa(kode=row.kode, nama=row.nama, kecamatan=kecamatan[parent(row.kode)])
        desa.jenis = jenis_dari_kode(row.kode)
        return desa

    _upsert(Desa, by_tingkat["desa"], build=build_desa, tingkat="desa", hasil=hasil)
    hasil.kecamatan = sorted(kecamatan.values(), key=lambda k: k.kode)
    return hasil


# --- Dokumen desa (RKPDes, APBDes, LPPDes) -------------------------------------------------


def _dokumen_desa_check_write(*, user, desa: Desa) -> None:
    """The one place that decides who may write a desa document, and for which desa."""
    if not akses.boleh_tulis_dokumen_desa(user):
        raise PermissionDenied("Hanya kasi dan pimpinan kecamatan yang boleh mengisi dokumen desa.")
    # Views already answer 404 outside the user's scope; this guards every other caller.
    if not Desa.objects.for_user(user).filter(pk=desa.pk).exists():
        raise PermissionDenied("Desa ini di luar kecamatan Anda.")
    if desa.is_kelurahan:
        raise ValidationError(pesan_kelurahan(desa))


def _check_tanggal(*, jenis: str, tanggal: datetime.date, hari_ini: datetime.date | None) -> None:
    """A penetapan or penyampaian cannot have happened yet: a future date would sit in the
    matrix as "belum ada" and turn "tepat waktu" by itself on that day, unseen."""
    if tanggal is not None and tanggal > (hari_ini or timezone.localdate()):
        ket = "penyampaian" if jenis == DokumenDesa.Jenis.LPPDES else "penetapan"
        raise ValidationError({"tanggal": f"Tanggal {ket} tidak boleh setelah hari ini."})


def _pesan_duplikat(*, desa, jenis, tahun_anggaran) -> str:
    label = DokumenDesa.Jenis(jenis).label
    return (
        f"{label} TA {tahun_anggaran} untuk {desa} sudah tercatat. "
        "Ubah data yang sudah ada; satu desa hanya punya satu dokumen per tahun anggaran."
    )


def _scan_apply(dokumen: DokumenDesa, scan) -> None:
    from kecamatan.berkas import validate_upload

    info = validate_upload(scan)
    dokumen.scan_nama = (scan.name or "")[:255]
    # Only the detected type names the stored file; the user's name is kept aside for downloads.
    scan.name = f"pindaian.{info.extension}"
    dokumen.scan = scan
    dokumen.scan_content_type = info.content_type
    dokumen.scan_ukuran = info.size


def _dokumen_desa_simpan(dokumen: DokumenDesa, *, user) -> DokumenDesa:
    dokumen.updated_by = user
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
    scan=None,
    hari_ini: datetime.date | None = None,
) -> DokumenDesa:
    """Record a desa document; a second one for the same (desa, jenis, TA) is refused."""
    _dokumen_desa_check_write(user=user, desa=desa)
    _check_tanggal(jenis=jenis, tanggal=tanggal, hari_ini=hari_ini)
    if DokumenDesa.objects.filter(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran).exists():
        raise ValidationError(_pesan_duplikat(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran))
    dokumen = DokumenDesa(
        desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tanggal=tanggal, nomor=nomor.strip(), catatan=catatan
    )
    if scan:
        _scan_apply(dokumen, scan)
    return _dokumen_desa_simpan(dokumen, user=user)


@transaction.atomic
def dokumen_desa_update(
    *,
    user,
    dokumen: DokumenDesa,
    tanggal: datetime.date,
    nomor: str = "",
    catatan: str = "",
    scan=None,
    hari_ini: datetime.date | None = None,
) -> DokumenDesa:
    """Correct the date, number, note or scan; the desa, jenis and TA of a document never change."""
    _dokumen_desa_check_write(user=user, desa=dokumen.desa)
    _check_tanggal(jenis=dokumen.jenis, tanggal=tanggal, hari_ini=hari_ini)
    dokumen.tanggal = tanggal
    dokumen.nomor = nomor.strip()
    dokumen.catatan = catatan
    if scan:
        _scan_apply(dokumen, scan)
    return _dokumen_desa_simpan(dokumen, user=user)


@transaction.atomic
def dokumen_desa_delete(*, user, dokumen: DokumenDesa) -> None:
    """Remove a document entered by mistake; its history stays, and so does its scan file."""
    _dokumen_desa_check_write(user=user, desa=dokumen.desa)
    dokumen._history_user = user
    dokumen.delete()
