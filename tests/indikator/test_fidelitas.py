"""Issue 17: the figures and words the dashboards and reports print, against the seeds.

Labels instead of codes, one triwulan style, the as-of date of an audit, IKU 1 per seksi and the
document in force decided by date.
"""

import datetime
import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from indikator import iku
from indikator.laporan import generator, xlsx
from indikator.models import DokumenIKU, TargetIKU
from kecamatan.models import BuktiPendukung, JenisBukti, Peran, Seksi
from kecamatan.periode import tahunan
from tests.indikator.test_iku_report import make_kegiatan
from wilayah.models import Kecamatan

D = datetime.date


@pytest.fixture
def hari_ini():
    return timezone.localdate()


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def _kegiatan_seksi(kecamatan, tanggal, seksi, *, selesai):
    k = make_kegiatan(
        kecamatan, tanggal, output="BA" if selesai else "", tanggal_output=tanggal if selesai else None, bukti=1
    )
    k.seksi = seksi
    k.save(update_fields=["seksi"])
    return k


@pytest.fixture
def per_seksi(senduro, lumajang, hari_ini):
    """Senduro this year: Pemerintahan 2 of 3, Trantib 0 of 2, one kegiatan without seksi (1 of 1),
    Kesra logs nothing. Lumajang's own seksi has a kegiatan that must never show in Senduro's."""
    awal = D(hari_ini.year, 1, 1)
    pem = Seksi.objects.create(kecamatan=senduro, nama="Seksi Pemerintahan", urutan=1)
    trantib = Seksi.objects.create(kecamatan=senduro, nama="Seksi Trantib", urutan=2)
    Seksi.objects.create(kecamatan=senduro, nama="Seksi Kesra", urutan=3)
    lain = Seksi.objects.create(kecamatan=lumajang, nama="Seksi Lumajang Saja")
    for selesai in (True, True, False):
        _kegiatan_seksi(senduro, awal, pem, selesai=selesai)
    for _ in range(2):
        _kegiatan_seksi(senduro, awal, trantib, selesai=False)
    _kegiatan_seksi(senduro, awal, None, selesai=True)
    _kegiatan_seksi(lumajang, awal, lain, selesai=True)
    return senduro


# ---------------------------------------------------------------- 5. words, not codes; one style


def test_dashboard_per_kategori_shows_labels_not_codes(make_user, client_for, senduro, hari_ini):
    make_kegiatan(senduro, D(hari_ini.year, 1, 1), output="BA", tanggal_output=D(hari_ini.year, 1, 1), bukti=1)
    page = text(client_for(make_user(Peran.STAF, kecamatan=senduro)).get("/"))
    kategori = page[page.index("<summary>Per kategori</summary>") :]
    kategori = kategori[: kategori.index("</table>")]
    for kode, label in [("fasilitasi", "Fasilitasi"), ("koordinasi", "Koordinasi"), ("rekomendasi", "Rekomendasi")]:
        assert f"<td>{label}</td>" in kategori
        assert f">{kode}<" not in kategori


def test_triwulan_are_named_in_roman_numerals_everywhere(make_user, client_for, senduro, hari_ini):
    page = text(client_for(make_user(Peran.STAF, kecamatan=senduro)).get("/"))
    assert "<td>TW I</td>" in page and "<td>TW IV</td>" in page
    assert not re.search(r"\bTW [1-4]\b", page)
    laporan = generator.laporan_capaian_generate(kecamatan=senduro, periode=tahunan(2024), as_of=D(2025, 1, 15))
    assert [b.label for b in laporan.batang_triwulan] == ["TW I", "TW II", "TW III", "TW IV"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.laporan_capaian_xlsx(laporan))).worksheets[0]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any(c.startswith("Triwulan IV (") for c in cells)
    assert not any(re.match(r"Triwulan [1-4]\b", c) for c in cells)


# ---------------------------------------------------------------- 9. IKU 1 per seksi


