from indikator.views.akun import akun, token_buat, token_cabut
from indikator.views.dasbor import beranda, dasbor_kabupaten, dasbor_kecamatan
from indikator.views.dokumen import dokumen_iku
from indikator.views.target import target_iku

__all__ = [
    "akun",
    "beranda",
    "dasbor_kabupaten",
    "dasbor_kecamatan",
    "dokumen_iku",
    "target_iku",
    "token_buat",
    "token_cabut",
]
