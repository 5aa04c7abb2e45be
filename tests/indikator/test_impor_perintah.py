"""import_workbook and export_workbook: exit codes, summary, errors listed, nothing saved on error."""

import io

import pytest
from django.core.management import CommandError, call_command

from desa.models import DokumenDesa
from kecamatan.models import Kegiatan, Peran
from tests.indikator.impor_bantu import buku, dokumen, kegiatan


@pytest.fixture
def berkas(tmp_path, senduro, lumajang):
    def tulis(kegiatan_rows=(), dokumen_rows=()):
        path = tmp_path / "data.xlsx"
        path.write_bytes(buku(kegiatan_rows, dokumen_rows))
        return str(path)

    return tulis


def _jalan(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_workbook", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_valid_file_exits_0_with_a_summary(berkas):
    out, _ = _jalan(berkas([kegiatan(), kegiatan(Kecamatan="Lumajang")], [dokumen()]))
    assert out.strip() == (
        "Impor selesai: 2 kegiatan baru, 0 sudah ada; 0 bukti pendukung baru, 0 sudah ada; "
        "1 dokumen desa baru, 0 diperbarui, 0 tidak berubah."
    )
    assert Kegiatan.objects.count() == 2 and DokumenDesa.objects.count() == 1
    assert Kegiatan.objects.first().dibuat_oleh is None  # the system, not a user


def test_dry_run_saves_nothing(berkas):
    out, _ = _jalan(berkas([kegiatan()]), "--dry-run")
    assert out.startswith("Pemeriksaan selesai (--dry-run, tidak ada yang disimpan): 1 kegiatan baru")
    assert Kegiatan.objects.count() == 0


def test_errors_exit_non_zero_listing_each_and_nothing_is_saved(berkas):
    path = berkas([kegiatan(), kegiatan(Tanggal="2024-02-30")], [dokumen(Desa="35.08.10.1002")])
    with pytest.raises(CommandError) as excinfo:
        _jalan(path)
    assert excinfo.value.returncode == 1
    assert "2 kesalahan ditemukan; tidak ada yang disimpan." in str(excinfo.value)
    assert Kegiatan.objects.count() == 0 and DokumenDesa.objects.count() == 0


def test_error_lines_go_to_stderr(berkas):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_workbook", berkas([kegiatan(Tanggal="2024-02-30")]), stdout=io.StringIO(), stderr=err)
    assert (
        err.getvalue().strip()
        == "lembar Kegiatan, baris 2, kolom Tanggal (B): Tanggal: \u201c2024-02-30\u201d tidak ada di kalender."
    )


def test_user_scope_applies(berkas, senduro, make_user):
    make_user(Peran.KASI, kecamatan=senduro, username="kasi.senduro")
    with pytest.raises(CommandError) as excinfo:
        _jalan(berkas([kegiatan(Kecamatan="Lumajang")]), "--user", "kasi.senduro")
    assert excinfo.value.returncode == 1
    _jalan(berkas([kegiatan()]), "--user", "kasi.senduro")
    assert Kegiatan.objects.get().dibuat_oleh.username == "kasi.senduro"


@pytest.mark.parametrize("args", [["--user", "tidak.ada"], ["--user", "staf.senduro"]])
def test_unknown_or_unauthorised_user_exits_2(berkas, senduro, make_user, args):
    make_user(Peran.STAF, kecamatan=senduro, username="staf.senduro")
    with pytest.raises(CommandError) as excinfo:
        _jalan(berkas([kegiatan()]), *args)
    assert excinfo.value.returncode == 2
    assert Kegiatan.objects.count() == 0


def test_missing_file_exits_2(tmp_path, db):
    with pytest.raises(CommandError) as excinfo:
        _jalan(str(tmp_path / "tidak-ada.xlsx"))
    assert excinfo.value.returncode == 2


@pytest.mark.parametrize("args", [["--kecamatan", "35.08.99"], ["--kabupaten", "35.99"]])
def test_export_of_an_unknown_region_exits_2(tmp_path, senduro, args):
    with pytest.raises(CommandError) as excinfo:
        call_command("export_workbook", *args, "--out", str(tmp_path / "x.xlsx"))
    assert excinfo.value.returncode == 2


def test_export_then_dry_run_of_one_kecamatan(tmp_path, berkas):
    _jalan(berkas([kegiatan(), kegiatan(Kecamatan="Lumajang")]))
    out_path = tmp_path / "senduro.xlsx"
    call_command("export_workbook", "--kecamatan", "35.08.12", "--out", str(out_path), stdout=io.StringIO())
    out, _ = _jalan(str(out_path), "--dry-run")
    assert "0 kegiatan baru, 1 sudah ada" in out
