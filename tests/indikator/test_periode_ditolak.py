"""Issue 18.3: a bad period is an error, never a silent default. Pages answer 400 with the reason and no
figures of another period; the commands exit with a CommandError; an approval needs a chosen year."""

import datetime
import html

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kecamatan.models import Peran
from tests.indikator.test_iku_report import make_kegiatan
from tests.indikator.test_perlu_tindak_lanjut_periode import HARI_INI, hari_ini  # noqa: F401 (the clock fixture)

D = datetime.date
pytestmark = pytest.mark.usefixtures("hari_ini")  # today is HARI_INI on every page and command


def _teks(response) -> str:
    return html.unescape(" ".join(response.content.decode().split()))


BURUK = [
    ({"tahun": "2026", "bagian": "tw9"}, "Periode tw9 tidak dikenal"),
    ({"tahun": "1999"}, "Tahun 1999 tidak tersedia"),
]


@pytest.mark.parametrize(("query", "pesan"), BURUK)
@pytest.mark.parametrize("halaman", ["kecamatan", "kabupaten"])
def test_a_dashboard_with_a_bad_period_shows_the_error_and_no_figures(
    client_for, make_user, senduro, query, pesan, halaman
):
    if halaman == "kecamatan":
        client, url = client_for(make_user(Peran.KASI, kecamatan=senduro)), "/"
    else:
        client, url = client_for(make_user(Peran.PEMERIKSA, kabupaten=senduro.kabupaten)), "/dasbor/kabupaten/"
    response = client.get(url, query)
    assert response.status_code == 400
    teks = _teks(response)
    assert pesan in teks and 'data-testid="periode-ditolak"' in teks
    assert "Tahun 2026" not in teks and "dihitung per" not in teks  # not this year's figures instead
    assert '<select name="bagian"' in teks  # the page stays usable: choose again


def test_a_dashboard_without_a_period_still_opens_on_this_year(client_for, make_user, senduro):
    response = client_for(make_user(Peran.KASI, kecamatan=senduro)).get("/")
    assert response.status_code == 200
    assert response.context["periode"].label == "Tahun 2026"


@pytest.mark.parametrize(("query", "pesan"), BURUK)
def test_the_report_page_and_its_downloads_refuse_a_bad_period(client_for, make_user, senduro, query, pesan):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    for nama in ("laporan:index", "laporan:capaian-pdf", "laporan:capaian-xlsx"):
        response = client.get(reverse(nama), query)
        assert response.status_code == 400, nama
        assert pesan in _teks(response)
        assert "Content-Disposition" not in response


def test_the_kabupaten_recap_refuses_a_bad_period(client_for, make_user, senduro):
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=senduro.kabupaten))
    response = client.get(reverse("laporan:rekap-xlsx"), {"tahun": "2026", "bagian": "q1"})
    assert response.status_code == 400
    assert "Periode q1 tidak dikenal" in _teks(response)


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({}, "Pilih tahunnya."),
        ({"bagian": "tw1"}, "Pilih tahunnya."),
        ({"tahun": "2026", "bagian": "tw9"}, "Periode tw9 tidak dikenal"),
    ],
)
def test_an_approval_names_why_its_period_is_refused(client_for, make_user, senduro, data, pesan):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.post(reverse("laporan:sahkan"), data, follow=True)
    assert pesan in _teks(response)
    assert "konfirmasi" not in response.templates[0].name


def test_the_kegiatan_list_with_a_bad_period_lists_nothing_and_says_why(client_for, make_user, senduro):
    make_kegiatan(senduro, D(2026, 2, 1))
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    assert client.get(reverse("kecamatan:kegiatan-list")).context["halaman"].paginator.count == 1
    response = client.get(reverse("kecamatan:kegiatan-list"), {"tahun": "2026", "bagian": "tw7"})
    assert response.status_code == 400
    assert response.context["halaman"].paginator.count == 0  # not every year's kegiatan instead
    assert "Periode tw7 tidak dikenal" in _teks(response)
    export = client.get(reverse("kecamatan:kegiatan-list"), {"tahun": "2026", "bagian": "tw7", "export": "xlsx"})
    assert export.status_code == 400 and "Content-Disposition" not in export
    # The HTMX partial keeps 200 (htmx swaps only 2xx) and carries the reason itself.
    partial = client.get(
        reverse("kecamatan:kegiatan-perlu-tindak-lanjut"),
        {"bagian": "s1"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="hasil-kegiatan",
    )
    assert partial.status_code == 200
    assert "Pilih tahunnya untuk triwulan atau semester." in _teks(partial)
    assert '<span class="angka">0</span> kegiatan' in _teks(partial)


@pytest.mark.parametrize(
    ("query", "pesan"),
    [
        ({"dari": "2026-02-30", "sampai": "2026-06-30"}, "Tanggal awal '2026-02-30' tidak sah"),
        ({"dari": "2026-06-30", "sampai": "2026-01-01"}, "tidak boleh sebelum tanggal awal"),
        ({"dari": "2026-01-01"}, "Tanggal akhir belum diisi"),
    ],
)
def test_skm_results_and_downloads_refuse_bad_dates(client_for, make_user, senduro, query, pesan):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    response = client.get(reverse("skm:hasil"), query)
    assert response.status_code == 400
    teks = _teks(response)
    assert pesan in teks and "responden" not in teks
    for fmt in ("pdf", "xlsx"):
        unduhan = client.get(reverse("laporan:skm", args=[fmt]), query)
        assert unduhan.status_code == 400 and pesan in _teks(unduhan)


def test_skm_results_without_dates_are_this_year_so_far(client_for, make_user, senduro):
    response = client_for(make_user(Peran.KASI, kecamatan=senduro)).get(reverse("skm:hasil"))
    assert response.status_code == 200
    assert (response.context["laporan"].mulai, response.context["laporan"].selesai) == (D(2026, 1, 1), HARI_INI)


def test_the_target_page_refuses_a_bad_year_instead_of_writing_this_years(client_for, make_user, senduro):
    from indikator.models import TargetIKU

    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.post(reverse("indikator:target") + "?tahun=1999", {"target_iku1": "90"})
    assert response.status_code == 400
    assert "Tahun 1999 di luar rentang 2000–2100" in _teks(response)
    assert not TargetIKU.objects.exists()


@pytest.mark.parametrize(
    ("command", "args", "pesan"),
    [
        ("iku_report", ["--kecamatan", "35.08.12", "--tahun", "1800"], "Tahun 1800 di luar rentang 1900–9998."),
        ("skm_report", ["--kecamatan", "35.08.12", "--tahun", "99999"], "Tahun 99999 di luar rentang"),
        (
            "iku_report",
            ["--kecamatan", "35.08.12", "--dari", "2026-02-30", "--sampai", "2026-03-01"],
            "--dari '2026-02-30' tidak sah; tulis sebagai TTTT-BB-HH.",
        ),
        (
            "skm_report",
            ["--kecamatan", "35.08.12", "--dari", "2026-03-01", "--sampai", "2026-02-01"],
            "tidak boleh sebelum tanggal awal",
        ),
        (
            "iku_report",
            ["--kecamatan", "35.08.12", "--dari", "2025-12-01", "--sampai", "2026-01-31"],
            "Rentang tanggal harus berada dalam satu tahun.",
        ),
    ],
)
def test_the_commands_refuse_a_bad_period_with_a_command_error(senduro, command, args, pesan):
    with pytest.raises(CommandError) as excinfo:
        call_command(command, *args)
    assert excinfo.value.returncode == 2
    assert pesan in str(excinfo.value)
