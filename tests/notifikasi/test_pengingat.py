"""The reminder rule at its boundaries (docs/DESIGN.md §2.7): H-30, H-7, H-1, H+1 and the days next to them."""

import datetime

import pytest

from notifikasi.pengingat import DesaPengingat, pengingat_jatuh, wajib_pada_langkah

D = datetime.date


def _desa(desa_id=1, ada=(), operator_ids=(10,), kecamatan_id=100, menunggu=()):
    return DesaPengingat(
        desa_id=desa_id,
        nama=f"Desa {desa_id}",
        kecamatan_id=kecamatan_id,
        operator_ids=operator_ids,
        ada=frozenset(ada),
        menunggu=frozenset(menunggu),
    )


def _langkah(tanggal):
    return sorted((langkah, w.jenis, w.tahun_anggaran) for langkah, w in wajib_pada_langkah(tanggal))


# LPPDes TA 2025 is due 31 March 2026; RKPDes TA 2027 on 30 September 2026; APBDes TA 2027 on 31 December 2026.
@pytest.mark.parametrize(
    ("tanggal", "harapan"),
    [
        (D(2026, 3, 1), [("H-30", "lppdes", 2025)]),
        (D(2026, 2, 28), []),
        (D(2026, 3, 2), []),
        (D(2026, 3, 24), [("H-7", "lppdes", 2025)]),
        (D(2026, 3, 23), []),
        (D(2026, 3, 25), []),
        (D(2026, 3, 30), [("H-1", "lppdes", 2025)]),
        (D(2026, 3, 31), []),  # the deadline day itself: still in time, no reminder
        (D(2026, 4, 1), [("H+1", "lppdes", 2025)]),
        (D(2026, 4, 2), []),
        (D(2026, 8, 31), [("H-30", "rkpdes", 2027)]),
        (D(2026, 9, 29), [("H-1", "rkpdes", 2027)]),
        (D(2026, 10, 1), [("H+1", "rkpdes", 2027)]),
        (D(2026, 12, 1), [("H-30", "apbdes", 2027)]),
        (D(2026, 12, 24), [("H-7", "apbdes", 2027)]),
        (D(2026, 12, 30), [("H-1", "apbdes", 2027)]),
        # Across the year end: the day after 31 December is 1 January of the next year.
        (D(2027, 1, 1), [("H+1", "apbdes", 2027)]),
    ],
)
def test_steps_fall_on_their_day_and_not_the_days_next_to_them(tanggal, harapan):
    assert _langkah(tanggal) == harapan


def test_leap_year_h30_of_31_march_is_1_march_and_29_february_is_nothing():
    # 2028 is a leap year: 31 March − 30 days is still 1 March, and 29 February is H-31.
    assert _langkah(D(2028, 3, 1)) == [("H-30", "lppdes", 2027)]
    assert _langkah(D(2028, 2, 29)) == []
    assert _langkah(D(2027, 3, 1)) == [("H-30", "lppdes", 2026)]


def test_only_missing_documents_remind_operators_and_the_kasi_once_per_document():
    desa = [
        _desa(1, operator_ids=(10, 11)),
        _desa(2, ada={("lppdes", 2025)}, operator_ids=(20,)),
        _desa(3, operator_ids=()),
    ]
    hasil = pengingat_jatuh(desa_list=desa, kasi_per_kecamatan={100: [50]}, tanggal=D(2026, 3, 24))
    penerima = sorted((p.penerima_id, p.desa) for p in hasil)
    assert penerima == [(10, ("Desa 1",)), (11, ("Desa 1",)), (50, ("Desa 1", "Desa 3"))]
    assert {p.langkah for p in hasil} == {"H-7"}
    kunci = {p.kunci for p in hasil}
    assert kunci == {"pengingat:lppdes:2025:H-7:desa:1", "pengingat:lppdes:2025:H-7:kecamatan:100"}


def test_nothing_when_every_desa_has_its_document():
    desa = [_desa(1, ada={("lppdes", 2025)})]
    assert pengingat_jatuh(desa_list=desa, kasi_per_kecamatan={100: [50]}, tanggal=D(2026, 4, 1)) == []


def test_the_rule_reads_no_clock(monkeypatch):
    import notifikasi.pengingat as modul

    assert "timezone" not in vars(modul) and "now" not in modul.__dict__
    hasil = pengingat_jatuh(desa_list=[_desa(1)], kasi_per_kecamatan={}, tanggal=D(2026, 4, 1))
    assert [p.langkah for p in hasil] == ["H+1"]


def test_a_waiting_submission_quiets_the_operator_and_is_named_to_the_kasi():
    desa = [_desa(1, menunggu={("lppdes", 2025)}, operator_ids=(10,)), _desa(2, operator_ids=(20,))]
    hasil = pengingat_jatuh(desa_list=desa, kasi_per_kecamatan={100: [50]}, tanggal=D(2026, 3, 24))
    assert sorted((p.penerima_id, p.desa) for p in hasil) == [
        (20, ("Desa 2",)),
        (50, ("Desa 1 (pengajuan menunggu)", "Desa 2")),
    ]
