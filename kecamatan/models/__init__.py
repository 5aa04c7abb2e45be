from kecamatan.models.akses import Keanggotaan, Peran
from kecamatan.models.katalog import JenisBukti, JenisKegiatan, Kategori, UraianAktivitas
from kecamatan.models.kegiatan import BuktiPendukung, BuktiPendukungQuerySet, Kegiatan, KegiatanQuerySet
from kecamatan.models.organisasi import Pejabat, Seksi
from kecamatan.models.tte import SertifikatPejabat
from kecamatan.models.wilayah import Kabupaten, Kecamatan, Provinsi

__all__ = [
    "BuktiPendukung",
    "BuktiPendukungQuerySet",
    "JenisBukti",
    "JenisKegiatan",
    "Kabupaten",
    "Kategori",
    "Keanggotaan",
    "Kecamatan",
    "Kegiatan",
    "KegiatanQuerySet",
    "Pejabat",
    "Peran",
    "Provinsi",
    "Seksi",
    "SertifikatPejabat",
    "UraianAktivitas",
]
