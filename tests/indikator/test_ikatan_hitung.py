"""The lists and totals shown beside the IKU are tied to the computation (issue 18, part 5).

- "Perlu tindak lanjut" (``KegiatanQuerySet.perlu_tindak_lanjut``, the dashboard's list and the kegiatan
  page) is the computation's ``kegiatan_belum_ditindaklanjuti``; "ditindaklanjuti" is its
  ``kegiatan_ditindaklanjuti``; the reason a report gives is the ``output_tercatat`` annotation.
- The desa-document matrix (``desa.selectors.matriks_dokumen``) counts what ``hitung_iku2`` counts:
  the same numerator, denominator and "belum jatuh tempo", column by column.
"""

import datetime
import itertools

import pytest

from desa.selectors import matriks_dokumen
from desa.tenggat import Basis, StatusDokumen, dokumen_wajib
from indikator.iku import iku_compute
from kecamatan.models import Kegiatan
from kecamatan.periode import tahunan, triwulan
from kecamatan.tindak_lanjut import alasan_belum
from tests.indikator.test_iku_report import make_dokumen, make_kegiatan
from wilayah.models import Desa, Kecamatan

D = datetime.date
HARI = datetime.timedelta(days=1)
TAHUN = 2026


@pytest.fixture
def kegiatan_beragam(senduro):
    """Every combination of status, output date and bukti, on dates around the quarter and year ends."""
    tanggal_list = [D(2025, 12, 31), D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 1), D(2026, 6, 30), D(2026, 12, 31)]
    output_list = [("", None), ("BA", 0), ("BA", 1), ("BA", 40)]
    bukti_list = [(0, 0), (1, 0), (0, 1), (2, 1)]
    for tanggal, status, (output, selisih), (bukti, hapus) in itertools.product(
        tanggal_list, ["dilaksanakan", "rencana", "dibatalkan"], output_list, bukti_list
    ):
        if status != "dilaksanakan" and (tanggal.month, bukti) != (1, 0):
            continue  # a few non-carried-out kegiatan are enough to show they never count
        tanggal_output = None if selisih is None else tanggal + selisih * HARI
        make_kegiatan(
            senduro, tanggal, status=status, output=output, tanggal_output=tanggal_output, bukti=bukti, hapus=hapus
        )
    return senduro


@pytest.mark.parametrize(
    ("periode", "as_of"),
    [
        (tahunan(TAHUN), D(2026, 12, 31)),
        (tahunan(TAHUN), D(2026, 4, 1)),
        (tahunan(TAHUN), D(2027, 1, 15)),
        (triwulan(TAHUN, 1), D(2026, 3, 31)),
        (triwulan(TAHUN, 1), D(2026, 5, 10)),
        (triwulan(TAHUN, 2), D(2026, 6, 30)),
    ],
)
def test_perlu_tindak_lanjut_is_the_computations_list(kegiatan_beragam, periode, as_of):
    (hasil,) = iku_compute(kecamatan_qs=Kecamatan.objects.filter(pk=kegiatan_beragam.pk), periode=periode, as_of=as_of)
    dalam_periode = Kegiatan.objects.filter(
        kecamatan=kegiatan_beragam, tanggal__gte=periode.mulai, tanggal__lte=periode.selesai
    )
    perlu = set(dalam_periode.perlu_tindak_lanjut(as_of).values_list("pk", flat=True))
    assert perlu == set(hasil.iku1.kegiatan_belum_ditindaklanjuti)
    assert perlu, "the data hold kegiatan to follow up"
    selesai = set(
        dalam_periode.filter(tanggal__lte=as_of)
        .with_tindak_lanjut(as_of)
        .filter(ditindaklanjuti=True)
        .values_list("pk", flat=True)
    )
    assert selesai == set(hasil.iku1.kegiatan_ditindaklanjuti)
    assert selesai, "the data hold followed-up kegiatan"
    for k in dalam_periode.with_tindak_lanjut(as_of).filter(pk__in=perlu):
        alasan = alasan_belum(output=k.output, tanggal_output=k.tanggal_output, as_of=as_of)
        assert alasan == ("belum ada bukti" if k.output_tercatat else "belum ada output")


@pytest.fixture
def dokumen_beragam(senduro, lumajang):
    """Each desa a different story per document: on the deadline day, the day after, early, dated after
    the as-of days below, or missing; the kelurahan of Lumajang have documents that must not count."""
    desa = list(Desa.objects.filter(kecamatan__in=[senduro, lumajang]).order_by("kode"))
    tanggal_ini = {}
    for basis in Basis.values:
        for j, wajib in enumerate(dokumen_wajib(TAHUN, basis)):
            pilihan = [wajib.tenggat, wajib.tenggat + HARI, wajib.tenggat - 30 * HARI, wajib.tenggat + 400 * HARI, None]
            for i, d in enumerate(desa):
                key = (d.pk, wajib.jenis, wajib.tahun_anggaran)
                tanggal = pilihan[(i + j) % len(pilihan)]
                if key in tanggal_ini or tanggal is None:
                    continue
                tanggal_ini[key] = tanggal
                make_dokumen(d, wajib.jenis, wajib.tahun_anggaran, tanggal)
    return [senduro, lumajang]


def _as_of_list():
    """Every deadline, the day after it, and the days around the year's end."""
    hari = {D(TAHUN, 6, 30), D(TAHUN, 12, 31), D(TAHUN + 1, 1, 15), D(TAHUN + 1, 6, 30)}
    for basis in Basis.values:
        for wajib in dokumen_wajib(TAHUN, basis):
            hari |= {wajib.tenggat, wajib.tenggat + HARI}
    return sorted(hari)


@pytest.mark.parametrize("basis", Basis.values)
def test_matrix_totals_equal_hitung_iku2(dokumen_beragam, basis):
    dilihat = set()
    for kecamatan, as_of in itertools.product(dokumen_beragam, _as_of_list()):
        (hasil,) = iku_compute(
            kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk), periode=tahunan(TAHUN), as_of=as_of, basis=basis
        )
        m = matriks_dokumen(kecamatan=kecamatan, tahun=TAHUN, basis=basis, as_of=as_of)
        iku2 = hasil.iku2
        assert sum(k.tepat_waktu for k in m.kolom) == iku2.numerator
        assert sum(k.tepat_waktu + k.terlambat + k.belum_ada + k.belum_jatuh_tempo for k in m.kolom) == iku2.denominator
        assert sum(k.belum_jatuh_tempo for k in m.kolom) == iku2.belum_jatuh_tempo
        assert m.jumlah_desa == iku2.jumlah_desa
        for kolom, rincian in zip(m.kolom, iku2.dokumen, strict=True):
            assert kolom.wajib == rincian.wajib
            for status in StatusDokumen:
                assert getattr(kolom, status.value) == rincian.jumlah(status)
                if getattr(kolom, status.value):
                    dilihat.add(status)
    assert dilihat == set(StatusDokumen), "the data reach every status"
