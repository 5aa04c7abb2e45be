"""The SKM jobs (docs/DESIGN.md §3.7): importing a workbook of paper questionnaires.

The upload page checks the file at once and keeps it in the user's temporary folder; the job reads every
row and saves all of them or none (``skm_workbook_import``'s one transaction), then removes the file.
"""

import datetime

from django.urls import reverse

from kecamatan.berkas_sementara import berkas_sementara_buka, berkas_sementara_hapus
from pekerjaan.jenis import HasilTautan, PekerjaanGagal, jenis_pekerjaan
from skm.akses import access_kecamatan_entri_skm
from skm.impor import skm_workbook_import

FOLDER_SEMENTARA = "skm-impor-sementara"
PESAN_BERKAS_HILANG = "Berkas yang diunggah tidak ada lagi. Pilih berkasnya kembali."


def pesan_berhasil(hasil) -> str:
    if hasil.dry_run:
        return (
            f"{hasil.baru} responden akan ditambahkan (pemeriksaan saja, belum disimpan); "
            f"{hasil.sudah_ada} sudah ada sebelumnya."
        )
    return f"{hasil.baru} responden ditambahkan; {hasil.sudah_ada} sudah ada sebelumnya."


# transaksi=False: the import saves in one transaction of its own after reading the file outside it.
@jenis_pekerjaan("impor_skm", judul="Impor kuesioner SKM", transaksi=False, folder_sementara=FOLDER_SEMENTARA)
def impor_skm_kerjakan(*, pekerjaan, kemajuan, token: str, hari_ini: str, dry_run: bool):
    user = pekerjaan.pemilik
    try:
        # The owner's own kecamatan now, as the page takes it: a membership changed since fails (403).
        kecamatan = access_kecamatan_entri_skm(user)
        if kecamatan.pk != pekerjaan.kecamatan_id:
            raise PekerjaanGagal("Akun Anda tidak lagi terhubung ke kecamatan berkas ini; tidak ada yang disimpan.")
        berkas = berkas_sementara_buka(folder=FOLDER_SEMENTARA, user=user, token=token)
        if berkas is None:
            raise PekerjaanGagal(PESAN_BERKAS_HILANG)
        kemajuan.langkah("Memeriksa setiap baris" if dry_run else "Memeriksa dan menyimpan", 10)
        with berkas:
            hasil = skm_workbook_import(
                kecamatan=kecamatan, file=berkas, hari_ini=datetime.date.fromisoformat(hari_ini), dry_run=dry_run
            )
        if not hasil.berhasil:
            raise PekerjaanGagal(
                "Impor dibatalkan, tidak ada yang disimpan. Perbaiki kesalahan berikut:",
                rincian=[str(k) for k in hasil.kesalahan],
            )
        return HasilTautan(url=reverse("skm:impor"), pesan=pesan_berhasil(hasil))
    finally:
        berkas_sementara_hapus(folder=FOLDER_SEMENTARA, user=user, token=token)
