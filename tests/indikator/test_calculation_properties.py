"""Properties that must hold for any data (hypothesis)."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.calculations import DesaFakta, DokumenDesaFakta, Fakta, KecamatanFakta, KegiatanFakta, hitung
from kecamatan.periode import tahunan

TAHUN = 2024
AS_OF = st.dates(datetime.date(2023, 6, 1), datetime.date(2026, 6, 1))

kegiatan_st = st.builds(
    KegiatanFakta,
    id=st.integers(1, 10**9),
    kecamatan_id=st.integers(1, 3),
    kategori=st.sampled_from(["fasilitasi", "koordinasi", "rekomendasi"]),
    tanggal=st.dates(datetime.date(2023, 10, 1), datetime.date(2025, 3, 31)),
    status=st.sampled_from(["rencana", "dilaksanakan", "dibatalkan"]),
    output=st.sampled_from(["", "Berita acara"]),
    tanggal_output=st.one_of(st.none(), st.dates(datetime.date(2023, 10, 1), datetime.date(2025, 12, 31))),
    jumlah_bukti_aktif=st.integers(0, 3),
)


@st.composite
def fakta_st(draw):
    kecamatan = [KecamatanFakta(id=i, kode=f"35.08.{i:02d}", nama=f"K{i}") for i in (1, 2, 3)]
    desa = [
        DesaFakta(id=10 * k + j, kecamatan_id=k, kode=f"35.08.{k:02d}.20{j:02d}", nama=f"D{j}")
        for k in (1, 2, 3)
        for j in range(draw(st.integers(0, 4)))
    ]
    dokumen = []
    for d in desa:
        for jenis, ta in [("rkpdes", 2025), ("apbdes", 2025), ("lppdes", 2023), ("rkpdes", 2024), ("lppdes", 2024)]:
            if draw(st.booleans()):
                tanggal = draw(st.one_of(st.none(), st.dates(datetime.date(2023, 1, 1), datetime.date(2025, 12, 31))))
                dokumen.append(
                    DokumenDesaFakta(desa_id=d.id, jenis=jenis, tahun_anggaran=ta, tanggal=tanggal, nomor="")
                )
    kegiatan = draw(st.lists(kegiatan_st, max_size=60, unique_by=lambda k: k.id))
    return Fakta(kecamatan=kecamatan, kegiatan=kegiatan, desa=desa, dokumen=dokumen, target={})


def _bounded(numerator, denominator, percent):
    assert 0 <= numerator <= denominator
    assert (percent is None) == (denominator == 0)
    if percent is not None:
        assert 0 <= percent <= 100


@settings(max_examples=150, deadline=None)
@given(fakta=fakta_st(), as_of=AS_OF, basis=st.sampled_from(["jatuh_tempo", "tahun_anggaran"]))
def test_figures_are_bounded_and_null_exactly_without_denominator(fakta, as_of, basis):
    for hasil in hitung(fakta, periode=tahunan(TAHUN), as_of=as_of, basis=basis):
        _bounded(hasil.iku1.numerator, hasil.iku1.denominator, hasil.iku1.percent)
        _bounded(hasil.iku2.numerator, hasil.iku2.denominator, hasil.iku2.percent)
        for r in hasil.iku2.dokumen:
            assert r.tepat_waktu + r.terlambat + r.belum_ada + r.belum_jatuh_tempo == hasil.iku2.jumlah_desa
        assert hasil.iku2.denominator == hasil.iku2.jumlah_desa * 3


@settings(max_examples=150, deadline=None)
@given(fakta=fakta_st(), as_of=AS_OF)
def test_triwulan_and_category_splits_add_up_to_the_year(fakta, as_of):
    for hasil in hitung(fakta, periode=tahunan(TAHUN), as_of=as_of, basis="jatuh_tempo"):
        iku1 = hasil.iku1
        assert sum(r.numerator for _, r in iku1.per_triwulan) == iku1.numerator
        assert sum(r.denominator for _, r in iku1.per_triwulan) == iku1.denominator
        assert sum(r.numerator for r in iku1.per_kategori.values()) == iku1.numerator
        assert sum(r.denominator for r in iku1.per_kategori.values()) == iku1.denominator


@settings(max_examples=100, deadline=None)
@given(fakta=fakta_st(), as_of=AS_OF)
def test_kabupaten_result_equals_the_per_kecamatan_results(fakta, as_of):
    together = hitung(fakta, periode=tahunan(TAHUN), as_of=as_of, basis="jatuh_tempo")
    for hasil in together:
        kid = hasil.kecamatan.id
        alone = Fakta(
            kecamatan=[hasil.kecamatan],
            kegiatan=[k for k in fakta.kegiatan if k.kecamatan_id == kid],
            desa=[d for d in fakta.desa if d.kecamatan_id == kid],
            dokumen=fakta.dokumen,
            target={},
        )
        (single,) = hitung(alone, periode=tahunan(TAHUN), as_of=as_of, basis="jatuh_tempo")
        assert (single.iku1.numerator, single.iku1.denominator) == (hasil.iku1.numerator, hasil.iku1.denominator)
        assert (single.iku2.numerator, single.iku2.denominator) == (hasil.iku2.numerator, hasil.iku2.denominator)
