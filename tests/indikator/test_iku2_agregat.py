"""IKU 2 counted by the database (``fakta_load(agregat=True)``, the cache's miss path) gives the same
figures as the desa-by-desa computation, and its cells, loaded when read, are that computation's.

Randomized datasets (seeded, so a failure reproduces): desa and a kelurahan in two kecamatan, a third
kecamatan of kelurahan only, documents of every jenis and tahun anggaran dated on a deadline, the day
after it, before and after the as-of date; compared for several periods, bases and as-of dates
(among them a deadline day itself and the day after).
"""

import datetime
import pickle
import random

import pytest

from desa.models import DokumenDesa
from desa.tenggat import JenisDokumen, tenggat
from indikator.calculations import StatusDokumen
from indikator.iku import iku_compute_uncached
from kecamatan.periode import semester, tahunan, triwulan
from tests import factories
from wilayah.models import Desa, Kecamatan

D = datetime.date


def _dataset(rng: random.Random, kabupaten) -> list[Kecamatan]:
    kecamatan = [
        factories.KecamatanFactory(kode=f"35.08.{20 + i}", nama=f"Kec {i}", kabupaten=kabupaten) for i in range(3)
    ]
    desa = []
    for kec in kecamatan[:2]:
        desa += [factories.DesaFactory(kecamatan=kec, kode=f"{kec.kode}.{2001 + i}") for i in range(6)]
        desa.append(factories.KelurahanFactory(kecamatan=kec, kode=f"{kec.kode}.1001"))
    desa.append(factories.KelurahanFactory(kecamatan=kecamatan[2], kode=f"{kecamatan[2].kode}.1001"))
    dokumen = []
    for d in desa:
        for jenis in JenisDokumen.values:
            for ta in range(2023, 2028):
                if rng.random() < 0.25:
                    continue
                batas = tenggat(jenis, ta)
                tanggal = rng.choice(
                    [batas, batas + datetime.timedelta(days=1), batas - datetime.timedelta(days=rng.randrange(1, 200))]
                    + [batas + datetime.timedelta(days=rng.randrange(2, 400))]
                )
                dokumen.append(
                    DokumenDesa(desa=d, jenis=jenis, tahun_anggaran=ta, tanggal=tanggal, nomor=f"{ta}/{jenis}")
                )
    DokumenDesa.objects.bulk_create(dokumen)
    return kecamatan


def _sama(cepat, lengkap):
    assert len(cepat) == len(lengkap)
    for a_list, b_list in zip(cepat, lengkap, strict=True):
        assert [h.kecamatan for h in a_list] == [h.kecamatan for h in b_list]
        for a, b in zip(a_list, b_list, strict=True):
            for ra, rb in zip(a.iku2.dokumen, b.iku2.dokumen, strict=True):
                for status in StatusDokumen:
                    assert ra.jumlah(status) == rb.jumlah(status), (a.kecamatan, ra.wajib, status)
            # Basis, year, desa, target and, per document, its counts and (loaded on this read) its cells.
            assert a.iku2 == b.iku2
            assert (a.iku2.numerator, a.iku2.denominator, a.iku2.sejauh_ini) == (
                b.iku2.numerator,
                b.iku2.denominator,
                b.iku2.sejauh_ini,
            )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agregat_sama_dengan_per_desa(db, kabupaten, seed):
    rng = random.Random(seed)
    kecamatan = _dataset(rng, kabupaten)
    qs = Kecamatan.objects.filter(pk__in=[k.pk for k in kecamatan])
    kasus = [
        ([tahunan(2025)], D(2026, 11, 29), "jatuh_tempo"),
        ([tahunan(2025)], D(2026, 11, 29), "tahun_anggaran"),
        ([tahunan(2025), tahunan(2024)], D(2025, 8, 14), "jatuh_tempo"),
        # The APBDes TA 2026 deadline day, then the day after: on time turns to "belum ada" or late.
        ([tahunan(2025)], D(2025, 12, 31), "jatuh_tempo"),
        ([tahunan(2025)], D(2026, 1, 1), "jatuh_tempo"),
        # The LPPDes TA 2024 deadline day and the day after, inside a short period.
        ([triwulan(2025, 1)], D(2025, 3, 31), "jatuh_tempo"),
        ([triwulan(2025, 1), triwulan(2024, 1)], D(2025, 4, 1), "jatuh_tempo"),
        # A period with no document due yet (none in its list), then one in the middle of a year.
        ([triwulan(2026, 1)], D(2026, 2, 1), "tahun_anggaran"),
        ([semester(2026, 2)], D(2026, 9, 30), "jatuh_tempo"),
    ]
    for periode_list, as_of, basis in kasus:
        args = {"kecamatan_qs": qs, "periode_list": periode_list, "as_of": as_of, "basis": basis}
        _sama(iku_compute_uncached(**args), iku_compute_uncached(**args, agregat=False))


