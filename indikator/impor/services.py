"""Importing a workbook: who may, into which kecamatan, and the one transaction that writes it.

The whole file is read and checked first (``reader.workbook_read``); if any
row has an error nothing is written. Re-importing the same file adds nothing:
a kegiatan identical in every fact the workbook carries is "sudah ada", a bukti
is known by its jenis and nomor on that kegiatan, and a desa document updates
its (desa, dokumen, tahun anggaran).

The import is additive for kegiatan: it never edits or removes one. A row that
differs from a stored kegiatan (say, an output added since) is a new kegiatan.
Writes go through the ORM in bulk, with django-simple-history records naming
the importing user, because the per-row services would issue a few queries per
row and check a narrower, per-seksi permission than the import's.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from desa.models import DokumenDesa
from indikator.impor.format import SHEET_KEGIATAN, kunci_teks
from indikator.impor.reader import IsiWorkbook, KesalahanImpor, kunci_kegiatan, workbook_read
from kecamatan import akses
from kecamatan import berkas_sementara as sementara
from kecamatan.berkas import XLSX, validate_upload
from kecamatan.models import BuktiPendukung, Kegiatan
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_naikkan

BATCH = 500
# docs/DESIGN.md §1: only a kasi logs kegiatan, records outputs, adds bukti and enters desa documents, which is
# everything a workbook holds; staf log kegiatan one by one without outputs, pimpinan read and approve,
# pemeriksa change nothing. The kabupaten admin imports on a kecamatan's behalf when it moves in.
PESAN_PERAN = "Hanya kasi kecamatan dan admin kabupaten yang dapat mengimpor data."


@dataclass
class HasilImpor:
    kesalahan: list[KesalahanImpor] = field(default_factory=list)
    peringatan: list[KesalahanImpor] = field(default_factory=list)
    dry_run: bool = False
    disimpan: bool = False
    baris_kegiatan: int = 0
    baris_dokumen: int = 0
    kegiatan_baru: int = 0
    kegiatan_sudah_ada: int = 0
    bukti_baru: int = 0
    bukti_sudah_ada: int = 0
    dokumen_baru: int = 0
    dokumen_diperbarui: int = 0
    dokumen_sama: int = 0

    @property
    def ok(self) -> bool:
        return not self.kesalahan

    @property
    def kosong(self) -> bool:
        """No data row on either sheet (the empty template): valid, but nothing to import."""
        return self.ok and not self.baris_kegiatan and not self.baris_dokumen

    @property
    def ringkasan(self) -> str:
        if self.kosong:
            return "berkas tidak berisi baris data (lembar Kegiatan dan DokumenDesa kosong); tidak ada yang diimpor."
        return (
            f"{self.kegiatan_baru} kegiatan baru, {self.kegiatan_sudah_ada} sudah ada; "
            f"{self.bukti_baru} bukti pendukung baru, {self.bukti_sudah_ada} sudah ada; "
            f"{self.dokumen_baru} dokumen desa baru, {self.dokumen_diperbarui} diperbarui, "
            f"{self.dokumen_sama} tidak berubah."
        )


# --- Permission: the one place ------------------------------------------------------------------


boleh_impor = akses.boleh_impor


def kecamatan_impor_scope(user):
    """The kecamatan ``user`` may import into; ``None`` is the system (the command without --user): all."""
    if user is None:
        return Kecamatan.objects.all()
    if not boleh_impor(user):
        raise PermissionDenied(PESAN_PERAN)
    # A kecamatan role gets its own kecamatan, admin_kabupaten those of its kabupaten (Kecamatan.for_user).
    return Kecamatan.objects.for_user(user)


# --- The import ----------------------------------------------------------------------------------


def workbook_import(*, user, file, dry_run: bool = False, hari_ini: datetime.date | None = None) -> HasilImpor:
    """Check ``file`` (an uploaded or opened .xlsx) and, unless ``dry_run`` or any error, save it in one transaction.

    Returns the counts (of what was, or with ``dry_run`` would be, saved) or the errors; never raises
    for the file's content. Raises ``PermissionDenied`` for a user who may not import.
    """
    scope = kecamatan_impor_scope(user)
    hari_ini = hari_ini or timezone.localdate()
    try:
        info = validate_upload(file)
    except ValidationError as exc:
        return HasilImpor(kesalahan=[KesalahanImpor(None, None, None, " ".join(exc.messages))], dry_run=dry_run)
    if info.content_type != XLSX:
        return HasilImpor(
            kesalahan=[KesalahanImpor(None, None, None, "Berkas harus buku kerja Excel (.xlsx).")], dry_run=dry_run
        )
    isi = workbook_read(file=file, kecamatan_scope=scope, hari_ini=hari_ini)
    hasil = HasilImpor(
        kesalahan=isi.kesalahan,
        peringatan=isi.peringatan,
        dry_run=dry_run,
        baris_kegiatan=isi.baris_kegiatan,
        baris_dokumen=isi.baris_dokumen,
    )
    if isi.kesalahan:
        return hasil
    if dry_run:
        _rencana(isi, hasil, user=user)
        return hasil
    with transaction.atomic():
        # Two imports into the same kecamatan run one after the other, so neither misses the other's rows.
        kecamatan_ids = {k.kecamatan.pk for k in isi.kegiatan} | {d.desa.kecamatan_id for d in isi.dokumen}
        list(Kecamatan.objects.select_for_update().filter(pk__in=kecamatan_ids).order_by("pk").values_list("pk"))
        rencana = _rencana(isi, hasil, user=user)
        if hasil.kesalahan:
            return hasil
        _tulis(rencana, user=user)
        if rencana.kegiatan_baru or rencana.bukti_baru or rencana.dokumen_baru or rencana.dokumen_ubah:
            # Bulk writes send no signals: one bump per kecamatan of the workbook, in its transaction.
            versi_data_naikkan(kecamatan_ids=kecamatan_ids)
    hasil.disimpan = True
    return hasil


@dataclass
class _Rencana:
    kegiatan_baru: list = field(default_factory=list)  # KegiatanImpor
    bukti_baru: list = field(default_factory=list)  # (kegiatan pk, BuktiImpor) for existing kegiatan
    dokumen_baru: list = field(default_factory=list)  # DokumenImpor
    dokumen_ubah: list = field(default_factory=list)  # DokumenDesa, changed in memory


def _rencana(isi: IsiWorkbook, hasil: HasilImpor, *, user) -> _Rencana:
    """Tell new from already present, in a fixed number of queries whatever the file's size.

    A bukti for a kegiatan that is already stored is the follow-up of that kegiatan: as on the web,
    only the kasi over it (its seksi, or who logged it) may add one; that is an error at its row.
    """
    rencana = _Rencana()
    _rencana_kegiatan(isi, hasil, rencana, user=user)
    _rencana_dokumen(isi, hasil, rencana)
    return rencana


def _rencana_kegiatan(isi: IsiWorkbook, hasil: HasilImpor, rencana: _Rencana, *, user) -> None:
    ada, calon, pemilik = _kegiatan_tersimpan(isi)
    bukti_ada = set()
    if any(k.kunci in ada for k in isi.kegiatan):
        # Removed bukti count as present too: re-importing an old file must not undo a removal.
        # Filtered by the same subquery as the candidates, so no IN list grows with the file.
        for kegiatan_id, jenis_id, nomor in BuktiPendukung.objects.filter(kegiatan__in=calon).values_list(
            "kegiatan_id", "jenis_id", "nomor"
        ):
            bukti_ada.add((kegiatan_id, jenis_id, kunci_teks(nomor)))
    for kegiatan in isi.kegiatan:
        pk = ada.get(kegiatan.kunci)
        if pk is None:
            rencana.kegiatan_baru.append(kegiatan)
            hasil.kegiatan_baru += 1
            hasil.bukti_baru += len(kegiatan.bukti)
            continue
        hasil.kegiatan_sudah_ada += 1
        for bukti in kegiatan.bukti:
            if (pk, *bukti.kunci) in bukti_ada:
                hasil.bukti_sudah_ada += 1
            elif not _boleh_tambah_bukti(user, pemilik[pk]):
                hasil.kesalahan.append(
                    KesalahanImpor(
                        SHEET_KEGIATAN,
                        bukti.baris,
                        "Jenis Bukti",
                        "Kegiatan ini sudah tercatat untuk seksi lain; bukti pendukungnya hanya dapat "
                        "ditambahkan oleh kasi seksi itu.",
                    )
                )
            else:
                rencana.bukti_baru.append((pk, bukti))
                hasil.bukti_baru += 1


def _rencana_dokumen(isi: IsiWorkbook, hasil: HasilImpor, rencana: _Rencana) -> None:
    tersimpan = {}
    if isi.dokumen:
        desa_ids = {d.desa.pk for d in isi.dokumen}
        for dokumen in DokumenDesa.objects.filter(desa_id__in=desa_ids):
            tersimpan[(dokumen.desa_id, dokumen.jenis, dokumen.tahun_anggaran)] = dokumen
    for row in isi.dokumen:
        dokumen = tersimpan.get((row.desa.pk, row.jenis, row.tahun_anggaran))
        if dokumen is None:
            rencana.dokumen_baru.append(row)
            hasil.dokumen_baru += 1
            continue
        # An empty Nomor keeps the stored number: spreadsheets often lack it, the web form may have it.
        nomor = row.nomor or dokumen.nomor
        if dokumen.tanggal == row.tanggal and dokumen.nomor == nomor:
            hasil.dokumen_sama += 1
            continue
        dokumen.tanggal, dokumen.nomor = row.tanggal, nomor
        rencana.dokumen_ubah.append(dokumen)
        hasil.dokumen_diperbarui += 1


def _boleh_tambah_bukti(user, kegiatan) -> bool:
    # The system and the kabupaten admin import for any seksi; a kasi as akses.kasi_atas_kegiatan says.
    return user is None or akses.boleh_impor_semua_seksi(user) or akses.kasi_atas_kegiatan(user, kegiatan)


def _kegiatan_tersimpan(isi: IsiWorkbook) -> tuple[dict[tuple, int], object, dict[int, Kegiatan]]:
    """Stored kegiatan that the file's kegiatan could equal, by their identity key; their queryset;
    and, by pk, each one's owner fields (kecamatan, seksi, who logged it) for the permission check."""
    if not isi.kegiatan:
        return {}, Kegiatan.objects.none(), {}
    kecamatan_ids = {k.kecamatan.pk for k in isi.kegiatan}
    tanggal = [k.tanggal for k in isi.kegiatan]
    calon = Kegiatan.objects.filter(
        kecamatan_id__in=kecamatan_ids, tanggal__range=(min(tanggal), max(tanggal))
    ).order_by("pk")
    desa = {}
    for kegiatan_id, desa_id in Kegiatan.desa.through.objects.filter(kegiatan__in=calon).values_list(
        "kegiatan_id", "desa_id"
    ):
        desa.setdefault(kegiatan_id, []).append(desa_id)
    kunci, pemilik = {}, {}
    fields = ("pk", "kecamatan_id", "tanggal", "uraian_id", "keterangan", "status", "output", "tanggal_output")
    for pk, kec, tgl, uraian, ket, status, output, tgl_output, seksi, oleh in calon.values_list(
        *fields, "seksi_id", "dibuat_oleh_id"
    ):
        pemilik[pk] = Kegiatan(pk=pk, kecamatan_id=kec, seksi_id=seksi, dibuat_oleh_id=oleh)
        key = kunci_kegiatan(
            kecamatan_id=kec,
            tanggal=tgl,
            uraian_id=uraian,
            keterangan=ket,
            status=status,
            desa_ids=desa.get(pk, []),
            output=output,
            tanggal_output=tgl_output,
            seksi_id=seksi,
        )
        kunci.setdefault(key, pk)
    return kunci, calon, pemilik


