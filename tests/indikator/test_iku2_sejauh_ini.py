"""Issue 19, point 3: IKU 2 in a running year keeps the year's figure (desa × 3) and shows, labelled, the
figure so far (on time ÷ already due) and the count not yet due: in the computation, on both dashboards and
in the Laporan Capaian (PDF and Excel)."""

import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from indikator.calculations import DesaFakta, DokumenDesaFakta, hitung_iku2, total_sejauh_ini
from indikator.laporan import generator, pdf, xlsx
from kecamatan.models import Peran
from kecamatan.periode import tahunan, triwulan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, D, teks_pdf

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

DESA = [DesaFakta(id=i, kecamatan_id=1, kode=f"35.08.12.20{i:02d}", nama=f"Desa {i}") for i in range(1, 5)]


def _iku2(dokumen, *, periode, as_of):
    return hitung_iku2(DESA, dokumen, periode=periode, as_of=as_of, basis="jatuh_tempo", target=None)


def test_so_far_counts_only_what_is_due_or_already_in():
    # 2026 as of 29 November 2026: LPPDes TA 2025 (31 March) and RKPDes TA 2027 (30 September) are due,
    # APBDes TA 2027 (31 December) is not.
    dokumen = [
        DokumenDesaFakta(1, "lppdes", 2025, D(2026, 3, 30), "1"),
        DokumenDesaFakta(2, "lppdes", 2025, D(2026, 4, 2), "1"),  # late
        DokumenDesaFakta(1, "rkpdes", 2027, D(2026, 9, 1), "1"),
        DokumenDesaFakta(1, "apbdes", 2027, D(2026, 11, 20), "1"),  # early: on time, not yet due
    ]
    iku2 = _iku2(dokumen, periode=tahunan(2026), as_of=D(2026, 11, 29))
    # The year's figure is unchanged: 3 on time of 4 desa × 3.
    assert (iku2.numerator, iku2.denominator, str(iku2.percent)) == (3, 12, "25.00")
    s = iku2.sejauh_ini
    assert iku2.berjalan and s.belum_jatuh_tempo == 3
    # Due: 4 LPPDes + 4 RKPDes; already in though not due: 1 APBDes. An early document is on both sides.
    assert (s.numerator, s.denominator, str(s.percent), s.alasan) == (3, 9, "33.33", "")
    assert s.numerator + (s.denominator - s.numerator) + s.belum_jatuh_tempo == iku2.denominator


def test_nothing_due_yet_is_no_value_with_its_reason():
    iku2 = _iku2([], periode=tahunan(2026), as_of=D(2026, 1, 10))
    s = iku2.sejauh_ini
    assert (s.numerator, s.denominator, s.percent, s.belum_jatuh_tempo) == (0, 0, None, 12)
    assert s.alasan == "belum ada dokumen yang jatuh tempo"
    assert str(iku2.percent) == "0.00"  # the year's figure keeps its formula


def test_a_finished_year_has_nothing_not_yet_due():
    iku2 = _iku2([], periode=tahunan(2025), as_of=D(2026, 1, 1))
    assert not iku2.berjalan
    assert (iku2.sejauh_ini.numerator, iku2.sejauh_ini.denominator) == (iku2.numerator, iku2.denominator) == (0, 12)


def test_no_desa_no_value():
    iku2 = hitung_iku2([], [], periode=tahunan(2026), as_of=D(2026, 6, 1), basis="jatuh_tempo", target=None)
    assert iku2.sejauh_ini.percent is None and iku2.sejauh_ini.alasan.startswith("tidak berlaku")


def test_a_triwulan_counts_its_own_documents():
    iku2 = _iku2(
        [DokumenDesaFakta(1, "lppdes", 2025, D(2026, 3, 1), "1")], periode=triwulan(2026, 1), as_of=D(2026, 3, 15)
    )
    assert iku2.denominator == 4 and iku2.belum_jatuh_tempo == 3
    assert (iku2.sejauh_ini.numerator, iku2.sejauh_ini.denominator) == (1, 1)


def test_the_kabupaten_total_sums_numerators_and_denominators(laporan_2024, lumajang):
    from indikator.iku import iku_compute
    from wilayah.models import Kecamatan

    hasil = iku_compute(kecamatan_qs=Kecamatan.objects.all(), periode=tahunan(2025), as_of=AS_OF)
    total = total_sejauh_ini(hasil)
    assert total.numerator == sum(h.iku2.numerator for h in hasil)
    assert total.denominator == sum(h.iku2.sejauh_ini.denominator for h in hasil)
    assert total.belum_jatuh_tempo == sum(h.iku2.belum_jatuh_tempo for h in hasil)


# ---------------------------------------------------------------- on the pages and in the reports
# Senduro 2025 as of 15 January 2025: only desa 1's LPPDes TA 2024 (31 March 2024) is in; 8 not yet due.


@pytest.fixture
def hari_ini(jam):
    jam.pindah(AS_OF)
    return AS_OF


def _teks(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_kecamatan_dashboard_shows_the_year_and_the_figure_so_far(client_for, make_user, laporan_2024, hari_ini):
    page = _teks(client_for(make_user(Peran.STAF, kecamatan=laporan_2024)).get("/?tahun=2025"))
    assert "1 dokumen tepat waktu dari 9" in page and "11,11%" in page
    assert (
        "Sejauh ini: 100,00% (1 tepat waktu dari 1 dokumen yang sudah jatuh tempo atau sudah masuk); "
        "8 dokumen belum jatuh tempo." in page
    )


def test_a_finished_year_shows_no_figure_so_far(client_for, make_user, laporan_2024, hari_ini):
    page = _teks(client_for(make_user(Peran.STAF, kecamatan=laporan_2024)).get("/?tahun=2024"))
    assert "Sejauh ini" not in page


def test_kabupaten_dashboard_shows_the_figure_so_far(client_for, make_user, laporan_2024, hari_ini):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=laporan_2024.kabupaten))
    html = " ".join(client.get("/dasbor/kabupaten/?tahun=2025").content.decode().split())
    row = re.search(r'data-testid="kecamatan-35.08.12">(.*?)</tr>', html).group(1)
    assert "sejauh ini 100,00% (1 / 1); 8 belum jatuh tempo" in row
    assert "1 / 9" in row


def test_laporan_pdf_and_excel_show_the_figure_so_far(laporan_2024):
    laporan = generator.laporan_capaian_generate(kecamatan=laporan_2024, periode=tahunan(2025), as_of=AS_OF)
    teks = teks_pdf(pdf.laporan_capaian_pdf(laporan, dicetak_pada=timezone.now()))
    assert "IKU 2 sejauh ini (belum final: 8 dokumen belum jatuh tempo): 100,00% — 1 tepat waktu dari 1" in teks
    rows = list(load_workbook(io.BytesIO(xlsx.laporan_capaian_xlsx(laporan)))["Capaian"].iter_rows(values_only=True))
    sejauh = next(r for r in rows if isinstance(r[1], str) and r[1].startswith("IKU 2 sejauh ini"))
    assert "8 dokumen belum jatuh tempo" in sejauh[1]
    assert (sejauh[2], sejauh[3], float(sejauh[4])) == (1, 1, 100.0)
    # The year's row still reads 1 of 9.
    assert next(r for r in rows if r[0] == 2)[2:4] == (1, 9)
