"""IKU 1 counted by the database (``fakta_load(agregat=True)``, the cache's miss path) gives the same
figures and, when read, the same lists of counted kegiatan as the row-by-row computation.

Randomized datasets (seeded, so a failure reproduces): kegiatan of every status, kategori and seksi
across two kecamatan and three years, outputs blank, of whitespace alone or written, dated before or
after the as-of date, with live and removed bukti; compared for several periods and as-of dates,
including a period with its year before (one load for both) and a range longer than a year.
"""

import datetime
import pickle
import random

import pytest

from indikator.iku import iku_compute_uncached
from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, Seksi, UraianAktivitas
from kecamatan.periode import rentang, semester, tahunan, triwulan
from tests import factories
from wilayah.models import Kecamatan

OUTPUT = ["BA rapat", " ", "\u00a0\n\t", "Notulen "]


def _dataset(rng: random.Random, kecamatan: list[Kecamatan]) -> None:
    uraian = list(UraianAktivitas.objects.select_related("jenis").order_by("pk"))
    uraian = [next(u for u in uraian if u.jenis.kategori == k) for k in sorted({u.jenis.kategori for u in uraian})]
    seksi = {k.pk: [None, *(Seksi.objects.create(kecamatan=k, nama=f"Seksi {i}") for i in range(2))] for k in kecamatan}
    kegiatan = []
    for _ in range(160):
        kec = rng.choice(kecamatan)
        tanggal = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(3 * 365))
        output, tanggal_output = "", None
        if rng.random() < 0.7:
            output = rng.choice(OUTPUT)
            tanggal_output = tanggal + datetime.timedelta(days=rng.randrange(-5, 120))
        k = Kegiatan(
            kecamatan=kec,
            seksi=rng.choice(seksi[kec.pk]),
            tanggal=tanggal,
            status=rng.choice(
                [*[Kegiatan.Status.DILAKSANAKAN] * 4, Kegiatan.Status.RENCANA, Kegiatan.Status.DIBATALKAN]
            ),
            output=output,
            tanggal_output=tanggal_output,
            keterangan="",
        )
        k.snapshot_katalog(rng.choice(uraian))
        kegiatan.append(k)
    kegiatan = Kegiatan.objects.bulk_create(kegiatan)
    jenis = JenisBukti.objects.first()
    bukti = []
    for k in kegiatan:
        for i in range(rng.choice([0, 0, 1, 2])):
            dihapus = rng.random() < 0.4
            bukti.append(
                BuktiPendukung(
                    kegiatan=k,
                    jenis=jenis,
                    nomor=f"BA/{k.pk}/{i}",
                    tanggal=k.tanggal,
                    dihapus_pada=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC) if dihapus else None,
                )
            )
    BuktiPendukung.objects.bulk_create(bukti)


def _sama(cepat, lengkap, *, agregat: bool):
    assert len(cepat) == len(lengkap)
    for a_list, b_list in zip(cepat, lengkap, strict=True):
        assert [h.kecamatan for h in a_list] == [h.kecamatan for h in b_list]
        for a, b in zip(a_list, b_list, strict=True):
            assert a.iku1 == b.iku1  # numerator, denominator, target, per kategori/triwulan/seksi
            assert a.iku2.numerator == b.iku2.numerator and a.iku2.denominator == b.iku2.denominator
            # Aggregated, the lists are not loaded with the figures; overlapping periods are not aggregated.
            assert (a.iku1.daftar is None) is agregat
            assert a.iku1.kegiatan_dihitung == b.iku1.kegiatan_dihitung
            assert a.iku1.kegiatan_ditindaklanjuti == b.iku1.kegiatan_ditindaklanjuti
            assert a.iku1.kegiatan_belum_ditindaklanjuti == b.iku1.kegiatan_belum_ditindaklanjuti
            assert a.iku1.belum_ditindaklanjuti == len(b.iku1.kegiatan_belum_ditindaklanjuti)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agregat_sama_dengan_per_baris(db, kabupaten, seed):
    rng = random.Random(seed)
    kecamatan = [
        factories.KecamatanFactory(kode=f"35.08.{20 + i}", nama=f"Kec {i}", kabupaten=kabupaten) for i in range(2)
    ]
    _dataset(rng, kecamatan)
    qs = Kecamatan.objects.filter(pk__in=[k.pk for k in kecamatan])
    kasus = [
        ([tahunan(2025)], datetime.date(2026, 11, 29)),
        ([tahunan(2025), tahunan(2024)], datetime.date(2025, 8, 14)),  # as-of inside the later period
        ([triwulan(2025, 3), triwulan(2024, 3)], datetime.date(2026, 1, 5)),  # a gap between the periods
        ([semester(2026, 1)], datetime.date(2026, 2, 10)),
        ([rentang(datetime.date(2024, 2, 10), datetime.date(2024, 11, 3))], datetime.date(2024, 12, 1)),
        # Overlapping periods are counted row by row: still the same answer.
        (
            [
                rentang(datetime.date(2024, 3, 1), datetime.date(2025, 9, 30), satu_tahun=False),
                rentang(datetime.date(2023, 3, 1), datetime.date(2024, 9, 30), satu_tahun=False),
            ],
            datetime.date(2026, 1, 1),
        ),
    ]
    for periode_list, as_of in kasus:
        args = {"kecamatan_qs": qs, "periode_list": periode_list, "as_of": as_of, "basis": "jatuh_tempo"}
        agregat = periode_list[0].jenis != "rentang" or periode_list[0].mulai.year == periode_list[0].selesai.year
        _sama(iku_compute_uncached(**args), iku_compute_uncached(**args, agregat=False), agregat=agregat)


def test_daftar_tidak_ikut_tersimpan(db, senduro):
    """The cache pickles the figures: lists loaded on a read stay out of the stored entry."""
    factories.KegiatanFactory(kecamatan=senduro, tanggal=datetime.date(2025, 3, 2))
    qs = Kecamatan.objects.filter(pk=senduro.pk)
    ((hasil,),) = iku_compute_uncached(
        kecamatan_qs=qs, periode_list=[tahunan(2025)], as_of=datetime.date(2025, 12, 31), basis="jatuh_tempo"
    )
    assert len(hasil.iku1.kegiatan_dihitung) == 1
    kembali = pickle.loads(pickle.dumps(hasil))
    assert kembali.iku1.daftar is None
    assert kembali.iku1 == hasil.iku1
    assert kembali.iku1.kegiatan_dihitung == hasil.iku1.kegiatan_dihitung
