"""The kecamatan app's jobs (docs/DESIGN.md §3.7): the kegiatan list as XLSX when it is large.

The list page counts its rows (one COUNT); above ``EKSPOR_SINKRON_MAKS_BARIS`` it starts this job with its
filters as they were typed. The worker takes the scope again from the owner's membership, never from a
parameter, and refuses filters that have stopped being valid (a seksi removed meanwhile).
"""

import datetime

from django.utils.datastructures import MultiValueDict

from kecamatan import akses, selectors
from kecamatan.berkas import XLSX
from kecamatan.export import kegiatan_xlsx
from kecamatan.forms import KegiatanFilterForm
from pekerjaan.jenis import HasilBerkas, PekerjaanGagal, jenis_pekerjaan


def judul_daftar(perlu_tindak_lanjut: bool) -> str:
    return "Kegiatan perlu tindak lanjut" if perlu_tindak_lanjut else "Daftar kegiatan"


def nama_berkas_daftar(perlu_tindak_lanjut: bool, hari_ini: datetime.date) -> str:
    nama = "kegiatan-perlu-tindak-lanjut" if perlu_tindak_lanjut else "kegiatan"
    return f"{nama}-{hari_ini:%Y%m%d}.xlsx"


@jenis_pekerjaan("ekspor_kegiatan", judul="Ekspor daftar kegiatan (XLSX)", transaksi=False)
def ekspor_kegiatan_kerjakan(*, pekerjaan, kemajuan, saringan: dict, perlu_tindak_lanjut: bool, hari_ini: str):
    user = pekerjaan.pemilik
    as_of = datetime.date.fromisoformat(hari_ini)
    data = MultiValueDict(saringan)
    form = KegiatanFilterForm(data or None, kecamatan_scope=akses.kecamatan_scope(user), hari_ini=as_of)
    if form.is_bound and not form.is_valid():
        raise PekerjaanGagal(
            "Saringan daftar tidak sah lagi; buka daftar kegiatan dan ekspor kembali.",
            rincian=[f"{form.fields[n].label if n in form.fields else 'Saringan'}: {' '.join(e)}"
                     for n, e in form.errors.items()],
        )  # fmt: skip
    filters = form.cleaned_data if form.is_bound else {}
    kemajuan.langkah("Mengambil kegiatan", 10)
    kegiatan = selectors.kegiatan_list(user=user, as_of=as_of, filters=filters, perlu_tindak_lanjut=perlu_tindak_lanjut)
    kemajuan.langkah("Menulis XLSX", 30)
    konten = kegiatan_xlsx(kegiatan, judul=judul_daftar(perlu_tindak_lanjut), as_of=as_of)
    return HasilBerkas(konten=konten, nama=nama_berkas_daftar(perlu_tindak_lanjut, as_of), content_type=XLSX)
