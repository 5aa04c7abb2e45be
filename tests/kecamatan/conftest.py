"""Fixtures for kegiatan and bukti pendukung: people of every role, kegiatan and real small files."""

import datetime

import pytest

from kecamatan.models import JenisBukti, Peran, UraianAktivitas
from tests.factories import BuktiFactory, KegiatanFactory, SeksiFactory

HARI_INI = datetime.date(2026, 11, 23)


@pytest.fixture
def media_root(settings):
    """The fresh per-test media folder that tests/conftest.py sets up."""
    return settings.MEDIA_ROOT


@pytest.fixture
def seksi_trantib(senduro):
    return SeksiFactory(kecamatan=senduro, nama="Seksi Ketenteraman dan Ketertiban Umum")


@pytest.fixture
def seksi_lumajang(lumajang):
    return SeksiFactory(kecamatan=lumajang, nama="Seksi Pemerintahan")


@pytest.fixture
def orang(make_user, senduro, lumajang, seksi_pemerintahan, seksi_trantib, seksi_lumajang):
    """A user of every role: Senduro's staf and kasi (Pemerintahan and Trantib), Lumajang's, the kabupaten's."""
    return {
        "staf": make_user(Peran.STAF, kecamatan=senduro, seksi=seksi_pemerintahan, username="staf"),
        "staf_lain": make_user(Peran.STAF, kecamatan=senduro, seksi=seksi_pemerintahan, username="staf_lain"),
        "kasi": make_user(Peran.KASI, kecamatan=senduro, seksi=seksi_pemerintahan, username="kasi"),
        "kasi_trantib": make_user(Peran.KASI, kecamatan=senduro, seksi=seksi_trantib, username="kasi_trantib"),
        "pimpinan": make_user(Peran.PIMPINAN, kecamatan=senduro, username="camat"),
        "pemeriksa": make_user(Peran.PEMERIKSA, kecamatan=senduro, username="pemeriksa"),
        "admin_kabupaten": make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro, username="admin_kab"),
        "staf_lumajang": make_user(Peran.STAF, kecamatan=lumajang, seksi=seksi_lumajang, username="staf_lmj"),
        "kasi_lumajang": make_user(Peran.KASI, kecamatan=lumajang, seksi=seksi_lumajang, username="kasi_lmj"),
    }


@pytest.fixture
def uraian(db):
    return UraianAktivitas.objects.select_related("jenis").get(jenis__kategori="fasilitasi", jenis__nomor=1, nomor=1)


@pytest.fixture
def jenis_bukti(db):
    return JenisBukti.objects.get(kode="berita_acara")


@pytest.fixture
def make_kegiatan(uraian):
    """Build a kegiatan directly (tests of rules need states the services refuse to create)."""

    def make(kecamatan, *, uraian_obj=None, desa=(), **fields):
        return KegiatanFactory(kecamatan=kecamatan, uraian_obj=uraian_obj or uraian, desa=desa, **fields)

    return make


@pytest.fixture
def make_bukti(jenis_bukti):
    def make(kegiatan, *, berkas=None, dihapus=False, **fields):
        return BuktiFactory(kegiatan=kegiatan, jenis=jenis_bukti, berkas=berkas, dihapus=dihapus, **fields)

    return make