def test_kelurahan_saja_tidak_berlaku_dan_kecamatan_lain_tidak_terhitung(db, kabupaten, senduro):
    """A kecamatan of kelurahan alone has no IKU 2; another kecamatan's desa and documents never count."""
    kota = factories.KecamatanFactory(kode="35.08.01", nama="Lumajang", kabupaten=kabupaten)
    kelurahan = factories.KelurahanFactory(kecamatan=kota, kode="35.08.01.1001")
    factories.DokumenDesaFactory(desa=kelurahan, jenis="apbdes", tahun_anggaran=2026, tanggal=D(2025, 12, 1))
    lain = factories.KecamatanFactory(kode="35.08.02", nama="Lain", kabupaten=kabupaten)
    desa_lain = factories.DesaFactory(kecamatan=lain, kode="35.08.02.2001")
    factories.DokumenDesaFactory(desa=desa_lain, jenis="apbdes", tahun_anggaran=2026, tanggal=D(2025, 12, 1))
    desa = Desa.objects.get(kode="35.08.12.2001")
    factories.DokumenDesaFactory(desa=desa, jenis="apbdes", tahun_anggaran=2026, tanggal=D(2025, 12, 31))
    ((k, s),) = iku_compute_uncached(
        kecamatan_qs=Kecamatan.objects.filter(pk__in=[senduro.pk, kota.pk]).order_by("kode"),
        periode_list=[tahunan(2025)],
        as_of=D(2026, 1, 1),
        basis="jatuh_tempo",
    )
    assert (k.kecamatan.nama, k.iku2.berlaku, k.iku2.numerator, k.iku2.denominator) == ("Lumajang", False, 0, 0)
    assert s.kecamatan.nama == "Senduro"
    assert (s.iku2.jumlah_desa, s.iku2.numerator, s.iku2.denominator) == (3, 1, 9)
    apbdes = s.iku2.rincian("apbdes")
    assert (apbdes.tepat_waktu, apbdes.belum_ada) == (1, 2)


def test_sel_dimuat_sekali_saat_dibaca_dan_tidak_ikut_tersimpan(db, senduro, django_assert_num_queries):
    """The counts come without the cells; the first read loads the cells of every document at once
    (desa, then documents); the cache pickles the counts alone and a read after it loads them again."""
    desa = Desa.objects.get(kode="35.08.12.2002")
    factories.DokumenDesaFactory(desa=desa, jenis="rkpdes", tahun_anggaran=2026, tanggal=D(2025, 9, 30))
    factories.DokumenDesaFactory(desa=desa, jenis="lppdes", tahun_anggaran=2024, tanggal=D(2025, 4, 1))
    ((hasil,),) = iku_compute_uncached(
        kecamatan_qs=Kecamatan.objects.filter(pk=senduro.pk),
        periode_list=[tahunan(2025)],
        as_of=D(2025, 12, 31),
        basis="jatuh_tempo",
    )
    rincian = hasil.iku2.dokumen
    assert [r._sel for r in rincian] == [None, None, None]
    with django_assert_num_queries(2):
        statuses = [[sel.status for sel in r.sel] for r in rincian]
    assert statuses == [
        ["belum_ada", "tepat_waktu", "belum_ada"],  # RKPDes TA 2026, due 30 September 2025 (the day itself)
        ["belum_jatuh_tempo"] * 3,  # APBDes TA 2026, due 31 December 2025 = the as-of date
        ["belum_ada", "terlambat", "belum_ada"],  # LPPDes TA 2024, due 31 March 2025: a day late
    ]
    assert [s.desa.nama for s in rincian[0].sel] == ["Kandangtepus", "Kandangan", "Argosari"]
    kembali = pickle.loads(pickle.dumps(hasil))
    assert [r._sel for r in kembali.iku2.dokumen] == [None, None, None]
    assert kembali.iku2 == hasil.iku2


