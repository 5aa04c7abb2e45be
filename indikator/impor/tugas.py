"""Workbook jobs (registered through ``indikator/tasks.py``): the import, its dry run, the data export.

docs/DESIGN.md §3.7. The upload page checks the file (size, type, content) at once and keeps it in the
user's temporary folder; the job reads it back by its token, checks every row and writes all or nothing
(``workbook_import``'s own transaction). The kept file goes when the job ends, except after a dry run that
found the file valid: that one waits for "Impor berkas ini", as it did before imports became jobs.
"""

from django.urls import reverse
from django.utils import timezone

from indikator.impor.export import workbook_export
from indikator.impor.services import (
    FOLDER_SEMENTARA,
    berkas_sementara_buka,
    berkas_sementara_hapus,
    workbook_import,
)
from kecamatan import akses
from kecamatan.berkas import XLSX
from pekerjaan.jenis import HasilBerkas, HasilTautan, PekerjaanGagal, jenis_pekerjaan

# A file with thousands of bad rows would make an unreadable page; the first ones show the pattern.
MAKS_KESALAHAN_TAMPIL = 500
PESAN_BERKAS_HILANG = "Berkas yang tadi diperiksa tidak ada lagi (sudah diimpor atau diganti). Pilih berkasnya kembali."


def rincian_kesalahan(kesalahan) -> list[str]:
    """One line per error, in the reader's order (sheet by sheet, row by row), each naming its sheet,
    row and column as Excel shows them; past the cap, one line saying how many more there are."""
    # Grouped by sheet in the order the sheets first appear (as the page's tables per sheet were).
    urutan = {}
    for k in kesalahan:
        urutan.setdefault(k.sheet, len(urutan))
    kesalahan = sorted(kesalahan, key=lambda k: urutan[k.sheet])
    baris = [str(k) for k in kesalahan[:MAKS_KESALAHAN_TAMPIL]]
    if len(kesalahan) > MAKS_KESALAHAN_TAMPIL:
        baris.append(f"… dan {len(kesalahan) - MAKS_KESALAHAN_TAMPIL} kesalahan lain yang tidak ditampilkan.")
    return baris


def _catatan(hasil) -> str:
    if not hasil.peringatan:
        return ""
    return " Catatan: " + "; ".join(f"{p.lokasi}: {p.pesan}" for p in hasil.peringatan[:20]) + "."


# transaksi=False: the import writes in one transaction of its own, after reading and checking the whole
# file outside it (a write transaction held while openpyxl reads would stop every writer on SQLite).
# ulangi=False: a worker killed after the import committed but before the file was removed would, re-run,
# import every row a second time (bulk_create); a failed job is asked to be repeated by its owner instead.
@jenis_pekerjaan(
    "impor_workbook",
    judul="Impor data dari Excel",
    transaksi=False,
    ulangi=False,
    folder_sementara=FOLDER_SEMENTARA,
)
def impor_workbook_kerjakan(*, pekerjaan, kemajuan, token: str, nama_berkas: str, dry_run: bool):
    user = pekerjaan.pemilik
    simpan_untuk_impor = False
    try:
        berkas = berkas_sementara_buka(user=user, token=token)
        if berkas is None:
            raise PekerjaanGagal(PESAN_BERKAS_HILANG)
        kemajuan.langkah("Memeriksa setiap baris" if dry_run else "Memeriksa dan menyimpan", 10)
        with berkas:
            hasil = workbook_import(user=user, file=berkas, dry_run=dry_run)
        if not hasil.ok:
            raise PekerjaanGagal(
                f"{len(hasil.kesalahan)} kesalahan ditemukan; tidak ada yang disimpan. "
                "Perbaiki baris-baris berikut di berkas Anda, lalu unggah lagi.",
                rincian=rincian_kesalahan(hasil.kesalahan),
            )
        if hasil.kosong:
            raise PekerjaanGagal(
                "Berkas tidak berisi baris data. Lembar Kegiatan dan DokumenDesa kosong; tidak ada yang diimpor. "
                "Isi baris data mulai baris 2, di bawah judul kolom, lalu unggah lagi."
            )
        if dry_run:
            simpan_untuk_impor = True
            return HasilTautan(
                url=reverse("impor:impor", query={"token": token, "berkas": nama_berkas}),
                pesan=f"Berkas valid; belum ada yang disimpan. {hasil.ringkasan}{_catatan(hasil)} "
                "Untuk menyimpan, buka tautan ini lalu tekan Impor berkas ini.",
            )
        return HasilTautan(url=reverse("impor:impor"), pesan=f"Impor selesai: {hasil.ringkasan}{_catatan(hasil)}")
    finally:
        if not simpan_untuk_impor:
            berkas_sementara_hapus(user=user, token=token)


@jenis_pekerjaan("ekspor_workbook", judul="Ekspor data (format impor)", transaksi=False)
def ekspor_workbook_kerjakan(*, pekerjaan, kemajuan, kode: str | None):
    """The scope is taken again from the owner's membership now, as the view does: never from a parameter."""
    user = pekerjaan.pemilik
    kecamatan = akses.access_kecamatan_by_kode(user, kode)
    if kecamatan is not None:
        qs, nama = akses.kecamatan_scope(user).filter(pk=kecamatan.pk), kecamatan.kode
    else:
        qs, nama = akses.kecamatan_scope(user), "semua"
    kemajuan.langkah("Menulis kegiatan dan dokumen desa", 10)
    konten = workbook_export(kecamatan_qs=qs)
    return HasilBerkas(konten=konten, nama=f"data-iku-{nama}-{timezone.localdate():%Y%m%d}.xlsx", content_type=XLSX)
