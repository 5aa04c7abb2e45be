"""The approval as a job (registered through ``indikator/tasks.py``; docs/DESIGN.md §3.7).

The view refuses at once what the confirmation page checks (the fingerprint, a period not yet ended, a
missing passphrase: ``laporan_sahkan_periksa``) and starts the job; the work that takes seconds (rendering,
signing, freezing: ``laporan_sahkan``, one transaction) runs here, in the worker.
"""

import datetime

from iku_project.rahasia import RahasiaKedaluwarsa, rahasia_buka
from indikator.laporan.services import laporan_sahkan
from kecamatan.periode import Periode
from pekerjaan.jenis import HasilTautan, PekerjaanGagal, jenis_pekerjaan
from pekerjaan.models import Pekerjaan

# The job parameter holding the encrypted passphrase/PIN; erased from the record when the worker takes it.
PARAM_RAHASIA = "rahasia_tte_terenkripsi"
PESAN_RAHASIA_KEDALUWARSA = (
    "Frasa sandi atau PIN sudah tidak dapat dipakai (pengesahan menunggu terlalu lama). "
    "Laporan tidak disahkan; sahkan kembali dari halaman laporan."
)


def pesan_disahkan(pengesahan, periode: Periode) -> str:
    """The sentence the approver reads afterwards (the same as before approval became a job)."""
    revisi = " sebagai revisi" if pengesahan.revisi else ""
    tte_teks = (
        "Ditandatangani secara elektronik."
        if pengesahan.bertanda_tangan_elektronik
        else "Tanpa tanda tangan elektronik: pejabat penandatangan belum memiliki sertifikat."
    )
    return f"Laporan capaian {periode.label} disahkan{revisi} (versi {pengesahan.versi}). {tte_teks}"


def _rahasia_ambil(pekerjaan: Pekerjaan, token: str) -> str:
    """Erase the encrypted secret from the job record first (autocommit: it stays erased whatever follows),
    then decrypt it into memory only."""
    parameter = {k: v for k, v in pekerjaan.parameter.items() if k != PARAM_RAHASIA}
    Pekerjaan.objects.filter(pk=pekerjaan.pk).update(parameter=parameter)
    pekerjaan.parameter = parameter
    if not token:
        return ""
    try:
        return rahasia_buka(token)
    except RahasiaKedaluwarsa as exc:
        raise PekerjaanGagal(PESAN_RAHASIA_KEDALUWARSA) from exc


# transaksi=False: ``laporan_sahkan`` is one transaction of its own, and the secret must be erased outside it
# (a rollback would bring it back). ulangi=False: a second attempt would have no secret left to sign with.
@jenis_pekerjaan("laporan_sahkan", judul="Pengesahan Laporan Capaian IKU", transaksi=False, ulangi=False)
def laporan_sahkan_kerjakan(
    *,
    pekerjaan,
    kemajuan,
    periode: dict,
    hari_ini: str,
    url_dasar: str,
    periode_belum_berakhir_dipahami: bool,
    sidik: str,
    url_laporan: str,
    rahasia_tte_terenkripsi: str = "",
):
    rahasia_tte = _rahasia_ambil(pekerjaan, rahasia_tte_terenkripsi)
    kemajuan.langkah("Menghitung dan membuat PDF laporan", 10)
    periode_obj = Periode.dari_json(periode)
    pengesahan = laporan_sahkan(
        user=pekerjaan.pemilik,
        kecamatan=pekerjaan.kecamatan,
        periode=periode_obj,
        hari_ini=datetime.date.fromisoformat(hari_ini),
        url_dasar=url_dasar,
        periode_belum_berakhir_dipahami=periode_belum_berakhir_dipahami,
        sidik=sidik,
        rahasia_tte=rahasia_tte,
    )
    return HasilTautan(url=url_laporan, pesan=pesan_disahkan(pengesahan, periode_obj))
