"""Issue 19, point 7: "Perlu tindak lanjut" has one meaning. The dashboard's badge names its period and links
to the list filtered by that same period, the list says which period it covers, and both count the same."""

import datetime
import re

import pytest
from django.urls import reverse

from kecamatan.models import Peran
from tests.indikator.test_iku_report import make_kegiatan

D = datetime.date
HARI_INI = D(2026, 11, 29)


@pytest.fixture
def hari_ini(jam):
    jam.pindah(HARI_INI)
    return HARI_INI


@pytest.fixture
def kegiatan(senduro, lumajang, hari_ini):
    """Senduro: 3 kegiatan to follow up in 2026 (2 in triwulan I), 2 in 2025, 1 done; Lumajang: 4 in 2026."""
    for tanggal in (D(2026, 1, 5), D(2026, 3, 31), D(2026, 7, 1), D(2025, 2, 1), D(2025, 12, 31)):
        make_kegiatan(senduro, tanggal)
    make_kegiatan(senduro, D(2026, 2, 1), output="BA", tanggal_output=D(2026, 2, 2), bukti=1)
    make_kegiatan(senduro, D(2026, 12, 15))  # after today: has not happened yet
    for _ in range(4):
        make_kegiatan(lumajang, D(2026, 5, 1))
    return senduro


def _badge(html):
    match = re.search(
        r'<a class="badge[^"]*" href="([^"]+)" data-testid="badge-perlu-tindak-lanjut"[^>]*>(\d+)</a>', html
    )
    assert match, "the badge links to the list"
    return match.group(1).replace("&amp;", "&"), int(match.group(2))


@pytest.mark.parametrize(
    ("query", "label", "expected"),
    [
        ("", "Tahun 2026 (1 Januari 2026 s.d. 31 Desember 2026)", 3),
        ("?tahun=2026&bagian=tw1", "Triwulan I 2026 (1 Januari 2026 s.d. 31 Maret 2026)", 2),
        ("?tahun=2025", "Tahun 2025 (1 Januari 2025 s.d. 31 Desember 2025)", 2),
    ],
)
def test_the_badge_counts_what_its_list_lists(client_for, make_user, kegiatan, query, label, expected):
    client = client_for(make_user(Peran.KASI, kecamatan=kegiatan))
    dashboard = client.get(f"/{query}").content.decode()
    url, badge = _badge(dashboard)
    assert url.startswith(reverse("kecamatan:kegiatan-perlu-tindak-lanjut"))
    response = client.get(url)
    assert response.context["halaman"].paginator.count == badge == expected
    page = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert f"Periode: {label}" in page


def test_a_kabupaten_role_on_one_kecamatan_dashboard_gets_that_kecamatan_list(client_for, make_user, kegiatan):
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=kegiatan.kabupaten))
    url, badge = _badge(client.get(f"/dasbor/{kegiatan.kode}/").content.decode())
    assert f"kecamatan={kegiatan.pk}" in url
    assert client.get(url).context["halaman"].paginator.count == badge == 3  # Lumajang's 4 are not in it


def test_the_unfiltered_list_says_it_covers_every_year(client_for, make_user, kegiatan):
    response = client_for(make_user(Peran.KASI, kecamatan=kegiatan)).get(
        reverse("kecamatan:kegiatan-perlu-tindak-lanjut")
    )
    assert response.context["halaman"].paginator.count == 5
    html = response.content.decode()
    assert "Periode: semua tahun" in html
    assert '<a href="?tahun=2026" hx-boost="false">Tahun 2026</a>' in html