@pytest.mark.parametrize("batas", [0, 500])
def test_anggota_bernama_atau_lewat_query_sama(db, kabupaten, monkeypatch, batas):
    """The statement names the members read by the cache (their ids) or, past the literal limit, the
    scoped set's own query: the same figures, and only the set's kecamatan."""
    from indikator import agregat

    kecamatan = _dataset(random.Random(5), kabupaten)
    factories.KecamatanFactory(kode="35.08.30", nama="Di luar", kabupaten=kabupaten)
    qs = Kecamatan.objects.filter(pk__in=[k.pk for k in kecamatan[:2]])
    args = {"periode_list": [tahunan(2025)], "as_of": D(2026, 3, 1), "basis": "jatuh_tempo"}
    (rujukan,) = iku_compute_uncached(kecamatan_qs=qs, agregat=False, **args)
    monkeypatch.setattr(agregat, "BATAS_ID_LITERAL", batas)
    (hasil,) = iku_compute_uncached(kecamatan_qs=qs, kecamatan_ids=[k.pk for k in kecamatan[:2]], **args)
    assert [h.kecamatan.nama for h in hasil] == ["Kec 0", "Kec 1"]
    for a, b in zip(hasil, rujukan, strict=True):
        assert a.iku1 == b.iku1 and a.iku2 == b.iku2
    assert iku_compute_uncached(kecamatan_qs=qs, kecamatan_ids=[], **args) == [[]]
    # A user with no kecamatan in scope gets an empty set, which the ORM compiles to no statement at all.
    for kosong in (Kecamatan.objects.none(), Kecamatan.objects.filter(pk__in=[])):
        assert iku_compute_uncached(kecamatan_qs=kosong, **args) == [[]]
        assert iku_compute_uncached(kecamatan_qs=kosong, agregat=False, **args) == [[]]


def test_target_terbaca_persis_dari_pernyataan(db, senduro):
    """Targets come back in hundredths through the statement: exact on SQLite too, where a DecimalField is
    kept as a REAL (33.33 × 100 is 3332.9999… there)."""
    from decimal import Decimal

    from indikator.models import TargetIKU

    TargetIKU.objects.create(kecamatan=senduro, indikator="iku1", tahun=2025, target=Decimal("33.33"))
    TargetIKU.objects.create(kecamatan=senduro, indikator="iku2", tahun=2025, target=Decimal("87.5"))
    TargetIKU.objects.create(kecamatan=senduro, indikator="iku1", tahun=2024, target=Decimal("100"))
    ((sekarang,), (lalu,)) = iku_compute_uncached(
        kecamatan_qs=Kecamatan.objects.filter(pk=senduro.pk),
        kecamatan_ids=[senduro.pk],
        periode_list=[tahunan(2025), tahunan(2024)],
        as_of=D(2025, 12, 31),
        basis="jatuh_tempo",
    )
    assert (sekarang.iku1.target, sekarang.iku2.target) == (Decimal("33.33"), Decimal("87.50"))
    assert str(sekarang.iku1.target) == "33.33"
    assert (lalu.iku1.target, lalu.iku2.target) == (Decimal("100.00"), None)
