"""Dashboards: who sees what, the numbers they show, and query counts that do not grow with the data."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from indikator.models import NilaiIndikatorTujuan, TargetIKU
from kecamatan.models import Peran
from tests.indikator.test_iku_report import make_dokumen, make_kegiatan
from wilayah.models import Desa, Kecamatan


@pytest.fixture
def hari_ini():
    return timezone.localdate()


@pytest.fixture
def data(senduro, lumajang, hari_ini):
    awal = datetime.date(hari_ini.year, 1, 1)
    TargetIKU.objects.create(kecamatan=senduro, indikator="iku1", tahun=hari_ini.year, target=Decimal("80"))
    for i in range(7):
        make_kegiatan(senduro, awal, output="BA" if i < 6 else "", tanggal_output=awal if i < 6 else None, bukti=1)
    make_kegiatan(lumajang, awal, output="BA", tanggal_output=awal, bukti=1)
    return senduro


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_kecamatan_dashboard_shows_percent_ratio_target_and_capaian(make_user, client_for, data):
    client = client_for(make_user(Peran.STAF, kecamatan=data))
    page = text(client.get("/"))
    assert "85,71%" in page  # 6 of 7
    assert ">6</a> ditindaklanjuti dari <a" in page
    assert "80,00%" in page  # target
    assert "107,14%" in page  # capaian = 85.71 / 80
    assert "tindak_lanjut=ya" in page  # the numerator links to its records


def test_kecamatan_dashboard_of_another_kecamatan_is_404(make_user, client_for, senduro, lumajang):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    assert client.get(f"/dasbor/{lumajang.kode}/").status_code == 404


def test_kabupaten_roles_open_any_kecamatan_of_their_kabupaten(make_user, client_for, data, lumajang):
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=data.kabupaten))
    assert client.get(f"/dasbor/{lumajang.kode}/").status_code == 200
    page = text(client.get("/"))  # the kabupaten comparison
    assert "Senduro" in page and "Lumajang" in page
    assert "85,71%" in page


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PIMPINAN])
def test_kabupaten_dashboard_is_refused_to_kecamatan_roles(make_user, client_for, senduro, peran):
    client = client_for(make_user(peran, kecamatan=senduro))
    assert client.get("/dasbor/kabupaten/").status_code == 403


def test_kecamatan_without_desa_shows_iku2_tidak_berlaku(make_user, client_for, kabupaten):
    kota = Kecamatan.objects.create(kode="35.08.98", nama="Kota", kabupaten=kabupaten)
    Desa.objects.create(kode="35.08.98.1001", nama="Kelurahan Saja", kecamatan=kota)
    client = client_for(make_user(Peran.STAF, kecamatan=kota))
    page = text(client.get("/"))
    assert "Tidak berlaku" in page
    assert "0,00%" not in page


def test_kabupaten_sorting_puts_no_value_last(make_user, client_for, data, lumajang, kabupaten):
    Kecamatan.objects.create(kode="35.08.01", nama="Tempursari", kabupaten=kabupaten)
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    page = text(client.get("/dasbor/kabupaten/?urut=iku1"))
    assert page.index("Lumajang</a>") < page.index("Senduro</a>") < page.index("Tempursari</a>")


def _grow(kecamatan, n, hari_ini):
    awal = datetime.date(hari_ini.year, 1, 1)
    for _ in range(n):
        make_kegiatan(kecamatan, awal, output="", bukti=0)
    for desa in kecamatan.desa.all():
        make_dokumen(desa, "lppdes", hari_ini.year - 1 + n, datetime.date(hari_ini.year, 1, 2))


@pytest.mark.parametrize("url", ["/", "/dasbor/kabupaten/"])
def test_dashboard_queries_do_not_grow_with_the_data(
    make_user, client_for, senduro, lumajang, hari_ini, url, django_assert_max_num_queries, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    peran = Peran.STAF if url == "/" else Peran.ADMIN_KABUPATEN
    client = client_for(make_user(peran, kecamatan=senduro))
    from django.core.cache import cache

    _grow(senduro, 2, hari_ini)
    # The cold path (nothing cached yet) is the one whose queries must not grow; the factories write
    # without the services, so they bump no data version: the cache is emptied by hand instead.
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(senduro, 20, hari_ini)
    for i in range(20):
        Desa.objects.create(kode=f"35.08.12.22{i:02d}", nama=f"Baru {i}", kecamatan=senduro)
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_pimpinan_sets_targets_and_tujuan_value(make_user, client_for, senduro, hari_ini):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.post(
        "/target/",
        {
            "tahun": hari_ini.year,
            "target_iku1": "95",
            "target_iku2": "",
            "nilai_tujuan": "82,5",
            "keterangan_tujuan": "Survei IKM",
        },
    )
    assert response.status_code == 302
    assert TargetIKU.objects.get(kecamatan=senduro, indikator="iku1", tahun=hari_ini.year).target == Decimal("95")
    assert not TargetIKU.objects.filter(indikator="iku2").exists()
    assert NilaiIndikatorTujuan.objects.get(kecamatan=senduro).nilai == Decimal("82.5")


def test_target_above_100_is_refused_at_the_field(make_user, client_for, senduro, hari_ini):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.post("/target/", {"tahun": hari_ini.year, "target_iku1": "150"})
    assert response.status_code == 200
    assert "target_iku1" in response.context["form"].errors
    assert not TargetIKU.objects.exists()


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PEMERIKSA, Peran.ADMIN_KABUPATEN])
def test_only_pimpinan_sets_targets(make_user, client_for, senduro, hari_ini, peran):
    client = client_for(make_user(peran, kecamatan=senduro))
    response = client.post("/target/", {"tahun": hari_ini.year, "target_iku1": "95"})
    assert response.status_code == 403
    assert not TargetIKU.objects.exists()
