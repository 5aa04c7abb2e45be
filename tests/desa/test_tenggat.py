"""The deadline rules of docs/DESIGN.md §2.3, with exact dates (2024 is a leap year, 2025 and 2026 are not)."""

import datetime

import pytest

from desa.tenggat import (
    Basis,
    DokumenWajib,
    JenisDokumen,
    StatusDokumen,
    dokumen_wajib,
    dokumen_wajib_periode,
    status_dokumen,
    tenggat,
)

D = datetime.date
RKP, APB, LPP = JenisDokumen.RKPDES, JenisDokumen.APBDES, JenisDokumen.LPPDES
JT, TA = Basis.JATUH_TEMPO, Basis.TAHUN_ANGGARAN
SEHARI = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("jenis", "tahun_anggaran", "expected"),
    [
        (RKP, 2025, D(2024, 9, 30)),
        (RKP, 2026, D(2025, 9, 30)),
        (RKP, 2027, D(2026, 9, 30)),
        (APB, 2025, D(2024, 12, 31)),
        (APB, 2026, D(2025, 12, 31)),
        (APB, 2027, D(2026, 12, 31)),
        (LPP, 2023, D(2024, 3, 31)),
        (LPP, 2024, D(2025, 3, 31)),
        (LPP, 2025, D(2026, 3, 31)),
    ],
)
def test_deadline_of_each_document(jenis, tahun_anggaran, expected):
    assert tenggat(jenis, tahun_anggaran) == expected


# Written out by hand so the test does not repeat the implementation.
MEASUREMENT_YEARS = {
    (2024, JT): [(RKP, 2025, D(2024, 9, 30)), (APB, 2025, D(2024, 12, 31)), (LPP, 2023, D(2024, 3, 31))],
    (2025, JT): [(RKP, 2026, D(2025, 9, 30)), (APB, 2026, D(2025, 12, 31)), (LPP, 2024, D(2025, 3, 31))],
    (2026, JT): [(RKP, 2027, D(2026, 9, 30)), (APB, 2027, D(2026, 12, 31)), (LPP, 2025, D(2026, 3, 31))],
    (2024, TA): [(RKP, 2024, D(2023, 9, 30)), (APB, 2024, D(2023, 12, 31)), (LPP, 2024, D(2025, 3, 31))],
    (2025, TA): [(RKP, 2025, D(2024, 9, 30)), (APB, 2025, D(2024, 12, 31)), (LPP, 2025, D(2026, 3, 31))],
    (2026, TA): [(RKP, 2026, D(2025, 9, 30)), (APB, 2026, D(2025, 12, 31)), (LPP, 2026, D(2027, 3, 31))],
}


@pytest.mark.parametrize(("key", "expected"), MEASUREMENT_YEARS.items(), ids=lambda v: str(v))
def test_documents_of_a_measurement_year(key, expected):
    tahun, basis = key
    assert dokumen_wajib(tahun, basis) == [DokumenWajib(*row) for row in expected]


@pytest.mark.parametrize("tahun", [2024, 2025, 2026])
def test_jatuh_tempo_basis_puts_every_deadline_inside_the_year(tahun):
    assert {d.tenggat.year for d in dokumen_wajib(tahun, JT)} == {tahun}


def _cases():
    for (tahun, basis), rows in MEASUREMENT_YEARS.items():
        for jenis, tahun_anggaran, batas in rows:
            yield pytest.param(batas, id=f"{basis}-{tahun}-{jenis}-TA{tahun_anggaran}")


@pytest.mark.parametrize("batas", list(_cases()))
class TestStatusOnTheDeadlineAndTheDayAfter:
    def test_entered_on_the_deadline_day_is_on_time(self, batas):
        assert status_dokumen(tanggal=batas, tenggat=batas, as_of=batas) == StatusDokumen.TEPAT_WAKTU

    def test_entered_the_day_after_is_late(self, batas):
        after = batas + SEHARI
        assert status_dokumen(tanggal=after, tenggat=batas, as_of=after) == StatusDokumen.TERLAMBAT

    def test_missing_on_the_deadline_day_is_not_yet_due(self, batas):
        assert status_dokumen(tanggal=None, tenggat=batas, as_of=batas) == StatusDokumen.BELUM_JATUH_TEMPO

    def test_missing_the_day_after_is_belum_ada(self, batas):
        assert status_dokumen(tanggal=None, tenggat=batas, as_of=batas + SEHARI) == StatusDokumen.BELUM_ADA

    def test_on_time_document_stays_on_time_later(self, batas):
        assert status_dokumen(tanggal=batas, tenggat=batas, as_of=batas + 400 * SEHARI) == StatusDokumen.TEPAT_WAKTU


