"""The test suite's own tools: the clock helper, the factories and the backend marker."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from kecamatan.models import Peran
from tests import factories
from tests.conftest import postgres_skip_reason
from wilayah.models import Desa


def test_jam_moves_today_and_now_and_comes_back(jam):
    nyata = timezone.localdate()
    assert jam.pindah("2025-01-15") == datetime.date(2025, 1, 15)
    assert timezone.localdate() == datetime.date(2025, 1, 15)
    assert timezone.now().date() == datetime.date(2025, 1, 15)
    jam.pindah(datetime.date(2024, 12, 31))
    assert timezone.localdate() == datetime.date(2024, 12, 31)
    jam.berhenti()
    assert timezone.localdate() == nyata


def test_jam_day_is_the_day_in_jakarta_not_in_utc(jam):
    # 09:00 WIB is 02:00 UTC: the same calendar day on both sides.
    jam.pindah("2026-01-01")
    assert timezone.localtime().hour == 9
    assert timezone.now().astimezone(datetime.UTC).date() == datetime.date(2026, 1, 1)


def test_postgres_tests_skip_on_sqlite_naming_the_backend():
    assert postgres_skip_reason("django.db.backends.postgresql") is None
    assert "sqlite3" in postgres_skip_reason("django.db.backends.sqlite3")


def test_backup_test_is_marked_postgres_and_every_marker_is_registered(pytestconfig):
    teks = (Path(__file__).parent / "test_backup_restore.py").read_text()
    assert "pytest.mark.postgres" in teks
    terdaftar = " ".join(pytestconfig.getini("markers"))
    for nama in ("browser:", "slow:", "postgres:"):
        assert nama in terdaftar


@pytest.mark.django_db
def test_factories_build_a_kabupaten_with_desa_and_kelurahan():
    kecamatan = factories.KecamatanFactory(kode="35.08.12", nama="Senduro")
    desa = factories.DesaFactory(kecamatan=kecamatan)
    kelurahan = factories.KelurahanFactory(kecamatan=kecamatan)
    assert desa.jenis == Desa.Jenis.DESA and kelurahan.jenis == Desa.Jenis.KELURAHAN
    assert desa.kode.startswith("35.08.12.") and kecamatan.kabupaten.kode == "35.08"
    # get-or-create on the code: a second kecamatan shares the same kabupaten and provinsi.
    assert factories.KecamatanFactory().kabupaten == kecamatan.kabupaten


@pytest.mark.django_db
def test_user_factory_gives_kabupaten_roles_a_kabupaten_and_the_others_a_kecamatan():
    kecamatan = factories.KecamatanFactory()
    staf = factories.user_buat(Peran.STAF, kecamatan=kecamatan)
    pemeriksa = factories.user_buat(Peran.PEMERIKSA, kecamatan=kecamatan)
    assert staf.keanggotaan.kecamatan == kecamatan and staf.keanggotaan.kabupaten is None
    assert pemeriksa.keanggotaan.kabupaten == kecamatan.kabupaten and pemeriksa.keanggotaan.kecamatan is None
    assert staf.check_password(factories.PASSWORD)


@pytest.mark.django_db
def test_kegiatan_and_bukti_factories_copy_the_catalogue_and_soft_delete():
    desa = factories.DesaFactory()
    kegiatan = factories.KegiatanFactory(kecamatan=desa.kecamatan, desa=[desa])
    assert kegiatan.kategori == "fasilitasi" and kegiatan.uraian_teks
    assert list(kegiatan.desa.all()) == [desa]
    assert factories.BuktiFactory(kegiatan=kegiatan, dihapus=True).dihapus_pada is not None
    assert factories.BuktiFactory(kegiatan=kegiatan).dihapus_pada is None
    assert factories.DokumenDesaFactory(desa=desa).desa == desa
    assert factories.PejabatFactory(kecamatan=desa.kecamatan).get_jabatan_display() == "Camat"
