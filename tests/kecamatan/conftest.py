"""Fixtures for kegiatan and bukti pendukung: people of every role, kegiatan and real small files."""

import datetime

import pytest

from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, Peran, Seksi, UraianAktivitas

HARI_INI = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def seksi_trantib(senduro):
    return Seksi.objects.create(kecamatan=senduro, nama="Seksi Ketenteraman dan Ketertiban Umum")


@pytest.fixture
def seksi_lumajang(lumajang):
    return Seksi.objects.create(kecamatan=lumajang, nama="Seksi Pemerintahan")


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

    def make(
        kecamatan,
        *,
        seksi=None,
        dibuat_oleh=None,
        status="dilaksanakan",
        tanggal=datetime.date(2026, 3, 2),
        output="",
        tanggal_output=None,
        desa=(),
        keterangan="Rapat di balai desa",
        uraian_obj=None,
    ):
        kegiatan = Kegiatan(
            kecamatan=kecamatan,
            seksi=seksi,
            dibuat_oleh=dibuat_oleh,
            status=status,
            tanggal=tanggal,
            output=output,
            tanggal_output=tanggal_output,
            keterangan=keterangan,
        )
        kegiatan.snapshot_katalog(uraian_obj or uraian)
        kegiatan.save()
        if desa:
            kegiatan.desa.set(desa)
        return kegiatan

    return make


@pytest.fixture
def make_bukti(jenis_bukti):
    def make(kegiatan, *, berkas=None, dihapus=False, tanggal=datetime.date(2026, 3, 3), nomor="005/12/427.12/2026"):
        bukti = BuktiPendukung(kegiatan=kegiatan, jenis=jenis_bukti, nomor=nomor, tanggal=tanggal)
        if berkas is not None:
            bukti.berkas.save("berkas.pdf", berkas, save=False)
            bukti.content_type = "application/pdf"
            bukti.ukuran = berkas.size
            bukti.nama_berkas_asli = berkas.name
        if dihapus:
            from django.utils import timezone

            bukti.dihapus_pada = timezone.now()
        bukti.save()
        return bukti

    return make


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Many users per test; the real hasher is deliberately slow and not what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
