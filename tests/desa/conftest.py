import datetime

import pytest

from tests.factories import DokumenDesaFactory

HARI_INI = datetime.date(2026, 11, 23)


@pytest.fixture
def hari_ini(jam):
    """The pages' "today" is HARI_INI; returns a setter for tests that need another day."""

    def set_hari(tanggal):
        jam.pindah(tanggal)
        return tanggal

    set_hari(HARI_INI)
    return set_hari


@pytest.fixture
def make_dokumen():
    def make(desa, jenis, tahun_anggaran, tanggal, nomor="1"):
        return DokumenDesaFactory(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tanggal=tanggal, nomor=nomor)

    return make


@pytest.fixture
def media_root(settings):
    """The fresh per-test media folder that tests/conftest.py sets up."""
    return settings.MEDIA_ROOT


# The smallest file validate_upload accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
