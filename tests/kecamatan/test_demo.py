"""Demo kegiatan: realistic, deterministic, idempotent, and valid by the application's own rules."""

import datetime

import pytest

from indikator.demo import organisasi_demo_load
from kecamatan.berkas import validate_upload
from kecamatan.demo import demo_pdf, demo_png, kegiatan_demo_load
from kecamatan.models import BuktiPendukung, Kegiatan
from tests.kecamatan.contoh import upload
from wilayah.services import wilayah_import

HARI_INI = datetime.date(2026, 11, 23)


@pytest.fixture
def demo_organisasi(db):
    for kode in ("35.08.12", "35.08.10"):
        wilayah_import(kode=kode)
    organisasi_demo_load(hari_ini=HARI_INI)


def test_demo_files_pass_the_upload_checks():
    assert validate_upload(upload("a.pdf", demo_pdf("Berita acara (rapat) 005/1"))).content_type == "application/pdf"
    assert validate_upload(upload("a.png", demo_png("Foto"))).content_type == "image/png"


def _kegiatan_rows():
    return list(Kegiatan.objects.order_by("pk").values_list("tanggal", "uraian_id", "status", "output", "seksi__nama"))


def test_demo_load_is_realistic_idempotent_and_deterministic(demo_organisasi):
    # One test for the three properties: each load of the demo costs seconds.
    created = kegiatan_demo_load(hari_ini=HARI_INI)
    per_kecamatan = {kode: Kegiatan.objects.filter(kecamatan__kode=kode).count() for kode in ("35.08.12", "35.08.10")}
    assert created == sum(per_kecamatan.values())
    assert all(150 <= count <= 250 for count in per_kecamatan.values()), per_kecamatan
    semua = Kegiatan.objects.with_tindak_lanjut(HARI_INI)
    assert semua.filter(tanggal__gt=HARI_INI).count() == 0
    assert semua.filter(tanggal__lt=HARI_INI - datetime.timedelta(days=731)).count() == 0
    dilaksanakan = semua.filter(status="dilaksanakan")
    assert dilaksanakan.count() > 0.75 * created
    assert dilaksanakan.filter(ditindaklanjuti=True).count() > 0.5 * dilaksanakan.count()
    assert dilaksanakan.filter(output="").exists()
    assert dilaksanakan.exclude(output="").filter(ada_bukti=False).exists()
    assert semua.filter(status="rencana").exists() and semua.filter(status="dibatalkan").exists()
    assert BuktiPendukung.objects.filter(berkas="").exists()
    assert BuktiPendukung.objects.filter(content_type="image/png").exists()
    sample = BuktiPendukung.objects.exclude(berkas="").first()
    assert sample.berkas.storage.exists(sample.berkas.name)
    assert {k.dibuat_oleh.username for k in Kegiatan.objects.select_related("dibuat_oleh")} == {
        "senduro.staf",
        "senduro.kasi",
        "lumajang.staf",
        "lumajang.kasi",
    }

    # Idempotent: a second run adds nothing.
    first = _kegiatan_rows()
    assert kegiatan_demo_load(hari_ini=HARI_INI) == 0
    assert Kegiatan.objects.count() == created

    # Deterministic: loaded again from nothing, the same kegiatan come back.
    BuktiPendukung.objects.all().delete()
    Kegiatan.desa.through.objects.all().delete()
    Kegiatan.objects.all().delete()
    kegiatan_demo_load(hari_ini=HARI_INI)
    assert _kegiatan_rows() == first
