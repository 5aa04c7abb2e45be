"""The IKM formula of PermenPANRB 14/2017 on hand-computed cases (docs/DESIGN.md §2.6)."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from skm.calculations import (
    Interval,
    Jawaban,
    UnsurInfo,
    hitung_per_kelompok,
    hitung_skm,
    kecukupan_sampel,
    mutu_for,
    round_half_up,
    sampel_minimum,
)
from skm.data.permenpanrb_14_2017 import INTERVAL_MUTU, UNSUR

UNSUR_INFO = [UnsurInfo(kode=k, nama=n) for k, n in UNSUR]
INTERVAL = [Interval(m, k, Decimal(b), Decimal(a)) for m, k, b, a in INTERVAL_MUTU]
HARI = datetime.date(2026, 3, 2)


def jawab(*nilai, layanan="Surat keterangan", jk="L"):
    if len(nilai) == 1:
        nilai = nilai * 9
    return Jawaban(HARI, layanan, 35, jk, "sma", "swasta", tuple(nilai))


def hitung(jawaban):
    return hitung_skm(jawaban, unsur=UNSUR_INFO, interval=INTERVAL)


def test_all_answers_4_give_100_and_mutu_a():
    hasil = hitung([jawab(4), jawab(4)])
    assert hasil.ikm == 100
    assert hasil.ikm_tampil == Decimal("100.00")
    assert (hasil.mutu, hasil.kinerja) == ("A", "Sangat Baik")
    assert all(u.nrr_tampil == Decimal("4.000") for u in hasil.unsur)


def test_all_answers_1_give_25_and_mutu_d():
    hasil = hitung([jawab(1)])
    assert hasil.ikm_tampil == Decimal("25.00")
    assert (hasil.mutu, hasil.kinerja) == ("D", "Tidak Baik")


def test_no_respondent_has_no_value_never_zero():
    hasil = hitung([])
    assert hasil.responden == 0
    assert hasil.ikm is None and hasil.ikm_tampil is None and hasil.mutu is None
    assert all(u.nrr is None and u.nrr_tampil is None for u in hasil.unsur)


def test_hand_computed_mix_without_intermediate_rounding():
    # U1: 4,3,3 → 10/3; others 3,3,3 → 3. IKM = (10/3 + 8×3)/9 × 25 = 82/27 × 25 = 75,925925… → 75,93 C.
    hasil = hitung([jawab(4, 3, 3, 3, 3, 3, 3, 3, 3), jawab(3), jawab(3)])
    assert hasil.unsur[0].nrr == Fraction(10, 3)
    assert hasil.unsur[0].nrr_tampil == Decimal("3.333")
    assert hasil.unsur[0].per_nilai == {1: 0, 2: 0, 3: 2, 4: 1}
    assert hasil.ikm == Fraction(2050, 27)
    assert hasil.ikm_tampil == Decimal("75.93")
    assert hasil.mutu == "C"


@pytest.mark.parametrize(
    ("ikm", "mutu"),
    [
        ("88.31", "A"),
        ("88.30", "B"),
        ("88.305", "A"),  # rounds half up to 88,31
        ("88.30499", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("76.605", "B"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("64.995", "C"),
        ("64.9949", "D"),
        ("100", "A"),
        ("25", "D"),
    ],
)
def test_mutu_boundaries_read_from_the_ikm_rounded_to_2_decimals(ikm, mutu):
    assert mutu_for(Fraction(ikm), INTERVAL).mutu == mutu


def test_the_bands_are_data():
    # A new regulation is a data change: another set of bands gives another mutu.
    lain = [Interval("X", "Lain", Decimal("25.00"), Decimal("100.00"))]
    assert hitung_skm([jawab(4)], unsur=UNSUR_INFO, interval=lain).mutu == "X"


def test_round_half_up_is_exact():
    assert round_half_up(Fraction(5, 1000), 2) == Decimal("0.01")
    assert round_half_up(Fraction(4999, 1000000), 2) == Decimal("0.00")
    assert round_half_up(Fraction(32405, 10000), 3) == Decimal("3.241")


def test_weakest_unsur_first():
    hasil = hitung([jawab(4, 4, 2, 4, 4, 4, 4, 1, 4)])
    assert [u.kode for u in hasil.unsur_terendah_dulu][:3] == ["U8", "U3", "U1"]


def test_per_jenis_layanan_and_profile_group():
    data = [jawab(4, layanan="Legalisasi", jk="P"), jawab(2, layanan="Rekomendasi"), jawab(4, layanan="Legalisasi")]
    per_layanan = hitung_per_kelompok(data, lambda j: j.jenis_layanan, unsur=UNSUR_INFO, interval=INTERVAL)
    assert per_layanan["Legalisasi"].ikm_tampil == Decimal("100.00")
    assert per_layanan["Rekomendasi"].ikm_tampil == Decimal("50.00")
    assert per_layanan["Rekomendasi"].responden == 1
    per_jk = hitung_per_kelompok(data, lambda j: j.jenis_kelamin, unsur=UNSUR_INFO, interval=INTERVAL)
    assert per_jk["L"].ikm == 75 and per_jk["P"].ikm == 100


@pytest.mark.parametrize(
    ("populasi", "sampel"),
    [(0, 0), (7, 7), (10, 10), (100, 80), (101, 86), (1000, 278), (10000, 370), (10001, 375), (2_000_000, 384)],
)
def test_krejcie_morgan_sample(populasi, sampel):
    assert sampel_minimum(populasi) == sampel


def test_how_far_the_sample_is():
    k = kecukupan_sampel(populasi=1000, responden=200)
    assert (k.sampel_minimum, k.kurang, k.cukup) == (278, 78, False)
    assert kecukupan_sampel(populasi=100, responden=90).cukup
