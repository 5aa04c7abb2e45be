from kecamatan.models.akses import Keanggotaan, Peran
from kecamatan.models.katalog import JenisBukti, JenisKegiatan, Kategori, UraianAktivitas
from kecamatan.models.kegiatan import BuktiPendukung, BuktiPendukungQuerySet, Kegiatan, KegiatanQuerySet
from kecamatan.models.organisasi import Pejabat, Seksi
from kecamatan.models.token import TokenAPI
from kecamatan.models.tte import SertifikatPejabat

__all__ = [
    "BuktiPendukung",
    "BuktiPendukungQuerySet",
    "JenisBukti",
    "JenisKegiatan",
    "Kategori",
    "Keanggotaan",
    "Kegiatan",
    "KegiatanQuerySet",
    "Pejabat",
    "Peran",
    "Seksi",
    "SertifikatPejabat",
    "TokenAPI",
    "UraianAktivitas",
]