def test_iku1_per_seksi_adds_up_to_the_kecamatan_figure(per_seksi, hari_ini, django_assert_num_queries):
    (hasil,) = iku.iku_compute(
        kecamatan_qs=Kecamatan.objects.filter(pk=per_seksi.pk), periode=tahunan(hari_ini.year), as_of=hari_ini
    )
    with django_assert_num_queries(1):  # the seksi names; the figures come from the computed result
        rows = iku.iku1_per_seksi(kecamatan=per_seksi, iku1=hasil.iku1)
    assert [(r.nama, r.numerator, r.denominator) for r in rows] == [
        ("Seksi Pemerintahan", 2, 3),
        ("Seksi Trantib", 0, 2),
        ("Seksi Kesra", 0, 0),
        (iku.TANPA_SEKSI, 1, 1),
    ]
    assert sum(r.numerator for r in rows) == hasil.iku1.numerator == 3
    assert sum(r.denominator for r in rows) == hasil.iku1.denominator == 6
    assert [r.percent for r in rows] == [Decimal("66.67"), Decimal("0.00"), None, Decimal("100.00")]


def test_dashboard_and_laporan_show_iku1_per_seksi(per_seksi, make_user, client_for, hari_ini):
    page = text(client_for(make_user(Peran.PIMPINAN, kecamatan=per_seksi)).get("/"))
    bagian = page[page.index('data-testid="iku1-per-seksi"') :]
    bagian = bagian[: bagian.index("</table>")]
    assert '<td>Seksi Pemerintahan</td><td class="text-end angka">2</td><td class="text-end angka">3</td>' in bagian
    assert "66,67%" in bagian
    assert "Seksi Lumajang Saja" not in page  # another kecamatan's seksi
    laporan = generator.laporan_capaian_generate(kecamatan=per_seksi, periode=tahunan(hari_ini.year), as_of=hari_ini)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.laporan_capaian_xlsx(laporan))).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Seksi Trantib", 0, 2, 0] in [r[1:5] for r in rows]
    from indikator.laporan import pdf
    from tests.indikator.laporan_util import baris_pdf

    baris = baris_pdf(pdf.laporan_capaian_pdf(laporan, dicetak_pada=timezone.now()))
    assert "Seksi Pemerintahan 2 3 66,67%" in baris
    assert "Seksi Kesra 0 0 —" in baris
    assert f"{iku.TANPA_SEKSI} 1 1 100,00%" in baris


# ---------------------------------------------------------------- 8. as-of date for audits


@pytest.fixture
def audit(senduro, hari_ini):
    """One kegiatan carried out last year, its output recorded only this year."""
    tahun_lalu = hari_ini.year - 1
    TargetIKU.objects.create(kecamatan=senduro, indikator="iku1", tahun=tahun_lalu, target=Decimal("100"))
    make_kegiatan(senduro, D(tahun_lalu, 6, 1), output="BA", tanggal_output=D(tahun_lalu, 7, 1), bukti=1)
    make_kegiatan(senduro, D(tahun_lalu, 6, 2), output="BA", tanggal_output=D(hari_ini.year, 1, 1), bukti=1)
    return senduro


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.PEMERIKSA])
def test_pemeriksa_and_pimpinan_see_the_dashboard_as_of_an_earlier_date(audit, make_user, client_for, hari_ini, peran):
    tahun_lalu = hari_ini.year - 1
    if peran == Peran.PEMERIKSA:
        client, url = client_for(make_user(peran, kabupaten=audit.kabupaten)), f"/dasbor/{audit.kode}/"
    else:
        client, url = client_for(make_user(peran, kecamatan=audit)), "/"
    sekarang = text(client.get(url, {"tahun": tahun_lalu}))
    assert "100,00%" in sekarang
    dulu = text(client.get(url, {"tahun": tahun_lalu, "per": f"{tahun_lalu}-12-31"}))
    assert f"dihitung per 31 Desember {tahun_lalu}" in dulu
    assert "50,00%" in dulu  # the second output was not recorded yet on 31 December