def _tulis(rencana: _Rencana, *, user) -> None:
    """Bulk inserts, each with its history records; called inside the import's transaction."""
    sekarang = timezone.now()
    objs = []
    for item in rencana.kegiatan_baru:
        kegiatan = Kegiatan(
            kecamatan=item.kecamatan,
            tanggal=item.tanggal,
            seksi=item.seksi,
            keterangan=item.keterangan.strip(),
            status=item.status,
            output=item.output.strip(),
            tanggal_output=item.tanggal_output,
            dibuat_oleh=user,
        )
        kegiatan.snapshot_katalog(item.uraian)
        objs.append(kegiatan)
    Kegiatan.objects.bulk_create(objs, batch_size=BATCH)
    records = Kegiatan.history.bulk_history_create(objs, batch_size=BATCH, default_user=user, default_date=sekarang)
    _desa_tulis(rencana.kegiatan_baru, objs, records)

    bukti = [(obj.pk, b) for item, obj in zip(rencana.kegiatan_baru, objs, strict=True) for b in item.bukti]
    bukti += rencana.bukti_baru
    bukti_objs = [
        BuktiPendukung(kegiatan_id=pk, jenis=b.jenis, nomor=b.nomor.strip(), tanggal=b.tanggal, diunggah_oleh=user)
        for pk, b in bukti
    ]
    BuktiPendukung.objects.bulk_create(bukti_objs, batch_size=BATCH)
    BuktiPendukung.history.bulk_history_create(bukti_objs, batch_size=BATCH, default_user=user, default_date=sekarang)

    dokumen_objs = [
        DokumenDesa(
            desa=row.desa,
            jenis=row.jenis,
            tahun_anggaran=row.tahun_anggaran,
            nomor=row.nomor,
            tanggal=row.tanggal,
            diubah_oleh=user,
        )
        for row in rencana.dokumen_baru
    ]
    DokumenDesa.objects.bulk_create(dokumen_objs, batch_size=BATCH)
    DokumenDesa.history.bulk_history_create(dokumen_objs, batch_size=BATCH, default_user=user, default_date=sekarang)
    for dokumen in rencana.dokumen_ubah:
        dokumen.diubah_oleh = user
        dokumen.diubah_pada = sekarang  # bulk_update skips auto_now
    if rencana.dokumen_ubah:
        bulk_update_with_history(
            rencana.dokumen_ubah,
            DokumenDesa,
            ["tanggal", "nomor", "diubah_oleh", "diubah_pada"],
            batch_size=BATCH,
            default_user=user,
            default_date=sekarang,
        )


