"""The SKM report as a job (registered through ``indikator/tasks.py``; docs/DESIGN.md §3.7).

The PDF is always rendered here; the XLSX too when the period has many respondents (``laporan_skm``).
"""

import datetime

from indikator.laporan.skm import laporan_skm_buat, nama_laporan_skm
from kecamatan import akses
from pekerjaan.jenis import HasilBerkas, jenis_pekerjaan


@jenis_pekerjaan("laporan_skm", judul="Laporan Hasil SKM", transaksi=False)
def laporan_skm_kerjakan(*, pekerjaan, kemajuan, mulai: str, selesai: str, fmt: str, hari_ini: str):
    # Still the owner's to read: a membership changed since the request gets nothing (404 → "tidak berhak").
    kecamatan = akses.access_kecamatan_by_kode(pekerjaan.pemilik, pekerjaan.kecamatan.kode)
    mulai_d, selesai_d = datetime.date.fromisoformat(mulai), datetime.date.fromisoformat(selesai)
    konten, jenis = laporan_skm_buat(
        kecamatan=kecamatan,
        mulai=mulai_d,
        selesai=selesai_d,
        fmt=fmt,
        hari_ini=datetime.date.fromisoformat(hari_ini),
        kemajuan=kemajuan,
    )
    return HasilBerkas(konten=konten, nama=nama_laporan_skm(kecamatan, mulai_d, selesai_d, fmt), content_type=jenis)
