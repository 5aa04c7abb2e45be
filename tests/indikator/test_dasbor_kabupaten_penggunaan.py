"""Issue 19, point 8: the kabupaten dashboard says per kecamatan whether it has started, labels a kecamatan
without data "belum mulai" instead of a bare 0,00%, and gives the kabupaten total over all kecamatan and over
those in use, in a fixed number of queries."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from kecamatan.models import Peran
from tests.indikator.test_iku_report import make_dokumen, make_kegiatan
from wilayah.models import Desa, Kecamatan


@pytest.fixture
def hari_ini():
    return timezone.localdate()


@pytest.fixture
def kabupaten_data(senduro, lumajang, kabupaten, hari_ini):
    """Senduro: kegiatan and a desa document; Lumajang: nothing; Pasirian: one desa document only."""
    awal = datetime.date(hari_ini.year, 1, 1)
    make_kegiatan(senduro, awal + datetime.timedelta(days=3), output="BA", tanggal_output=awal, bukti=1)
    make_kegiatan(senduro, awal + datetime.timedelta(days=40))
    d1 = senduro.desa.order_by("kode").first()
    make_dokumen(d1, "lppdes", hari_ini.year - 1, datetime.date(hari_ini.year, 3, 1))
    pasirian = Kecamatan.objects.create(kode="35.08.03", nama="Pasirian", kabupaten=kabupaten)
    desa = Desa.objects.create(kode="35.08.03.2001", nama="Bades", kecamatan=pasirian)
    make_dokumen(desa, "rkpdes", hari_ini.year + 1, datetime.date(hari_ini.year, 1, 5))
    return {"senduro": senduro, "lumajang": lumajang, "pasirian": pasirian, "awal": awal}


def _html(response):
    return " ".join(response.content.decode().split())


def _baris(html, kode):
    return re.search(rf'data-testid="kecamatan-{re.escape(kode)}">(.*?)</tr>', html).group(1)


def _teks(fragment):
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_each_kecamatan_says_whether_it_has_started(client_for, make_user, kabupaten_data, hari_ini):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten_data["senduro"].kabupaten))
    html = _html(client.get("/dasbor/kabupaten/"))
    senduro = _teks(_baris(html, "35.08.12"))
    pertama = date_format(kabupaten_data["awal"] + datetime.timedelta(days=3), "j M Y")
    assert f"kegiatan pertama {pertama}" in senduro
    assert f"terakhir diisi {date_format(hari_ini, 'j M Y')}" in senduro
    assert "2 kegiatan, 1 dokumen desa" in senduro
    pasirian = _teks(_baris(html, "35.08.03"))
    assert "belum ada kegiatan" in pasirian and "0 kegiatan, 1 dokumen desa" in pasirian
    # Lumajang has entered nothing: "belum mulai", never a bare 0,00% for IKU 2.
    lumajang = _baris(html, "35.08.10")
    assert 'data-testid="iku2-belum-mulai">belum mulai<' in lumajang
    assert not re.search(r"\d,\d\d%", _teks(lumajang))
    # In use: its figure stands (its one desa's RKPDes is on time: 1 of 3).
    assert "33,33%" in _teks(_baris(html, "35.08.03")) and "iku2-belum-mulai" not in _baris(html, "35.08.03")


def test_the_kabupaten_total_over_all_and_over_those_in_use(client_for, make_user, kabupaten_data):
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=kabupaten_data["senduro"].kabupaten))
    response = client.get("/dasbor/kabupaten/")
    html = _html(response)
    total_iku2 = response.context["total_iku2"]
    dipakai_iku2 = response.context["dipakai_iku2"]
    # Senduro 3 desa, Lumajang 2 desa (+2 kelurahan), Pasirian 1 desa; × the documents due so far this year.
    per_desa = total_iku2.denominator // 6
    assert dipakai_iku2.denominator == 4 * per_desa and total_iku2.denominator == 6 * per_desa
    assert dipakai_iku2.numerator == total_iku2.numerator
    semua = _teks(re.search(r'data-testid="total-kabupaten">(.*?)</dl>', html).group(1))
    assert "Seluruh kecamatan (3)" in semua
    assert "Kecamatan yang sudah memakai aplikasi (2 dari 3)" in semua
    assert f"dari {total_iku2.denominator})" in semua and f"dari {dipakai_iku2.denominator})" in semua
    definisi = _teks(re.search(r'data-testid="definisi-dipakai">(.*?)</p>', html).group(1))
    assert "sedikitnya satu kegiatan sudah dicatat atau satu dokumen desa sudah diisi" in definisi


def test_nobody_in_use_says_so(client_for, make_user, senduro, lumajang):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten))
    html = _html(client.get("/dasbor/kabupaten/"))
    assert "(0 dari 2)" in html and "belum ada kecamatan yang memakai aplikasi" in html
    assert html.count('data-testid="iku2-belum-mulai"') == 2


def test_the_usage_columns_cost_the_same_queries_for_more_kecamatan(
    client_for, make_user, kabupaten_data, kabupaten, hari_ini, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get("/dasbor/kabupaten/").status_code == 200
    for i in range(6):
        kecamatan = Kecamatan.objects.create(kode=f"35.08.{40 + i}", nama=f"Baru {i}", kabupaten=kabupaten)
        desa = Desa.objects.create(kode=f"35.08.{40 + i}.2001", nama=f"Desa {i}", kecamatan=kecamatan)
        make_kegiatan(kecamatan, kabupaten_data["awal"])
        make_dokumen(desa, "lppdes", hari_ini.year - 1, kabupaten_data["awal"])
    with django_assert_num_queries(len(sedikit.captured_queries)):
        response = client.get("/dasbor/kabupaten/")
    assert "Kecamatan yang sudah memakai aplikasi (8 dari 9)" in _teks(_html(response))
