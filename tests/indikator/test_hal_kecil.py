"""Small things that erode trust (issue 19, point 10): figures always with their numerator and
denominator, and the Laporan page's period selectors styled like the rest."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from indikator.laporan.services import laporan_sahkan
from kecamatan.models import Peran
from kecamatan.periode import tahunan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF
from tests.indikator.test_iku_report import make_kegiatan

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root


def _teks(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def hari_ini(jam):
    jam.pindah(AS_OF)
    return AS_OF


def test_approved_versions_show_numerator_and_denominator(make_user, client_for, laporan_2024, hari_ini):
    camat = make_user(Peran.PIMPINAN, kecamatan=laporan_2024)
    pengesahan = laporan_sahkan(user=camat, kecamatan=laporan_2024, periode=tahunan(2024), hari_ini=AS_OF)
    iku1, iku2 = pengesahan.data["iku1"], pengesahan.data["iku2"]
    html = client_for(camat).get(reverse("laporan:index"), {"tahun": "2024"}).content.decode()
    baris = re.search(r'data-testid="versi-1".*?</tr>', html, re.S).group(0)
    sel1 = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r'data-testid="versi-iku1">(.*?)</td>', baris).group(1))
    )
    sel2 = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r'data-testid="versi-iku2">(.*?)</td>', baris).group(1))
    )
    assert sel1.strip() == f"{iku1['percent'].replace('.', ',')}% {iku1['numerator']} dari {iku1['denominator']}"
    assert sel2.strip() == f"{iku2['percent'].replace('.', ',')}% {iku2['numerator']} dari {iku2['denominator']}"


def test_laporan_period_selectors_are_bootstrap_selects(make_user, client_for, laporan_2024, hari_ini):
    html = client_for(make_user(Peran.KASI, kecamatan=laporan_2024)).get(reverse("laporan:index")).content.decode()
    assert re.search(r'<select name="tahun" class="form-select"', html)
    assert re.search(r'<select name="bagian" class="form-select"', html)


def test_same_period_last_year_shows_its_numerator_and_denominator(make_user, client_for, senduro):
    hari = timezone.localdate()
    for tahun, selesai in ((hari.year, 2), (hari.year - 1, 3)):
        awal = datetime.date(tahun, 1, 2)
        for i in range(4):
            done = i < selesai
            make_kegiatan(senduro, awal, output="BA" if done else "", tanggal_output=awal if done else None, bukti=1)
    html = client_for(make_user(Peran.STAF, kecamatan=senduro)).get("/").content.decode()
    lalu = re.sub(r"\s+", " ", re.search(r'data-testid="iku1-lalu">(.*?)</dd>', html, re.S).group(1))
    assert lalu == "75,00% (3 dari 4; −25,00 poin)"
    lalu2 = re.sub(r"\s+", " ", re.search(r'data-testid="iku2-lalu">(.*?)</dd>', html, re.S).group(1))
    assert re.fullmatch(r"[\d,]+% \(0 dari \d+; [−+±][\d,]+ poin\)|— \(0 dari 0; —\)", lalu2), lalu2
