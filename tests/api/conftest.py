import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from kecamatan.models import Kegiatan, Peran, UraianAktivitas
from kecamatan.services import token_api_create


@pytest.fixture(autouse=True)
def _throttle_fresh():
    """Each test starts with unspent throttle budgets (they live in the default cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tanpa_batas(settings):
    """The walks call hundreds of times a minute: lift the per-token limit for them."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "100000/minute"}}


@pytest.fixture
def api_for(db):
    """``api_for(user)`` → a test client sending that user's fresh API token on every request."""

    def make(user, *, berlaku_hari=90):
        _, token = token_api_create(user=user, nama="uji", berlaku_hari=berlaku_hari, sekarang=timezone.now())
        return Client(HTTP_AUTHORIZATION=f"Token {token}")

    return make


@pytest.fixture
def uraian(db):
    return UraianAktivitas.objects.select_related("jenis").filter(aktif=True, jenis__aktif=True).first()


@pytest.fixture
def kasi_senduro(make_user, senduro, seksi_pemerintahan):
    return make_user(Peran.KASI, kecamatan=senduro, seksi=seksi_pemerintahan)


@pytest.fixture
def kegiatan_senduro(kasi_senduro, senduro, seksi_pemerintahan, uraian):
    kegiatan = Kegiatan(
        kecamatan=senduro,
        tanggal="2025-03-01",
        status="dilaksanakan",
        seksi=seksi_pemerintahan,
        dibuat_oleh=kasi_senduro,
    )
    kegiatan.snapshot_katalog(uraian)
    kegiatan.save()
    kegiatan.desa.add(senduro.desa.first())
    return kegiatan


# Lumajang's objects, marked with a secret, as the whole-site security sweep builds them.
from tests.test_sapuan_keamanan import lumajang_data  # noqa: E402, F401
