"""Export then import: the same iku_report on an emptied database; the export is the import format."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from desa.models import DokumenDesa
from indikator.impor.export import workbook_export
from indikator.impor.services import workbook_import
from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, Seksi, UraianAktivitas
from tests.indikator.impor_bantu import unggah
from tests.indikator.test_iku_report import make_dokumen, make_kegiatan
from wilayah.models import Desa, Kecamatan

D = datetime.date


@pytest.fixture
def data(senduro, lumajang):
    """The figures of test_iku_report, plus desa, seksi, several bukti, odd texts and a retired uraian."""
    make_kegiatan(senduro, D(2024, 1, 1), output="Perdes", tanggal_output=D(2024, 1, 2), bukti=1)
    make_kegiatan(senduro, D(2024, 5, 1), output="BA", tanggal_output=D(2024, 5, 1), bukti=2)
    make_kegiatan(senduro, D(2024, 12, 31), output="BA", tanggal_output=D(2025, 1, 15), bukti=1)
    make_kegiatan(senduro, D(2024, 6, 1), output="BA", tanggal_output=D(2024, 6, 2))
    make_kegiatan(senduro, D(2024, 7, 1), output="BA", tanggal_output=D(2025, 1, 16), bukti=1)
    make_kegiatan(senduro, D(2024, 8, 1), output="BA", tanggal_output=D(2024, 8, 1), hapus=1)
    make_kegiatan(senduro, D(2024, 3, 1), status="rencana")
    make_kegiatan(senduro, D(2024, 3, 2), status="dibatalkan")
    make_kegiatan(senduro, D(2023, 12, 31), output="BA", tanggal_output=D(2024, 1, 1), bukti=1)
    make_kegiatan(lumajang, D(2024, 2, 1), output="BA", tanggal_output=D(2024, 2, 1), bukti=1)

    seksi = Seksi.objects.create(kecamatan=senduro, nama="Seksi Pemerintahan")
    uraian = UraianAktivitas.objects.select_related("jenis").get(jenis__kategori="koordinasi", jenis__nomor=2, nomor=1)
    rich = Kegiatan(
        kecamatan=senduro,
        tanggal=D(2024, 9, 9),
        seksi=seksi,
        keterangan='- rapat "desa"; =SUM(A1)',
        output="+ notulen",
        tanggal_output=D(2024, 9, 10),
    )
    rich.snapshot_katalog(uraian)
    rich.save()
    rich.desa.set(senduro.desa.all())
    BuktiPendukung.objects.create(
        kegiatan=rich, jenis=JenisBukti.objects.get(kode="sk_camat"), nomor="", tanggal=D(2024, 9, 10)
    )
    uraian.aktif = False  # retired since: the kegiatan still imports
    uraian.save()
    kelurahan = Kegiatan(kecamatan=lumajang, tanggal=D(2024, 4, 4), keterangan="Kelurahan ikut")
    kelurahan.snapshot_katalog(
        UraianAktivitas.objects.select_related("jenis").get(jenis__kategori="rekomendasi", nomor=1)
    )
    kelurahan.save()
    kelurahan.desa.set(Desa.objects.filter(kode="35.08.10.1001"))

    d1, d2, d3 = senduro.desa.order_by("kode")
    make_dokumen(d1, "rkpdes", 2025, D(2024, 9, 30))
    make_dokumen(d2, "rkpdes", 2025, D(2024, 10, 1))
    make_dokumen(d1, "apbdes", 2025, D(2024, 12, 31))
    make_dokumen(d2, "apbdes", 2025, D(2024, 12, 30))
    make_dokumen(d3, "apbdes", 2025, D(2025, 1, 20))
    make_dokumen(d1, "lppdes", 2023, D(2024, 3, 31))
    make_dokumen(d1, "lppdes", 2024, D(2024, 3, 31))
    for desa in lumajang.desa.filter(jenis=Desa.Jenis.DESA):
        make_dokumen(desa, "rkpdes", 2025, D(2024, 9, 1))


def _laporan():
    hasil = {}
    for args in (["--tahun", "2024"], ["--tahun", "2023"], ["--tahun", "2024", "--triwulan", "3"]):
        out = io.StringIO()
        call_command(
            "iku_report", "--kabupaten", "35.08", *args, "--as-of", "2025-01-15", "--format", "json", stdout=out
        )
        hasil[" ".join(args)] = json.loads(out.getvalue())
    return hasil


def _kosongkan():
    from wilayah.versi import versi_data_naikkan_semua

    BuktiPendukung.objects.all().delete()
    Kegiatan.objects.all().delete()
    DokumenDesa.objects.all().delete()
    versi_data_naikkan_semua()  # a bulk delete, as a service would do it: every kecamatan's figures changed


def test_export_then_import_into_an_empty_database_gives_the_same_iku_report(data, tmp_path):
    sebelum = _laporan()
    assert sebelum["--tahun 2024"]["hasil"][1]["iku1"]["denominator"] == 7  # the data are not trivial
    jumlah = (Kegiatan.objects.count(), BuktiPendukung.objects.aktif().count(), DokumenDesa.objects.count())
    path = tmp_path / "ekspor.xlsx"
    call_command("export_workbook", "--kabupaten", "35.08", "--out", str(path), stdout=io.StringIO())

    _kosongkan()
    assert _laporan() != sebelum
    out = io.StringIO()
    call_command("import_workbook", str(path), stdout=out)
    assert "Impor selesai: 12 kegiatan baru" in out.getvalue()

    assert _laporan() == sebelum
    assert (Kegiatan.objects.count(), BuktiPendukung.objects.count(), DokumenDesa.objects.count()) == jumlah
    rich = Kegiatan.objects.get(tanggal=D(2024, 9, 9))
    assert (rich.keterangan, rich.output, rich.seksi.nama) == (
        '- rapat "desa"; =SUM(A1)',
        "+ notulen",
        "Seksi Pemerintahan",
    )
    assert rich.desa.count() == 3 and rich.bukti.get().nomor == ""
    assert Kegiatan.objects.get(tanggal=D(2024, 4, 4)).desa.get().is_kelurahan

    # And the same file once more adds nothing.
    out = io.StringIO()
    call_command("import_workbook", str(path), stdout=out)
    assert "0 kegiatan baru, 12 sudah ada" in out.getvalue()
    assert Kegiatan.objects.count() == jumlah[0]


def test_the_export_has_the_import_layout_and_one_row_per_active_bukti(data):
    senduro = Kecamatan.objects.filter(kode="35.08.12")
    wb = load_workbook(io.BytesIO(workbook_export(kecamatan_qs=senduro)))
    assert wb.sheetnames == ["Kegiatan", "DokumenDesa", "Daftar", "Katalog"]
    rows = list(wb["Kegiatan"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Kecamatan", "Tanggal", "Kategori", "No Jenis", "No Uraian")
    # 10 Senduro kegiatan; the one with two bukti takes two rows; the removed bukti is left out.
    assert len(rows) - 1 == 11
    assert {r[0] for r in rows[1:]} == {"35.08.12"}
    dua = [r for r in rows[1:] if r[1] == datetime.datetime(2024, 5, 1)]
    assert sorted(r[12] for r in dua) == ["BA/0", "BA/1"]
    dihapus = [r for r in rows[1:] if r[1] == datetime.datetime(2024, 8, 1)]
    assert len(dihapus) == 1 and dihapus[0][11] is None
    # Text that looks like a formula stays text, and its value is unchanged.
    cell = next(c for c in wb["Kegiatan"]["H"] if c.value and c.value.startswith("- rapat"))
    assert cell.data_type == "s" and cell.quotePrefix
    assert len(list(wb["DokumenDesa"].iter_rows())) - 1 == 7


def test_export_of_a_kecamatan_reimports_as_already_present(data, senduro, make_user):
    from kecamatan.models import Peran

    kasi = make_user(Peran.KASI, kecamatan=senduro)
    content = workbook_export(kecamatan_qs=Kecamatan.objects.filter(pk=senduro.pk))
    hasil = workbook_import(user=kasi, file=unggah(content), dry_run=True)
    assert hasil.ok, hasil.kesalahan
    assert (hasil.kegiatan_baru, hasil.kegiatan_sudah_ada, hasil.bukti_baru) == (0, 10, 0)
    assert (hasil.dokumen_baru, hasil.dokumen_diperbarui, hasil.dokumen_sama) == (0, 0, 7)
