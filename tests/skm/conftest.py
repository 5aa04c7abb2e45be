import datetime

import pytest
from django.utils import timezone

from skm.models import JenisLayanan
from skm.selectors import kuesioner_berlaku
from skm.services import responden_create

HARI_INI = datetime.date(2026, 11, 23)


@pytest.fixture
def layanan_senduro(senduro):
    return JenisLayanan.objects.create(kecamatan=senduro, nama="Surat keterangan")


@pytest.fixture
def layanan_lumajang(lumajang):
    return JenisLayanan.objects.create(kecamatan=lumajang, nama="Legalisasi dokumen")


@pytest.fixture
def isi_survei():
    """``isi_survei(layanan, nilai, tanggal=…)`` → a Responden through the service."""

    def isi(layanan, nilai, *, tanggal=datetime.date(2026, 3, 2), **profil):
        if isinstance(nilai, int):
            nilai = (nilai,) * 9
        data = {"usia": 35, "jenis_kelamin": "L", "pendidikan": "sma", "pekerjaan": "swasta", **profil}
        return responden_create(
            kecamatan=layanan.kecamatan, jenis_layanan=layanan, tanggal=tanggal, nilai=nilai, hari_ini=HARI_INI, **data
        )

    return isi


def kuesioner_aktif():
    return kuesioner_berlaku(HARI_INI)


@pytest.fixture(autouse=True)
def _cache_kosong():
    """The rate limit counts in the cache: every test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def isian(layanan, nilai=4, **lebih):
    data = {
        "jenis_layanan": layanan.pk,
        "tanggal": timezone.localdate().isoformat(),  # the public form takes only the last 30 days
        "usia": "41",
        "jenis_kelamin": "P",
        "pendidikan": "sma",
        "pekerjaan": "petani",
        "saran": "",
        "situs_web": "",
        **{f"u{i}": str(nilai) for i in range(1, 10)},
    }
    data.update(lebih)
    return data
