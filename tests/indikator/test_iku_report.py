"""iku_report end to end on the database: exact figures, the JSON shape, exit codes, query counts."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from desa.models import DokumenDesa
from indikator.iku import iku_compute
from indikator.models import TargetIKU
from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, UraianAktivitas
from kecamatan.periode import tahunan
from wilayah.models import Desa, Kecamatan
from wilayah.versi import versi_data_naikkan

D = datetime.date


def make_kegiatan(kecamatan, tanggal, *, status="dilaksanakan", output="", tanggal_output=None, bukti=0, hapus=0):
    uraian = UraianAktivitas.objects.select_related("jenis").order_by("pk").first()
    k = Kegiatan(kecamatan=kecamatan, tanggal=tanggal, status=status, output=output, tanggal_output=tanggal_output)
    k.snapshot_katalog(uraian)
    k.save()
    jenis = JenisBukti.objects.first()
    for i in range(bukti + hapus):
        BuktiPendukung.objects.create(
            kegiatan=k,
            jenis=jenis,
            nomor=f"BA/{i}",
            tanggal=tanggal,
            dihapus_pada=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC) if i >= bukti else None,
        )
    # As the services do: its kecamatan's figures changed (a new data version, wilayah/versi.py).
    versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
    return k


def make_dokumen(desa, jenis, ta, tanggal):
    dokumen = DokumenDesa.objects.create(desa=desa, jenis=jenis, tahun_anggaran=ta, tanggal=tanggal, nomor="1")
    versi_data_naikkan(kecamatan_ids=[desa.kecamatan_id])
    return dokumen


@pytest.fixture
def data_2024(senduro, lumajang):
    """Senduro: 3 desa; Lumajang: 2 desa + 2 kelurahan. Year 2024, as of 15 January 2025."""
    for kec in (senduro, lumajang):
        TargetIKU.objects.create(kecamatan=kec, indikator="iku1", tahun=2024, target=Decimal("90"))
        TargetIKU.objects.create(kecamatan=kec, indikator="iku2", tahun=2024, target=Decimal("100"))
    # Senduro IKU 1: 3 of 5 carried-out kegiatan followed up
    make_kegiatan(senduro, D(2024, 1, 1), output="Perdes", tanggal_output=D(2024, 1, 2), bukti=1)
    make_kegiatan(senduro, D(2024, 5, 1), output="BA", tanggal_output=D(2024, 5, 1), bukti=2)
    make_kegiatan(senduro, D(2024, 12, 31), output="BA", tanggal_output=D(2025, 1, 15), bukti=1)  # on as-of
    make_kegiatan(senduro, D(2024, 6, 1), output="BA", tanggal_output=D(2024, 6, 2))  # no bukti
    make_kegiatan(senduro, D(2024, 7, 1), output="BA", tanggal_output=D(2025, 1, 16), bukti=1)  # after as-of
    make_kegiatan(senduro, D(2024, 8, 1), output="BA", tanggal_output=D(2024, 8, 1), hapus=1)  # bukti removed
    make_kegiatan(senduro, D(2024, 3, 1), status="rencana")
    make_kegiatan(senduro, D(2024, 3, 2), status="dibatalkan")
    make_kegiatan(senduro, D(2023, 12, 31), output="BA", tanggal_output=D(2024, 1, 1), bukti=1)  # other year
    # Lumajang: one kegiatan of another kecamatan must not leak into Senduro
    make_kegiatan(lumajang, D(2024, 2, 1), output="BA", tanggal_output=D(2024, 2, 1), bukti=1)
    # Senduro IKU 2 (jatuh tempo 2024: RKPDes TA 2025, APBDes TA 2025, LPPDes TA 2023)
    d1, d2, d3 = senduro.desa.order_by("kode")
    make_dokumen(d1, "rkpdes", 2025, D(2024, 9, 30))
    make_dokumen(d2, "rkpdes", 2025, D(2024, 10, 1))
    make_dokumen(d1, "apbdes", 2025, D(2024, 12, 31))
    make_dokumen(d2, "apbdes", 2025, D(2024, 12, 30))
    make_dokumen(d3, "apbdes", 2025, D(2025, 1, 20))  # after as-of: not yet
    make_dokumen(d1, "lppdes", 2023, D(2024, 3, 31))
    make_dokumen(d1, "lppdes", 2024, D(2024, 3, 31))  # another TA: not this year's
    # Lumajang: documents only for its desa; its kelurahan never count
    for desa in lumajang.desa.filter(jenis=Desa.Jenis.DESA):
        make_dokumen(desa, "rkpdes", 2025, D(2024, 9, 1))


def report(*args):
    out = io.StringIO()
    call_command("iku_report", *args, stdout=out)
    return json.loads(out.getvalue())


def test_senduro_year_figures_and_exact_json_shape(data_2024):
    data = report("--kecamatan", "35.08.12", "--tahun", "2024", "--as-of", "2025-01-15")
    assert data["kecamatan"] == {"kode": "35.08.12", "nama": "Senduro"}
    assert data["periode"]["mulai"] == "2024-01-01" and data["periode"]["selesai"] == "2024-12-31"
    assert data["as_of"] == "2025-01-15"
    iku1 = data["iku1"]
    assert {k: iku1[k] for k in ("numerator", "denominator", "percent", "target", "capaian")} == {
        "numerator": 3,
        "denominator": 6,
        "percent": "50.00",
        "target": "90.00",
        "capaian": "55.56",
    }
    iku2 = data["iku2"]
    assert {k: iku2[k] for k in ("numerator", "denominator", "percent", "target", "capaian", "basis")} == {
        "numerator": 4,
        "denominator": 9,
        "percent": "44.44",
        "target": "100.00",
        "capaian": "44.44",
        "basis": "jatuh_tempo",
    }
    assert iku2["dokumen"]["RKPDes"] == {
        "tahun_anggaran": 2025,
        "tenggat": "2024-09-30",
        "tepat_waktu": 1,
        "terlambat": 1,
        "belum_ada": 1,
        "belum_jatuh_tempo": 0,
        "percent": "33.33",
    }
    assert iku2["dokumen"]["APBDes"]["tepat_waktu"] == 2
    assert iku2["dokumen"]["APBDes"]["belum_ada"] == 1
    assert iku2["dokumen"]["LPPDes"]["tahun_anggaran"] == 2023
    assert iku2["dokumen"]["LPPDes"]["tepat_waktu"] == 1
    assert list(iku2["dokumen"]) == ["RKPDes", "APBDes", "LPPDes"]


def test_kelurahan_never_count(data_2024):
    data = report("--kecamatan", "35.08.10", "--tahun", "2024", "--as-of", "2025-01-15")
    assert data["iku2"]["jumlah_desa"] == 2
    assert data["iku2"]["denominator"] == 6
    assert data["iku2"]["numerator"] == 2
    assert (data["iku1"]["numerator"], data["iku1"]["denominator"]) == (1, 1)


def test_triwulan_and_as_of_before_the_period(data_2024):
    q1 = report("--kecamatan", "35.08.12", "--tahun", "2024", "--triwulan", "1", "--as-of", "2025-01-15")
    assert (q1["iku1"]["numerator"], q1["iku1"]["denominator"]) == (1, 1)
    assert list(q1["iku2"]["dokumen"]) == ["LPPDes"]
    assert q1["iku2"]["denominator"] == 3
    early = report("--kecamatan", "35.08.12", "--tahun", "2024", "--as-of", "2023-12-31")
    assert early["iku1"]["denominator"] == 0
    assert early["iku1"]["percent"] is None
    assert early["iku1"]["capaian"] is None


def test_date_range(data_2024):
    data = report("--kecamatan", "35.08.12", "--dari", "2024-05-01", "--sampai", "2024-06-01", "--as-of", "2025-01-15")
    assert (data["iku1"]["numerator"], data["iku1"]["denominator"]) == (1, 2)


def test_kecamatan_without_desa_is_tidak_berlaku(kabupaten):
    Kecamatan.objects.create(kode="35.08.99", nama="Kota", kabupaten=kabupaten)
    data = report("--kecamatan", "35.08.99", "--tahun", "2024", "--as-of", "2025-01-15")
    assert data["iku2"]["berlaku"] is False
    assert data["iku2"]["percent"] is None
    assert data["iku2"]["target"] is None


def test_kabupaten_lists_every_kecamatan_by_code_and_matches_each(data_2024, tmp_path):
    out = tmp_path / "kab.json"
    call_command("iku_report", "--kabupaten", "35.08", "--tahun", "2024", "--as-of", "2025-01-15", "--out", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kabupaten"] == {"kode": "35.08", "nama": "Kabupaten Lumajang"}
    assert [h["kecamatan"]["kode"] for h in data["hasil"]] == ["35.08.10", "35.08.12"]
    single = report("--kecamatan", "35.08.12", "--tahun", "2024", "--as-of", "2025-01-15")
    assert data["hasil"][1] == single


@pytest.mark.parametrize(
    "args",
    [
        ["--kecamatan", "35.08.77", "--tahun", "2024"],
        ["--kabupaten", "35.99", "--tahun", "2024"],
        ["--kecamatan", "35.08.12", "--tahun", "2024", "--as-of", "2024-02-30"],
        ["--kecamatan", "35.08.12", "--dari", "2024-01-01"],
        ["--kecamatan", "35.08.12", "--dari", "2024-03-01", "--sampai", "2024-02-01"],
        ["--kecamatan", "35.08.12"],
    ],
)
def test_bad_input_exits_with_status_2(senduro, args):
    with pytest.raises(CommandError) as excinfo:
        call_command("iku_report", *args)
    assert excinfo.value.returncode == 2


def _grow(senduro, n):
    for i in range(n):
        make_kegiatan(
            senduro, D(2024, 1, 1) + datetime.timedelta(days=i), output="BA", tanggal_output=D(2024, 12, 1), bukti=1
        )
    for desa in senduro.desa.all():
        DokumenDesa.objects.get_or_create(
            desa=desa, jenis="apbdes", tahun_anggaran=2025, defaults={"tanggal": D(2024, 12, 1)}
        )


def test_query_count_does_not_grow_with_the_data(senduro, lumajang, django_assert_num_queries):
    from django.core.cache import cache
    from django.db import connection

    qs = Kecamatan.objects.all()
    _grow(senduro, 3)
    # The computation proper (the cache's miss): the data versions of the set, then one statement
    # (the kecamatan with their targets, IKU 1 counted, IKU 2 counted). On PostgreSQL a set of more than
    # one kecamatan runs it with JIT off in its own transaction: here a savepoint, SET LOCAL and release.
    # The factories write without the services (no new data version), so the cache is emptied by hand.
    jumlah = 1 + 1 + (3 if connection.vendor == "postgresql" else 0)
    with django_assert_num_queries(jumlah):
        small = iku_compute(kecamatan_qs=qs, periode=tahunan(2024), as_of=D(2025, 1, 15))
    _grow(senduro, 30)
    for i in range(30):
        Desa.objects.create(kode=f"35.08.12.21{i:02d}", nama=f"Baru {i}", kecamatan=senduro)
    cache.clear()
    with django_assert_num_queries(jumlah):
        large = iku_compute(kecamatan_qs=qs, periode=tahunan(2024), as_of=D(2025, 1, 15))
    assert large[1].iku1.denominator == 33 > small[1].iku1.denominator == 3