def test_a_later_as_of_date_is_refused_with_a_message(audit, make_user, client_for, hari_ini):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=audit))
    besok = hari_ini + datetime.timedelta(days=1)
    page = text(client.get("/", {"per": besok.isoformat()}))
    assert "Tanggal hitung tidak boleh sesudah hari ini" in page
    assert f"dihitung per {timezone.localdate().day} " in page  # computed as of today instead
    response = client.get("/laporan/capaian.pdf", {"per": besok.isoformat()})
    assert response.status_code == 302
    assert "Tanggal hitung tidak boleh sesudah hari ini" in text(client.get(response["Location"]))


def test_a_draft_laporan_is_printed_as_of_an_earlier_date(audit, make_user, client_for, hari_ini, unduh):
    tahun_lalu = hari_ini.year - 1
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=audit.kabupaten))
    response = unduh(
        client, f"/laporan/kecamatan/{audit.kode}/capaian.xlsx", {"tahun": tahun_lalu, "per": f"{tahun_lalu}-12-31"}
    )
    assert response.status_code == 200
    assert f"per-{tahun_lalu}-12-31" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert 50 in values or Decimal("50") in values or 50.0 in values


def test_staf_cannot_choose_the_as_of_date(audit, make_user, client_for, hari_ini):
    tahun_lalu = hari_ini.year - 1
    client = client_for(make_user(Peran.STAF, kecamatan=audit))
    page = text(client.get("/", {"tahun": tahun_lalu, "per": f"{tahun_lalu}-12-31"}))
    assert 'name="per"' not in page
    assert "100,00%" in page


# ---------------------------------------------------------------- 4. the document in force by date


@pytest.fixture
def kabupaten_lumajang(db):
    call_command("import_wilayah", "35.08", stdout=io.StringIO())
    return Kecamatan.objects.get(kode="35.08.10")


def test_a_perubahan_applies_from_its_date(kabupaten_lumajang):
    perubahan = DokumenIKU.objects.get(kecamatan=kabupaten_lumajang)
    assert DokumenIKU.objects.in_force_on(kabupaten_lumajang, D(2023, 3, 1)) is None
    assert DokumenIKU.objects.in_force_on(kabupaten_lumajang, D(2023, 10, 16)) is None
    assert DokumenIKU.objects.in_force_on(kabupaten_lumajang, D(2023, 10, 17)) == perubahan
    asli = DokumenIKU.objects.create(
        kecamatan=kabupaten_lumajang, tugas="t", fungsi="f", tujuan="Asli", indikator_tujuan="i"
    )
    assert DokumenIKU.objects.in_force_on(kabupaten_lumajang, D(2023, 3, 1)) == asli
    assert DokumenIKU.objects.in_force_on(kabupaten_lumajang, D(2023, 10, 17)) == perubahan


def test_iku_document_before_the_perubahan_says_none_is_in_force(kabupaten_lumajang, tmp_path):
    out = tmp_path / "iku.pdf"
    with pytest.raises(CommandError) as excinfo:
        call_command("iku_document", "--kecamatan", "35.08.10", "--tanggal", "2023-03-01", "--out", str(out))
    assert excinfo.value.returncode != 0
    assert "Tidak ada dokumen IKU Kecamatan Lumajang yang berlaku pada 1 Maret 2023" in str(excinfo.value)
    assert not out.exists()


def test_iku_document_before_the_perubahan_prints_the_earlier_document(kabupaten_lumajang, tmp_path):
    from tests.indikator.laporan_util import teks_pdf

    DokumenIKU.objects.create(
        kecamatan=kabupaten_lumajang,
        tahun_berlaku=2021,
        tugas="Tugas asli",
        fungsi="Satu",
        tujuan="Tujuan dokumen asli",
        indikator_tujuan="Nilai Indeks Kepuasan Masyarakat",
    )
    sebelum, sesudah = tmp_path / "sebelum.pdf", tmp_path / "sesudah.pdf"
    call_command("iku_document", "--kecamatan", "35.08.10", "--tanggal", "2023-03-01", "--out", str(sebelum))
    call_command("iku_document", "--kecamatan", "35.08.10", "--tanggal", "2023-10-17", "--out", str(sesudah))
    teks_sebelum, teks_sesudah = teks_pdf(sebelum.read_bytes()), teks_pdf(sesudah.read_bytes())
    assert "Tujuan dokumen asli" in teks_sebelum and "PERUBAHAN" not in teks_sebelum
    assert "INDIKATOR KINERJA UTAMA PERUBAHAN" in teks_sesudah