def test_leap_year_boundaries_cross_the_year_and_february():
    # APBDes TA 2025: deadline 31 Desember 2024 (day 366 of a leap year), late on 1 Januari 2025.
    batas = tenggat(APB, 2025)
    assert batas == D(2024, 12, 31) and batas + SEHARI == D(2025, 1, 1)
    assert status_dokumen(tanggal=D(2024, 12, 31), tenggat=batas, as_of=D(2025, 1, 1)) == StatusDokumen.TEPAT_WAKTU
    assert status_dokumen(tanggal=D(2025, 1, 1), tenggat=batas, as_of=D(2025, 1, 1)) == StatusDokumen.TERLAMBAT
    # LPPDes TA 2023: 29 Februari 2024 is simply an early day.
    assert status_dokumen(tanggal=D(2024, 2, 29), tenggat=tenggat(LPP, 2023), as_of=D(2024, 4, 1)) == (
        StatusDokumen.TEPAT_WAKTU
    )
    assert status_dokumen(tanggal=D(2024, 4, 1), tenggat=tenggat(LPP, 2023), as_of=D(2024, 4, 1)) == (
        StatusDokumen.TERLAMBAT
    )


def test_a_date_after_the_as_of_date_counts_as_no_date_yet():
    batas = D(2026, 9, 30)
    # Entered in advance (on time) but viewed before that date: not there yet.
    assert status_dokumen(tanggal=D(2026, 9, 20), tenggat=batas, as_of=D(2026, 9, 19)) == (
        StatusDokumen.BELUM_JATUH_TEMPO
    )
    # A late date viewed after the deadline but before the date itself: belum ada, not terlambat.
    assert status_dokumen(tanggal=D(2026, 10, 5), tenggat=batas, as_of=D(2026, 10, 4)) == StatusDokumen.BELUM_ADA
    assert status_dokumen(tanggal=D(2026, 10, 5), tenggat=batas, as_of=D(2026, 10, 5)) == StatusDokumen.TERLAMBAT
    # The as-of date itself has happened.
    assert status_dokumen(tanggal=D(2026, 9, 20), tenggat=batas, as_of=D(2026, 9, 20)) == StatusDokumen.TEPAT_WAKTU


@pytest.mark.parametrize(
    ("tahun", "basis", "akhir", "expected"),
    [
        (2025, JT, D(2025, 3, 30), []),
        (2025, JT, D(2025, 3, 31), [(LPP, 2024)]),
        (2025, JT, D(2025, 6, 30), [(LPP, 2024)]),
        (2025, JT, D(2025, 9, 30), [(RKP, 2026), (LPP, 2024)]),
        (2025, JT, D(2025, 12, 30), [(RKP, 2026), (LPP, 2024)]),
        (2025, JT, D(2025, 12, 31), [(RKP, 2026), (APB, 2026), (LPP, 2024)]),
        (2024, JT, D(2024, 3, 31), [(LPP, 2023)]),
        # Under tahun_anggaran the Perdes fall due the year before; the LPPDes the year after.
        (2025, TA, D(2025, 3, 31), [(RKP, 2025), (APB, 2025)]),
        (2025, TA, D(2025, 12, 31), [(RKP, 2025), (APB, 2025), (LPP, 2025)]),
    ],
)
def test_documents_of_a_shorter_period(tahun, basis, akhir, expected):
    hasil = dokumen_wajib_periode(tahun, basis, akhir_periode=akhir)
    assert [(d.jenis, d.tahun_anggaran) for d in hasil] == expected


def test_unknown_jenis_or_basis_is_an_error():
    with pytest.raises(ValueError):
        tenggat("perdes", 2025)
    with pytest.raises(ValueError):
        dokumen_wajib(2025, "kalender")


def test_labels_are_indonesian():
    assert [s.label for s in StatusDokumen] == ["Tepat waktu", "Terlambat", "Belum ada", "Belum jatuh tempo"]
    assert DokumenWajib(RKP, 2027, D(2026, 9, 30)).label == "RKPDes TA 2027"


def test_basis_comes_from_settings(settings):
    from desa.selectors import iku2_basis

    assert iku2_basis() == "jatuh_tempo"
    settings.IKU2_BASIS = "tahun_anggaran"
    assert iku2_basis() == "tahun_anggaran"
