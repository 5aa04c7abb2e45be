"""iku_report --format pdf|xlsx and iku_document: files written, bad input exits with status 2."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.indikator import laporan_util
from tests.indikator.laporan_util import baris_pdf, teks_pdf

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

ARGS = ["--tahun", "2024", "--as-of", "2025-01-15"]


def test_kecamatan_pdf_is_the_draft_laporan_capaian(laporan_2024, tmp_path):
    out = tmp_path / "senduro.pdf"
    call_command("iku_report", "--kecamatan", "35.08.12", *ARGS, "--format", "pdf", "--out", str(out))
    content = out.read_bytes()
    assert "3 6 50,00% 90,00% 55,56%" in baris_pdf(content)
    teks = teks_pdf(content)
    assert "DRAF" in teks and "W. PUJIANTO" in teks


def test_kecamatan_and_kabupaten_xlsx(laporan_2024, tmp_path):
    out = tmp_path / "senduro.xlsx"
    call_command("iku_report", "--kecamatan", "35.08.12", *ARGS, "--format", "xlsx", "--out", str(out))
    assert load_workbook(out)["Capaian"]["C5"].value == 3
    rekap = tmp_path / "kab.xlsx"
    call_command("iku_report", "--kabupaten", "35.08", *ARGS, "--format", "xlsx", "--out", str(rekap))
    assert [r[2] for r in load_workbook(rekap)["Rekap"].iter_rows(min_row=5, values_only=True)] == [
        "Lumajang",
        "Senduro",
        "Kabupaten",
    ]


def test_kabupaten_pdf_is_the_rekap(laporan_2024, tmp_path):
    out = tmp_path / "kab.pdf"
    call_command("iku_report", "--kabupaten", "35.08", *ARGS, "--format", "pdf", "--out", str(out))
    assert "2 Senduro 3 6 50,00% 55,56% 4 9 44,44% 44,44%" in baris_pdf(out.read_bytes())


def test_iku_document_writes_the_pdf(laporan_2024, tmp_path):
    out = tmp_path / "dokumen.pdf"
    call_command("iku_document", "--kecamatan", "35.08.12", "--out", str(out))
    teks = teks_pdf(out.read_bytes())
    assert "INDIKATOR KINERJA UTAMA" in teks and "NIP. 19681114 199003 1 004" in teks


@pytest.mark.parametrize(
    "command,args",
    [
        ("iku_report", ["--kecamatan", "35.08.12", *ARGS, "--format", "pdf"]),
        ("iku_report", ["--kabupaten", "35.08", *ARGS, "--format", "xlsx"]),
        ("iku_report", ["--kecamatan", "35.08.77", *ARGS, "--format", "pdf", "--out", "x.pdf"]),
        ("iku_report", ["--kecamatan", "35.08.12", "--format", "pdf", "--out", "x.pdf"]),
        ("iku_report", ["--kecamatan", "35.08.12", *ARGS, "--format", "pdf", "--out", "/tidak/ada/x.pdf"]),
        ("iku_document", ["--kecamatan", "35.08.77", "--out", "x.pdf"]),
        ("iku_document", ["--kecamatan", "35.08.12", "--out", "x.txt"]),
        ("iku_document", ["--kecamatan", "35.08.12", "--out", "x.pdf", "--tanggal", "2025-02-30"]),
        ("iku_document", ["--kecamatan", "35.08.10", "--out", "/tidak/ada/x.pdf"]),
    ],
)
def test_bad_input_exits_with_status_2(laporan_2024, command, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError) as excinfo:
        call_command(command, *args)
    assert excinfo.value.returncode == 2
    assert not (tmp_path / "x.pdf").exists()


def test_iku_document_without_a_document_exits_2(senduro, tmp_path):
    with pytest.raises(CommandError) as excinfo:
        call_command("iku_document", "--kecamatan", "35.08.12", "--out", str(tmp_path / "x.pdf"))
    assert excinfo.value.returncode == 2
    assert "belum memiliki dokumen IKU" in str(excinfo.value)
