import datetime

import pytest

from desa.models import DokumenDesa

HARI_INI = datetime.date(2026, 11, 23)


@pytest.fixture
def hari_ini(monkeypatch):
    """Fix the pages' as-of date; returns a setter for tests that need another day."""

    def set_hari(tanggal):
        monkeypatch.setattr("desa.views.hari_ini", lambda: tanggal)
        return tanggal

    set_hari(HARI_INI)
    return set_hari


@pytest.fixture
def make_dokumen():
    def make(desa, jenis, tahun_anggaran, tanggal, nomor="1"):
        return DokumenDesa.objects.create(
            desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tanggal=tanggal, nomor=nomor
        )

    return make


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# The smallest file validate_upload accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
