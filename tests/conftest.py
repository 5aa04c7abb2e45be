"""Shared fixtures: a small kabupaten built by hand, and users of every role.

Tests build their own facts instead of loading the national CSV, so each one
states exactly the desa, kelurahan and kecamatan it relies on.
"""

import pytest
from django.contrib.auth import get_user_model

from kecamatan.models import Keanggotaan, Peran, Seksi
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi

PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def _fast_hasher_and_private_media(settings, tmp_path):
    """Cheap password hashing (the suite logs in hundreds of times) and a fresh media
    folder per test, so uploads never land in the project's own media/."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def kabupaten(db):
    provinsi = Provinsi.objects.create(kode="35", nama="Jawa Timur")
    return Kabupaten.objects.create(kode="35.08", nama="Kabupaten Lumajang", provinsi=provinsi)


@pytest.fixture
def senduro(kabupaten):
    """Three desa, no kelurahan."""
    kecamatan = Kecamatan.objects.create(kode="35.08.12", nama="Senduro", kabupaten=kabupaten)
    for kode, nama in [("2001", "Kandangtepus"), ("2002", "Kandangan"), ("2011", "Argosari")]:
        Desa.objects.create(kode=f"35.08.12.{kode}", nama=nama, kecamatan=kecamatan)
    return kecamatan


@pytest.fixture
def lumajang(kabupaten):
    """Two desa and two kelurahan."""
    kecamatan = Kecamatan.objects.create(kode="35.08.10", nama="Lumajang", kabupaten=kabupaten)
    for kode, nama in [("1001", "Jogotrunan"), ("1002", "Kepuharjo"), ("2001", "Denok"), ("2002", "Blukon")]:
        Desa.objects.create(kode=f"35.08.10.{kode}", nama=nama, kecamatan=kecamatan)
    return kecamatan


@pytest.fixture
def seksi_pemerintahan(senduro):
    return Seksi.objects.create(kecamatan=senduro, nama="Seksi Pemerintahan")


@pytest.fixture
def make_user(db):
    """``make_user(peran, kecamatan=…, kabupaten=…, seksi=…)`` → a user who can log in with PASSWORD."""
    counter = {"n": 0}

    def make(peran, *, kecamatan=None, kabupaten=None, seksi=None, username=None):
        counter["n"] += 1
        user = get_user_model().objects.create_user(username=username or f"{peran}-{counter['n']}", password=PASSWORD)
        if peran in (Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA) and kabupaten is None and kecamatan is not None:
            kabupaten, kecamatan = kecamatan.kabupaten, None
        Keanggotaan.objects.create(user=user, peran=peran, kecamatan=kecamatan, kabupaten=kabupaten, seksi=seksi)
        return user

    return make


@pytest.fixture
def client_for(client):
    """``client_for(user)`` → the test client, logged in as ``user``."""

    def login(user):
        client.force_login(user)
        return client

    return login
