"""The desa app's jobs (docs/DESIGN.md §3.7): the desa-document matrix as XLSX when it is large.

A matrix has a row per desa of one kecamatan, so it is nearly always small and downloads at once; the page
hands it to this job only above ``EKSPOR_SINKRON_MAKS_BARIS`` rows (counted from the matrix it has already
built: no query).
"""

import datetime

from desa import selectors
from desa.export import matriks_xlsx
from kecamatan import akses
from pekerjaan.jenis import HasilBerkas, jenis_pekerjaan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nama_berkas_matriks(kecamatan, tahun: int) -> str:
    return f"dokumen-desa-{kecamatan.kode}-{tahun}.xlsx"


@jenis_pekerjaan("ekspor_matriks_desa", judul="Ekspor matriks dokumen desa (XLSX)", transaksi=False)
def ekspor_matriks_desa_kerjakan(*, pekerjaan, kemajuan, tahun: int, hari_ini: str):
    # Still within the owner's scope now (a 404 fails the job with "tidak berhak").
    kecamatan = akses.access_kecamatan_by_kode(pekerjaan.pemilik, pekerjaan.kecamatan.kode)
    kemajuan.langkah("Menyusun matriks", 10)
    data = selectors.matriks_dokumen(
        kecamatan=kecamatan, tahun=tahun, basis=selectors.iku2_basis(), as_of=datetime.date.fromisoformat(hari_ini)
    )
    kemajuan.langkah("Menulis XLSX", 50)
    return HasilBerkas(konten=matriks_xlsx(data), nama=nama_berkas_matriks(kecamatan, tahun), content_type=XLSX)
