"""Exact figures for the rules of docs/DESIGN.md §2.2–2.4, computed without a database."""

import datetime
from decimal import Decimal

import pytest

from desa.tenggat import StatusDokumen
from indikator.calculations import (
    DesaFakta,
    DokumenDesaFakta,
    KegiatanFakta,
    capaian,
    hitung_iku1,
    hitung_iku2,
    persen,
)
from kecamatan.periode import PeriodeTidakSah, rentang, semester, tahunan, triwulan

D = datetime.date
_ids = iter(range(1, 10_000))


def kegiatan(tanggal, *, status="dilaksanakan", output="BA hasil", tanggal_output=None, bukti=1, kategori="fasilitasi"):
    return KegiatanFakta(
        id=next(_ids),
        kecamatan_id=1,
        kategori=kategori,
        tanggal=tanggal,
        status=status,
        output=output,
        tanggal_output=tanggal_output if tanggal_output is not None or not output else tanggal,
        jumlah_bukti_aktif=bukti,
    )


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [(2, 3, "66.67"), (6, 7, "85.71"), (1, 32, "3.13"), (1, 8, "12.50"), (0, 5, "0.00"), (5, 5, "100.00")],
)
def test_percent_rounds_half_up_at_the_end(num, den, expected):
    assert persen(num, den) == Decimal(expected)


def test_zero_denominator_has_no_value():
    assert persen(0, 0) is None


def test_capaian_is_realisasi_over_target():
    assert capaian(4, 5, Decimal("100")) == Decimal("80.00")
    assert capaian(6, 7, Decimal("90")) == Decimal("95.24")  # 85,714…/90, not 85,71/90 = 95,23
    assert capaian(0, 0, Decimal("100")) is None
    assert capaian(1, 2, None) is None
    assert capaian(1, 2, Decimal("0")) is None


@pytest.mark.parametrize(
    ("num", "den", "target", "expected"),
    [
        (11, 61, "50", "36.07"),  # 36,0656…; from the rounded 18,03 it was 36,06
        (2, 3, "50", "133.33"),  # from 66,67 it was 133,34
        (6, 36, "75", "22.22"),  # from 16,67 it was 22,23
        (26, 54, "47", "102.44"),  # docs/DESIGN.md §2.4's own example
        (1, 8, "50", "25.00"),
    ],
)
def test_capaian_is_rounded_once_from_the_exact_realisasi(num, den, target, expected):
    assert capaian(num, den, Decimal(target)) == Decimal(expected)