def _desa_tulis(items, objs, records) -> None:
    """The desa links, and the same links in the creation history records (as kegiatan_create does)."""
    through = Kegiatan.desa.through
    links = [
        through(kegiatan_id=obj.pk, desa_id=d.pk) for item, obj in zip(items, objs, strict=True) for d in item.desa
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    if not records or not links:
        return
    record_by_kegiatan = {record.id: record for record in records}
    snapshot = Kegiatan.history.model.desa.model
    snapshot.objects.bulk_create(
        [
            snapshot(
                history=record_by_kegiatan[link.kegiatan_id],
                id=link.pk,
                kegiatan_id=link.kegiatan_id,
                desa_id=link.desa_id,
            )
            for link in links
        ],
        batch_size=BATCH,
    )


# --- A checked file kept for the import that follows ("Periksa saja", then "Impor berkas ini") --------


FOLDER_SEMENTARA = "impor-sementara"


def berkas_sementara_simpan(*, user, file) -> str:
    """Keep a checked upload in the user's temporary folder (one at a time); returns its token."""
    if not boleh_impor(user):
        raise PermissionDenied(PESAN_PERAN)
    return sementara.berkas_sementara_simpan(folder=FOLDER_SEMENTARA, user=user, file=file)


def berkas_sementara_buka(*, user, token: str):
    """The kept file of ``token`` for ``user``, or ``None`` (unknown, another user's, already imported)."""
    return sementara.berkas_sementara_buka(folder=FOLDER_SEMENTARA, user=user, token=token)


def berkas_sementara_ada(*, user, token: str) -> bool:
    return sementara.berkas_sementara_ada(folder=FOLDER_SEMENTARA, user=user, token=token)


def berkas_sementara_hapus(*, user, token: str) -> None:
    sementara.berkas_sementara_hapus(folder=FOLDER_SEMENTARA, user=user, token=token)


def berkas_sementara_hapus_semua(*, user) -> None:
    sementara.berkas_sementara_hapus_semua(folder=FOLDER_SEMENTARA, user=user)
