"""Job kinds that exist only in the tests: one that succeeds, one that fails, one that writes, one that sleeps."""

import time

from django.core.exceptions import ValidationError

from kecamatan.models import Seksi
from pekerjaan.jenis import HasilBerkas, HasilTautan, PekerjaanGagal, jenis_pekerjaan


@jenis_pekerjaan("uji_berkas", judul="Uji berkas")
def uji_berkas(*, pekerjaan, kemajuan, isi="halo"):
    kemajuan.langkah("Menulis", 50)
    return HasilBerkas(konten=isi.encode(), nama="uji.txt", content_type="text/plain")


@jenis_pekerjaan("uji_tautan", judul="Uji tautan")
def uji_tautan(*, pekerjaan, kemajuan):
    return HasilTautan(url="/laporan/", pesan="Sudah.")


@jenis_pekerjaan("uji_gagal", judul="Uji gagal")
def uji_gagal(*, pekerjaan, kemajuan, cara="pekerjaan_gagal", kecamatan_id=None):
    if kecamatan_id:
        # Written first, then the failure: the transaction must take it back.
        Seksi.objects.create(kecamatan_id=kecamatan_id, nama="Setengah jadi")
    if cara == "pekerjaan_gagal":
        raise PekerjaanGagal("Impor dibatalkan: 2 baris salah.", rincian=["Baris 4: tanggal kosong", "Baris 9: seksi?"])
    if cara == "validasi":
        raise ValidationError("Periode tidak sah.")
    raise RuntimeError("rahasia internal yang tidak boleh tampil")


@jenis_pekerjaan("uji_tidur", judul="Uji tidur")
def uji_tidur(*, pekerjaan, kemajuan, detik=30):
    kemajuan.langkah("Tidur", 10)
    time.sleep(detik)
    return HasilBerkas(konten=b"bangun", nama="bangun.txt", content_type="text/plain")


@jenis_pekerjaan("uji_sekali", judul="Uji sekali", ulangi=False)
def uji_sekali(*, pekerjaan, kemajuan):
    return HasilBerkas(konten=b"sekali", nama="sekali.txt", content_type="text/plain")