def test_laporan_names_the_document_in_force_at_the_period_end(kabupaten_lumajang):
    DokumenIKU.objects.create(
        kecamatan=kabupaten_lumajang,
        tahun_berlaku=2021,
        tugas="t",
        fungsi="f",
        tujuan="t",
        indikator_tujuan="Indikator tujuan lama",
    )
    from kecamatan.periode import triwulan

    kecamatan = Kecamatan.objects.select_related("kabupaten").get(pk=kabupaten_lumajang.pk)
    tw3 = generator.laporan_capaian_generate(kecamatan=kecamatan, periode=triwulan(2023, 3), as_of=D(2024, 1, 1))
    tw4 = generator.laporan_capaian_generate(kecamatan=kecamatan, periode=triwulan(2023, 4), as_of=D(2024, 1, 1))
    assert tw3.indikator_tujuan == "Indikator tujuan lama"  # 30 September: before 17 Oktober 2023
    assert tw4.indikator_tujuan == "Indeks Pelayanan Publik"


def test_laporan_pdf_names_the_document_in_force_at_the_period_end(kabupaten_lumajang):
    from indikator.laporan import pdf
    from kecamatan.periode import triwulan
    from tests.indikator.laporan_util import teks_pdf

    kecamatan = Kecamatan.objects.select_related("kabupaten").get(pk=kabupaten_lumajang.pk)
    tw4 = generator.laporan_capaian_generate(kecamatan=kecamatan, periode=triwulan(2023, 4), as_of=D(2024, 1, 1))
    teks = teks_pdf(pdf.laporan_capaian_pdf(tw4, dicetak_pada=timezone.now()))
    assert "Dokumen IKU : Indikator Kinerja Utama Perubahan, 17 Oktober 2023" in teks
    tw3 = generator.laporan_capaian_generate(kecamatan=kecamatan, periode=triwulan(2023, 3), as_of=D(2024, 1, 1))
    assert tw3.dokumen_iku == ""  # none entered for 30 September 2023: never the later Perubahan


# ---------------------------------------------------------------- 1. capaian rounded once, everywhere


def test_capaian_is_rounded_once_on_the_dashboard_the_json_and_the_workbook(senduro, make_user, client_for, hari_ini):
    """11 of 61 against a 50% target: realisasi 18,03%, capaian 36,07% (36,0656…), not 18,03 ÷ 50 = 36,06%."""

    tahun = hari_ini.year - 1
    TargetIKU.objects.create(kecamatan=senduro, indikator="iku1", tahun=tahun, target=Decimal("50"))
    for i in range(61):
        selesai = i < 11
        make_kegiatan(
            senduro, D(tahun, 3, 1), output="BA" if selesai else "", tanggal_output=D(tahun, 3, 2) if selesai else None
        )
    jenis = JenisBukti.objects.first()
    BuktiPendukung.objects.bulk_create(
        BuktiPendukung(kegiatan=k, jenis=jenis, nomor="BA", tanggal=D(tahun, 3, 2))
        for k in senduro.kegiatan.exclude(output="")
    )
    page = text(client_for(make_user(Peran.PIMPINAN, kecamatan=senduro)).get("/", {"tahun": tahun}))
    assert "18,03%" in page and "36,07%" in page and "36,06%" not in page
    out = io.StringIO()
    call_command("iku_report", "--kecamatan", senduro.kode, "--tahun", str(tahun), stdout=out)
    hasil = json.loads(out.getvalue())
    assert (hasil["iku1"]["percent"], hasil["iku1"]["capaian"]) == ("18.03", "36.07")
    laporan = generator.laporan_capaian_generate(kecamatan=senduro, periode=tahunan(tahun), as_of=hari_ini)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.laporan_capaian_xlsx(laporan))).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert Decimal("36.07") in [Decimal(str(v)) for v in values if isinstance(v, (int, float, Decimal))]
