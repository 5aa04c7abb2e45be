import datetime
from collections import Counter

import pytest

from desa.demo import dokumen_desa_demo_load
from desa.models import DokumenDesa
from desa.tenggat import status_dokumen
from wilayah.models import Desa
from wilayah.services import wilayah_import

HARI_INI = datetime.date(2026, 11, 23)


@pytest.fixture
def wilayah(db):
    for kode in ("35.08.12", "35.08.10"):
        wilayah_import(kode=kode)


def test_demo_documents_cover_every_case_and_load_once(wilayah):
    jumlah = dokumen_desa_demo_load(hari_ini=HARI_INI)
    assert jumlah == DokumenDesa.objects.count() > 0
    assert not DokumenDesa.objects.filter(desa__jenis="kelurahan").exists()
    assert set(DokumenDesa.objects.values_list("desa__kecamatan__kode", flat=True)) == {"35.08.12", "35.08.10"}
    assert not DokumenDesa.objects.filter(tanggal__gt=HARI_INI).exists()
    # TA needed by measurement years 2024–2026 under both bases.
    assert set(DokumenDesa.objects.values_list("tahun_anggaran", flat=True)) == {2023, 2024, 2025, 2026, 2027}
    selisih = Counter((d.tanggal - d.tenggat).days for d in DokumenDesa.objects.all())
    assert selisih[0] > 0 and selisih[1] > 0  # on the deadline day, and a day late
    statuses = {status_dokumen(tanggal=d.tanggal, tenggat=d.tenggat, as_of=HARI_INI) for d in DokumenDesa.objects.all()}
    assert statuses == {"tepat_waktu", "terlambat"}
    # (jenis, TA) of measurement years 2024–2026 under both bases: RKPDes and APBDes TA 2024–2027,
    # LPPDes TA 2023–2025 (TA 2026 has not ended on 23 November 2026, so no LPPDes exists yet).
    pasangan = set(DokumenDesa.objects.values_list("jenis", "tahun_anggaran"))
    assert len(pasangan) == 11 and ("lppdes", 2026) not in pasangan
    possible = Desa.objects.filter(kecamatan__kode__in=["35.08.12", "35.08.10"]).desa_saja().count() * 11
    assert 0 < jumlah < possible  # some are missing
    assert dokumen_desa_demo_load(hari_ini=HARI_INI) == 0
    assert DokumenDesa.objects.count() == jumlah


def test_demo_is_deterministic(wilayah):
    dokumen_desa_demo_load(hari_ini=HARI_INI)
    first = sorted(DokumenDesa.objects.values_list("desa__kode", "jenis", "tahun_anggaran", "tanggal", "nomor"))
    DokumenDesa.history.all().delete()
    DokumenDesa.objects.all().delete()
    dokumen_desa_demo_load(hari_ini=HARI_INI)
    assert sorted(DokumenDesa.objects.values_list("desa__kode", "jenis", "tahun_anggaran", "tanggal", "nomor")) == first