class TestIKU1:
    AS_OF = D(2024, 6, 30)

    def hitung(self, items, periode=None, as_of=None):
        return hitung_iku1(items, periode=periode or tahunan(2024), as_of=as_of or self.AS_OF, target=Decimal(100))

    def test_output_and_bukti_both_needed(self):
        items = [
            kegiatan(D(2024, 2, 1)),  # both: counts
            kegiatan(D(2024, 2, 2), bukti=0),  # output only
            kegiatan(D(2024, 2, 3), output="", bukti=2),  # bukti only
            kegiatan(D(2024, 2, 4), output="", bukti=0),  # neither
        ]
        hasil = self.hitung(items)
        assert (hasil.numerator, hasil.denominator, hasil.percent) == (1, 4, Decimal("25.00"))
        assert hasil.capaian == Decimal("25.00")
        assert hasil.kegiatan_ditindaklanjuti == [items[0].id]
        assert hasil.kegiatan_belum_ditindaklanjuti == [i.id for i in items[1:]]

    def test_output_on_the_as_of_date_counts_and_the_day_after_does_not(self):
        on = kegiatan(D(2024, 6, 1), tanggal_output=self.AS_OF)
        after = kegiatan(D(2024, 6, 1), tanggal_output=self.AS_OF + datetime.timedelta(days=1))
        hasil = self.hitung([on, after])
        assert (hasil.numerator, hasil.denominator) == (1, 2)

    def test_only_carried_out_kegiatan_count(self):
        items = [
            kegiatan(D(2024, 3, 1)),
            kegiatan(D(2024, 3, 1), status="rencana", output=""),
            kegiatan(D(2024, 3, 1), status="dibatalkan", output=""),
        ]
        assert self.hitung(items).denominator == 1

    def test_kegiatan_after_the_as_of_date_has_not_happened(self):
        items = [kegiatan(self.AS_OF, tanggal_output=self.AS_OF), kegiatan(self.AS_OF + datetime.timedelta(days=1))]
        hasil = self.hitung(items)
        assert (hasil.numerator, hasil.denominator) == (1, 1)

    def test_period_boundaries_are_inclusive(self):
        items = [kegiatan(D(2023, 12, 31)), kegiatan(D(2024, 1, 1)), kegiatan(D(2024, 12, 31)), kegiatan(D(2025, 1, 1))]
        hasil = self.hitung(items, as_of=D(2025, 6, 1))
        assert hasil.denominator == 2
        q1 = self.hitung(items, periode=triwulan(2024, 1), as_of=D(2025, 6, 1))
        assert q1.denominator == 1

    def test_empty_period_has_no_value_not_zero(self):
        hasil = self.hitung([])
        assert hasil.percent is None
        assert hasil.capaian is None

    def test_all_three_categories_count_and_split(self):
        items = [
            kegiatan(D(2024, 1, 5), kategori="fasilitasi"),
            kegiatan(D(2024, 4, 5), kategori="koordinasi", bukti=0),
            kegiatan(D(2024, 4, 6), kategori="rekomendasi"),
        ]
        hasil = self.hitung(items)
        assert (hasil.numerator, hasil.denominator) == (2, 3)
        assert hasil.per_kategori["koordinasi"].percent == Decimal("0.00")
        assert hasil.per_kategori["rekomendasi"].percent == Decimal("100.00")
        assert [(tw.nomor, r.numerator, r.denominator) for tw, r in hasil.per_triwulan] == [
            (1, 1, 1),
            (2, 1, 2),
            (3, 0, 0),
            (4, 0, 0),
        ]
        assert hasil.per_triwulan[2][1].percent is None


DESA = [DesaFakta(id=i, kecamatan_id=1, kode=f"35.08.12.20{i:02d}", nama=f"Desa {i}") for i in (1, 2, 3, 4)]


def dok(desa, jenis, ta, tanggal):
    return DokumenDesaFakta(desa_id=desa.id, jenis=jenis, tahun_anggaran=ta, tanggal=tanggal, nomor="1")


AS_OF_2025 = D(2025, 1, 15)


