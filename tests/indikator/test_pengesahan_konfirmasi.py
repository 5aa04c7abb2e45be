"""Issue 19, points 1 and 2: the public verification page shows the frozen figures whole, and an approval
is confirmed (what is frozen, a period not yet ended, the version history) before anything is written."""

import dataclasses
import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indikator.laporan.generator import laporan_capaian_generate
from indikator.laporan.services import laporan_sahkan, periode_belum_berakhir, sidik_konfirmasi
from indikator.models import PengesahanLaporan
from kecamatan.models import Peran
from kecamatan.periode import tahunan, triwulan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, D
from tests.indikator.test_iku_report import make_kegiatan
from tests.pekerjaan.alur import post_dan_kerjakan

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

LPPDES_2024 = "LPPDes TA 2024 (tenggat 31 Maret 2025): 1 tepat waktu, 0 terlambat, 0 belum ada, 2 belum jatuh tempo"


@pytest.fixture
def hari_ini(jam):
    """Today is 15 January 2025: 2024 has ended, 2025 is running."""
    jam.pindah(AS_OF)
    return AS_OF


@pytest.fixture
def camat(make_user, laporan_2024):
    return make_user(Peran.PIMPINAN, kecamatan=laporan_2024, username="camat")


def teks(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# ---------------------------------------------------------------- 1. the public verification page


def _pengesahan_2025(camat, laporan_2024):
    """2025 approved on 15 January 2025 (jatuh tempo basis: RKPDes TA 2026, APBDes TA 2026, LPPDes TA 2024).

    Only desa 1 handed in its LPPDes TA 2024 (on 31 March 2024, early); everything else is not due yet.
    """
    return laporan_sahkan(
        user=camat, kecamatan=laporan_2024, periode=tahunan(2025), hari_ini=AS_OF, periode_belum_berakhir_dipahami=True
    )


def test_verification_page_prints_each_deadline_and_every_status(client, camat, laporan_2024):
    pengesahan = _pengesahan_2025(camat, laporan_2024)
    page = teks(client.get(reverse("laporan:verifikasi", args=[pengesahan.token])))
    assert "(tenggat )" not in page
    assert (
        "RKPDes TA 2026 (tenggat 30 September 2025): 0 tepat waktu, 0 terlambat, 0 belum ada, "
        "3 belum jatuh tempo — dari 3 desa" in page
    )
    assert "APBDes TA 2026 (tenggat 31 Desember 2025): 0 tepat waktu, 0 terlambat, 0 belum ada, 3 belum" in page
    assert LPPDES_2024 in page
    # The year's figure keeps desa × 3; the figure so far is labelled beside it.
    assert "1 dokumen tepat waktu" in page and "9 (3 desa × 3 dokumen)" in page
    assert (
        "Sejauh ini 100,00% (1 tepat waktu dari 1 yang sudah jatuh tempo atau sudah masuk); 8 belum jatuh tempo" in page
    )
    # Still no NIP on the public page.
    assert "19681114" not in page


def test_an_old_snapshot_without_deadline_or_not_yet_due_count_is_read_whole(client, camat, laporan_2024):
    pengesahan = _pengesahan_2025(camat, laporan_2024)
    data = pengesahan.data
    for dokumen in data["iku2"]["dokumen"].values():
        del dokumen["tenggat"], dokumen["belum_jatuh_tempo"]
    del data["iku2"]["sejauh_ini"]
    PengesahanLaporan.objects.filter(pk=pengesahan.pk).update(data=data)
    page = teks(client.get(reverse("laporan:verifikasi", args=[pengesahan.token])))
    assert LPPDES_2024 in page
    assert "RKPDes TA 2026 (tenggat 30 September 2025)" in page


def test_each_document_line_adds_up_to_the_number_of_desa(client, camat, laporan_2024):
    pengesahan = _pengesahan_2025(camat, laporan_2024)
    page = teks(client.get(reverse("laporan:verifikasi", args=[pengesahan.token])))
    lines = re.findall(
        r"(\d+) tepat waktu, (\d+) terlambat, (\d+) belum ada, (\d+) belum jatuh tempo — dari (\d+) desa", page
    )
    assert len(lines) == 3
    for *counts, desa in lines:
        assert sum(map(int, counts)) == int(desa) == 3


# ---------------------------------------------------------------- 2. approval with confirmation


def test_the_first_post_only_shows_what_would_be_frozen(client_for, camat, hari_ini):
    response = client_for(camat).post(reverse("laporan:sahkan"), {"tahun": "2024"})
    assert response.status_code == 200
    assert not PengesahanLaporan.objects.exists()
    page = teks(response)
    assert "Tahun 2024 (1 Januari 2024 s.d. 31 Desember 2024)" in page
    assert "50,00% (3 ditindaklanjuti dari 6 kegiatan dilaksanakan)" in page
    assert "44,44% (4 dokumen tepat waktu dari 9: 3 desa × 3 dokumen)" in page
    # The signatory as the PDF prints it.
    assert "W. PUJIANTO" in page and "NIP. 19681114 199003 1 004" in page
    # 2024 has ended: no acknowledgement asked for.
    assert "belum berakhir" not in page and 'name="periode_belum_berakhir"' not in page
    assert 'name="konfirmasi" value="1"' in response.content.decode()


def test_a_period_not_yet_ended_needs_the_explicit_choice(client_for, camat, hari_ini):
    client = client_for(camat)
    page = client.post(reverse("laporan:sahkan"), {"tahun": "2025"})
    html = page.content.decode()
    assert "Tahun 2025 belum berakhir" in teks(page)
    assert 'name="periode_belum_berakhir"' in html and "Saya mengerti periode ini belum berakhir" in html
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', html).group(1)
    refused = client.post(reverse("laporan:sahkan"), {"tahun": "2025", "konfirmasi": "1", "sidik": sidik})
    assert refused.status_code == 400
    assert "belum berakhir" in teks(refused)
    assert not PengesahanLaporan.objects.exists()
    done = post_dan_kerjakan(
        client,
        reverse("laporan:sahkan"),
        {"tahun": "2025", "konfirmasi": "1", "sidik": sidik, "periode_belum_berakhir": "1"},
    )
    assert done.status_code == 302
    assert PengesahanLaporan.objects.get().periode_selesai == D(2025, 12, 31)


def test_the_service_refuses_a_running_period_without_the_choice(camat, laporan_2024):
    with pytest.raises(ValidationError) as info:
        laporan_sahkan(user=camat, kecamatan=laporan_2024, periode=tahunan(2025), hari_ini=AS_OF)
    assert info.value.error_list[0].code == "periode_belum_berakhir"
    assert not PengesahanLaporan.objects.exists()


def test_a_period_ends_after_its_last_day_in_jakarta():
    tw4 = triwulan(2024, 4)
    assert periode_belum_berakhir(tw4, datetime.date(2024, 12, 31))  # its last day: still running
    assert not periode_belum_berakhir(tw4, datetime.date(2025, 1, 1))


def test_figures_that_moved_since_the_confirmation_are_not_approved(client_for, camat, laporan_2024, hari_ini):
    client = client_for(camat)
    html = client.post(reverse("laporan:sahkan"), {"tahun": "2024"}).content.decode()
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', html).group(1)
    make_kegiatan(laporan_2024, D(2024, 11, 1), output="BA", tanggal_output=D(2024, 11, 2), bukti=1)
    response = client.post(reverse("laporan:sahkan"), {"tahun": "2024", "konfirmasi": "1", "sidik": sidik})
    assert response.status_code == 400
    assert "berubah sejak halaman konfirmasi" in teks(response)
    assert "4 ditindaklanjuti dari 7" in teks(response)  # the page shows the new figures to confirm
    assert not PengesahanLaporan.objects.exists()


def test_the_confirmation_lists_the_approved_versions_with_numerator_and_denominator(
    client_for, camat, laporan_2024, hari_ini
):
    client = client_for(camat)
    for _ in range(2):
        laporan_util.sahkan_post(client, reverse("laporan:sahkan"), {"tahun": "2024"})
    assert list(PengesahanLaporan.objects.values_list("versi", flat=True).order_by("versi")) == [1, 2]
    response = client.post(reverse("laporan:sahkan"), {"tahun": "2024"})
    page = teks(response)
    assert "Versi 3 (revisi)" in page
    html = " ".join(response.content.decode().split())
    for versi in (1, 2):
        row = re.search(rf'data-testid="riwayat-{versi}">(.*?)</tr>', html).group(1)
        assert "50,00% (3 / 6)" in row and "44,44% (4 / 9)" in row and "camat" in row
        assert "15 Januari 2025" in row


def test_only_the_pimpinan_of_that_kecamatan_sees_the_confirmation(client_for, make_user, laporan_2024, lumajang):
    kasi = make_user(Peran.KASI, kecamatan=laporan_2024)
    assert client_for(kasi).post(reverse("laporan:sahkan"), {"tahun": "2024"}).status_code == 403
    camat = make_user(Peran.PIMPINAN, kecamatan=laporan_2024)
    other = reverse("laporan:sahkan-kecamatan", args=[lumajang.kode])
    assert client_for(camat).post(other, {"tahun": "2024"}).status_code == 404


def test_an_approval_without_the_sidik_is_refused_on_the_confirmation_page(client_for, camat, hari_ini):
    response = client_for(camat).post(reverse("laporan:sahkan"), {"tahun": "2024", "konfirmasi": "1"})
    assert response.status_code == 400
    assert "Laporan tidak disahkan: periksa angka di bawah ini" in teks(response)
    assert 'name="sidik"' in response.content.decode()
    assert not PengesahanLaporan.objects.exists()


def test_the_sidik_covers_the_tujuan_and_the_page_shows_it(client_for, camat, laporan_2024, hari_ini):
    laporan = laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2024), as_of=AS_OF)
    sebelum = sidik_konfirmasi(laporan)
    laporan.tujuan = dataclasses.replace(laporan.tujuan, nilai=Decimal("80.00"), responden=5)
    assert sidik_konfirmasi(laporan) != sebelum
    page = teks(client_for(camat).post(reverse("laporan:sahkan"), {"tahun": "2024"}))
    assert f"Indikator tujuan — {laporan.tujuan.indikator}" in page
