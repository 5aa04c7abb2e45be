"""Writes of the wilayah app: loading the Kepmendagri region codes. Keyword-only, one transaction each."""

from dataclasses import dataclass, field

from django.db import transaction

from wilayah.kepmendagri import rows_under
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi, jenis_dari_kode
from wilayah.versi import versi_data_naikkan


@dataclass
class HasilImportWilayah:
    dibuat: dict[str, int] = field(default_factory=dict)
    diubah: dict[str, int] = field(default_factory=dict)
    kecamatan: list[Kecamatan] = field(default_factory=list)
    # Codes of every region created or renamed: the kecamatan under them get a new data version.
    kode_berubah: set[str] = field(default_factory=set)

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
    hasil.kode_berubah.update(obj.kode for obj in to_create + to_update)
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

    sebelum = set(hasil.kode_berubah)
    _upsert(Desa, by_tingkat["desa"], build=build_desa, tingkat="desa", hasil=hasil)
    kecamatan_desa_berubah = {parent(kode) for kode in hasil.kode_berubah - sebelum}
    hasil.kecamatan = sorted(kecamatan.values(), key=lambda k: k.kode)
    # Bulk writes send no signals. A kecamatan's reports print its own name, its kabupaten's and
    # provinsi's, and its desa: a change to any of them (a code and all the codes above it) bumps it.
    versi_data_naikkan(
        kecamatan_ids=[
            k.pk
            for k in hasil.kecamatan
            if any(kode in hasil.kode_berubah for kode in _kode_dan_induknya(k.kode))
            or k.kode in kecamatan_desa_berubah
        ]
    )
    return hasil


def _kode_dan_induknya(kode: str) -> list[str]:
    bagian = kode.split(".")
    return [".".join(bagian[:i]) for i in range(1, len(bagian) + 1)]