class TestIKU2:
    def hitung(self, docs, periode=None, as_of=AS_OF_2025, basis="jatuh_tempo", desa=DESA):
        return hitung_iku2(desa, docs, periode=periode or tahunan(2024), as_of=as_of, basis=basis, target=Decimal(100))

    def test_measurement_year_under_jatuh_tempo(self):
        hasil = self.hitung([])
        assert [(r.wajib.jenis, r.wajib.tahun_anggaran, r.wajib.tenggat) for r in hasil.dokumen] == [
            ("rkpdes", 2025, D(2024, 9, 30)),
            ("apbdes", 2025, D(2024, 12, 31)),
            ("lppdes", 2023, D(2024, 3, 31)),
        ]
        assert hasil.denominator == 12
        assert (hasil.numerator, hasil.percent) == (0, Decimal("0.00"))
        assert all(r.belum_ada == 4 for r in hasil.dokumen)

    def test_measurement_year_under_tahun_anggaran(self):
        hasil = self.hitung([], basis="tahun_anggaran", as_of=D(2024, 6, 1))
        assert [(r.wajib.tahun_anggaran, r.wajib.tenggat) for r in hasil.dokumen] == [
            (2024, D(2023, 9, 30)),
            (2024, D(2023, 12, 31)),
            (2024, D(2025, 3, 31)),
        ]
        lpp = hasil.rincian("lppdes")
        assert lpp.belum_jatuh_tempo == 4
        assert hasil.denominator == 12

    def test_deadline_day_is_on_time_and_the_day_after_is_late(self):
        d1, d2, d3, _ = DESA
        docs = [
            dok(d1, "rkpdes", 2025, D(2024, 9, 30)),
            dok(d2, "rkpdes", 2025, D(2024, 10, 1)),
            dok(d1, "apbdes", 2025, D(2024, 12, 31)),
            dok(d2, "apbdes", 2025, D(2025, 1, 1)),
            dok(d1, "lppdes", 2023, D(2024, 3, 31)),
            dok(d2, "lppdes", 2023, D(2024, 4, 1)),
            dok(d3, "lppdes", 2023, D(2024, 2, 29)),  # leap day
        ]
        hasil = self.hitung(docs)
        rkp, apb, lpp = hasil.dokumen
        assert [s.status for s in rkp.sel] == [
            StatusDokumen.TEPAT_WAKTU,
            StatusDokumen.TERLAMBAT,
            StatusDokumen.BELUM_ADA,
            StatusDokumen.BELUM_ADA,
        ]
        assert (apb.tepat_waktu, apb.terlambat, apb.belum_ada) == (1, 1, 2)
        assert (lpp.tepat_waktu, lpp.terlambat, lpp.belum_ada) == (2, 1, 1)
        assert (hasil.numerator, hasil.denominator, hasil.percent) == (4, 12, Decimal("33.33"))
        assert lpp.percent == Decimal("50.00")

    def test_a_date_after_the_as_of_date_counts_as_no_date_yet(self):
        d1 = DESA[0]
        docs = [dok(d1, "apbdes", 2025, D(2024, 12, 20))]
        before = self.hitung(docs, as_of=D(2024, 12, 19))
        assert before.rincian("apbdes").sel[0].status == StatusDokumen.BELUM_JATUH_TEMPO
        on = self.hitung(docs, as_of=D(2024, 12, 20))
        assert on.rincian("apbdes").sel[0].status == StatusDokumen.TEPAT_WAKTU
        late = self.hitung([dok(d1, "apbdes", 2025, D(2025, 1, 2))], as_of=D(2025, 1, 1))
        assert late.rincian("apbdes").sel[0].status == StatusDokumen.BELUM_ADA

    def test_kecamatan_without_desa_is_not_applicable(self):
        hasil = self.hitung([], desa=[])
        assert not hasil.berlaku
        assert (hasil.numerator, hasil.denominator, hasil.percent, hasil.capaian) == (0, 0, None, None)

    def test_shorter_period_counts_documents_due_by_its_end(self):
        q1 = self.hitung([], periode=triwulan(2024, 1))
        assert [r.wajib.jenis for r in q1.dokumen] == ["lppdes"]
        assert q1.denominator == 4
        q3 = self.hitung([], periode=triwulan(2024, 3))
        assert [r.wajib.jenis for r in q3.dokumen] == ["rkpdes", "lppdes"]
        s1 = self.hitung([], periode=semester(2024, 1))
        assert s1.denominator == 4
        assert self.hitung([], periode=triwulan(2024, 4)).denominator == 12


def test_periods():
    assert triwulan(2024, 1).selesai == D(2024, 3, 31)
    assert triwulan(2024, 4).selesai == D(2024, 12, 31)
    assert semester(2024, 2).mulai == D(2024, 7, 1)
    assert triwulan(2024, 2).label == "Triwulan II 2024"
    assert tahunan(2024).setahun_sebelumnya() == tahunan(2023)
    assert rentang(D(2024, 2, 29), D(2024, 3, 1)).setahun_sebelumnya().mulai == D(2023, 2, 28)
    with pytest.raises(PeriodeTidakSah):
        rentang(D(2024, 3, 1), D(2024, 2, 1))
    with pytest.raises(PeriodeTidakSah):
        rentang(D(2024, 12, 1), D(2025, 1, 31))
