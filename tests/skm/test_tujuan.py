"""Where the IKM shows: dashboards, Laporan Capaian, iku_report (docs/DESIGN.md §2.6)."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indikator.laporan.generator import laporan_capaian_generate
from indikator.laporan.html import laporan_capaian_html
from indikator.models import DokumenIKU, NilaiIndikatorTujuan
from indikator.tujuan import NAMA_IKM, tujuan_per_kecamatan
from kecamatan.models import Peran
from kecamatan.periode import semester, tahunan

D = datetime.date


def dokumen(kecamatan, indikator_tujuan, tahun=2020):
    return DokumenIKU.objects.create(
        kecamatan=kecamatan, jenis=DokumenIKU.Jenis.ASLI, tahun_berlaku=tahun, tugas="t", fungsi="f",
        tujuan="t", indikator_tujuan=indikator_tujuan,
    )  # fmt: skip


@pytest.fixture
def dua_kecamatan(senduro, lumajang, layanan_senduro, layanan_lumajang, isi_survei):
    dokumen(senduro, "Nilai Indeks Kepuasan Masyarakat")
    dokumen(lumajang, "Indeks Pelayanan Publik")
    # Senduro, 2026: U1 4,3,3 and the rest 3 → IKM 75,93 C (hand-computed in test_calculations).
    isi_survei(layanan_senduro, (4, 3, 3, 3, 3, 3, 3, 3, 3), tanggal=D(2026, 2, 1))
    isi_survei(layanan_senduro, 3, tanggal=D(2026, 3, 1))
    isi_survei(layanan_senduro, 3, tanggal=D(2026, 5, 1))
    isi_survei(layanan_senduro, 1, tanggal=D(2025, 12, 31))  # another year: not counted
    # Lumajang answers the SKM too, but its tujuan is the Indeks Pelayanan Publik it enters.
    isi_survei(layanan_lumajang, 4, tanggal=D(2026, 3, 1))
    NilaiIndikatorTujuan.objects.create(kecamatan=lumajang, tahun=2026, nilai=Decimal("3.85"), keterangan="KemenPANRB")


def test_tujuan_per_kecamatan_skm_or_entered(dua_kecamatan, senduro, lumajang):
    tujuan = tujuan_per_kecamatan(kecamatan_ids=[senduro.pk, lumajang.pk], periode=tahunan(2026))
    assert tujuan[senduro.pk].to_dict() == {
        "indikator": "Nilai Indeks Kepuasan Masyarakat",
        "nilai": "75.93",
        "mutu": "C",
        "responden": 3,
        "sumber": "skm",
    }
    assert tujuan[lumajang.pk].to_dict() == {
        "indikator": "Indeks Pelayanan Publik",
        "nilai": "3.85",
        "mutu": None,
        "responden": None,
        "sumber": "isian",
    }


def test_a_period_without_respondent_has_no_value(dua_kecamatan, senduro):
    tujuan = tujuan_per_kecamatan(kecamatan_ids=[senduro.pk], periode=semester(2026, 2))[senduro.pk]
    assert tujuan.nilai is None and tujuan.responden == 0 and tujuan.sumber == "skm"


def test_iku_report_json_carries_the_tujuan(dua_kecamatan):
    out = io.StringIO()
    call_command("iku_report", "--kecamatan", "35.08.12", "--tahun", "2026", "--as-of", "2026-11-23", stdout=out)
    assert json.loads(out.getvalue())["tujuan"]["nilai"] == "75.93"
    out = io.StringIO()
    call_command("iku_report", "--kabupaten", "35.08", "--semester", "1", "--tahun", "2026", stdout=out)
    hasil = {h["kecamatan"]["kode"]: h["tujuan"] for h in json.loads(out.getvalue())["hasil"]}
    assert hasil["35.08.12"]["sumber"] == "skm" and hasil["35.08.12"]["responden"] == 3
    assert hasil["35.08.10"]["sumber"] == "isian" and hasil["35.08.10"]["nilai"] == "3.85"


def test_kecamatan_dashboard_shows_the_ikm_with_weakest_unsur(dua_kecamatan, make_user, client_for, senduro):
    client = client_for(make_user(Peran.STAF, kecamatan=senduro))
    response = client.get("/", {"tahun": 2026})
    html = response.content.decode()
    assert "75,93" in html and "mutu C (Kurang Baik)" in html
    assert "dihitung dari 3 responden Survei Kepuasan Masyarakat" in html
    assert "U2 Sistem, mekanisme dan prosedur" in html  # weakest first: U2 (3,000) before U1 (3,333)


def test_lumajang_dashboard_keeps_the_entered_value_and_says_so(dua_kecamatan, make_user, client_for, lumajang):
    client = client_for(make_user(Peran.STAF, kecamatan=lumajang))
    html = client.get("/", {"tahun": 2026}).content.decode()
    assert "Indeks Pelayanan Publik" in html
    assert "3,85" in html and "diisi oleh pimpinan untuk tahun 2026 (KemenPANRB)" in html


def test_kabupaten_dashboard_has_a_tujuan_column(dua_kecamatan, make_user, client_for, senduro):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro))
    html = client.get("/", {"tahun": 2026}).content.decode()
    assert "75,93 (C)" in html and "SKM, 3 responden" in html
    assert "3,85" in html


def test_kabupaten_dashboard_queries_do_not_grow_with_respondents(
    dua_kecamatan, make_user, client_for, senduro, layanan_senduro, isi_survei, django_assert_num_queries
):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro))
    with CaptureQueriesContext(connection) as sedikit:
        client.get("/", {"tahun": 2026})
    for i in range(10):
        isi_survei(layanan_senduro, 2, tanggal=D(2026, 4, 1 + i))
    with django_assert_num_queries(len(sedikit.captured_queries)):
        client.get("/", {"tahun": 2026})


def test_laporan_capaian_prints_the_ikm_and_freezes_it(dua_kecamatan, senduro):
    laporan = laporan_capaian_generate(kecamatan=senduro, periode=tahunan(2026), as_of=D(2026, 11, 23))
    assert laporan.to_dict()["tujuan"]["nilai"] == "75.93"
    html = laporan_capaian_html(laporan, dicetak_pada=datetime.datetime(2026, 11, 23, 9, 0))
    assert "Nilai Indeks Kepuasan Masyarakat: 75,93, mutu C (Kurang Baik)" in html


def test_laporan_capaian_xlsx_has_the_tujuan_row(dua_kecamatan, senduro):
    from openpyxl import load_workbook

    from indikator.laporan.xlsx import laporan_capaian_xlsx

    laporan = laporan_capaian_generate(kecamatan=senduro, periode=tahunan(2026), as_of=D(2026, 11, 23))
    rows = list(load_workbook(io.BytesIO(laporan_capaian_xlsx(laporan))).active.iter_rows(values_only=True))
    baris = next(r for r in rows if r[1] == "Nilai Indeks Kepuasan Masyarakat")
    assert baris[2:5] == (Decimal("75.93"), "C", 3) or baris[2:5] == (75.93, "C", 3)


def test_target_page_says_the_ikm_is_computed_only_where_it_is(dua_kecamatan, make_user, client_for, senduro, lumajang):
    html = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro)).get("/target/?tahun=2026").content.decode()
    assert "Nilai IKM dihitung dari jawaban" in html
    html = client_for(make_user(Peran.PIMPINAN, kecamatan=lumajang)).get("/target/?tahun=2026").content.decode()
    assert "Nilai IKM dihitung dari jawaban" not in html


def test_kabupaten_path_chooses_the_document_as_in_force_on(senduro, lumajang, make_user, client_for):
    """Lumajang has only its Perubahan of 17 Oktober 2023: a period ending before it has no document in force."""
    DokumenIKU.objects.create(
        kecamatan=lumajang, jenis=DokumenIKU.Jenis.PERUBAHAN, tahun_berlaku=2023, tanggal=D(2023, 10, 17),
        tugas="t", fungsi="f", tujuan="t", indikator_tujuan="Indeks Pelayanan Publik",
    )  # fmt: skip
    NilaiIndikatorTujuan.objects.create(kecamatan=lumajang, tahun=2023, nilai=Decimal("3.85"))
    sebelum, sesudah = semester(2023, 1), semester(2023, 2)
    assert DokumenIKU.objects.in_force_on(lumajang, sebelum.selesai) is None
    assert tujuan_per_kecamatan(kecamatan_ids=[lumajang.pk], periode=sebelum)[lumajang.pk].sumber == "skm"
    assert tujuan_per_kecamatan(kecamatan_ids=[lumajang.pk], periode=sesudah)[lumajang.pk].sumber == "isian"
    # Both dashboards agree for the semester that ends before the Perubahan.
    query = {"tahun": 2023, "bagian": "s1"}
    kabupaten = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro)).get("/", query)
    kecamatan = client_for(make_user(Peran.STAF, kecamatan=lumajang)).get("/", query)
    assert kabupaten.context["tujuan"][lumajang.pk].indikator == kecamatan.context["tujuan"].indikator == NAMA_IKM


def test_the_tujuan_counts_answers_only_up_to_the_as_of_date(dua_kecamatan, senduro, make_user, client_for):
    per = D(2026, 3, 15)  # the answers of 1 Februari and 1 Maret, not that of 1 Mei
    assert tujuan_per_kecamatan(kecamatan_ids=[senduro.pk], periode=tahunan(2026), as_of=per)[senduro.pk].responden == 2
    assert tujuan_per_kecamatan(kecamatan_ids=[senduro.pk], periode=tahunan(2026))[senduro.pk].responden == 3
    laporan = laporan_capaian_generate(kecamatan=senduro, periode=tahunan(2026), as_of=per)
    assert laporan.tujuan.responden == 2
    query = {"tahun": 2026, "per": per.isoformat()}
    kecamatan = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro)).get("/", query)
    assert kecamatan.context["tujuan"].responden == 2
    kabupaten = client_for(make_user(Peran.PEMERIKSA, kecamatan=senduro)).get("/", query)
    assert kabupaten.context["tujuan"][senduro.pk].responden == 2
