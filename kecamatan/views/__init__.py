from kecamatan.views.kegiatan import (
    bukti_attach,
    bukti_create,
    bukti_download,
    bukti_preview,
    bukti_remove,
    kegiatan_create,
    kegiatan_detail,
    kegiatan_list,
    kegiatan_output,
    kegiatan_perlu_tindak_lanjut,
    kegiatan_pilihan,
    kegiatan_update,
)
from kecamatan.views.sertifikat import sertifikat_daftar, sertifikat_unggah
from kecamatan.views.umum import katalog, profil

__all__ = [
    "bukti_attach",
    "bukti_create",
    "bukti_download",
    "bukti_preview",
    "bukti_remove",
    "katalog",
    "kegiatan_create",
    "kegiatan_detail",
    "kegiatan_list",
    "kegiatan_output",
    "kegiatan_perlu_tindak_lanjut",
    "kegiatan_pilihan",
    "kegiatan_update",
    "profil",
    "sertifikat_daftar",
    "sertifikat_unggah",
]
