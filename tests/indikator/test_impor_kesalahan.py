"""Every error is reported by sheet, row (as Excel numbers it) and column, all at once, and nothing is saved."""

import datetime

import pytest

from desa.models import DokumenDesa
from indikator.impor.services import workbook_import
from kecamatan.models import BuktiPendukung, Kegiatan, Peran
from tests.indikator.impor_bantu import buku, dokumen, kegiatan, lokasi, unggah
from wilayah.models import Desa

HARI_INI = datetime.date(2025, 1, 15)


@pytest.fixture
def kasi(senduro, lumajang, make_user):
    Desa.objects.create(kode="35.08.12.1001", nama="Senduro Kota", kecamatan=senduro)  # a kelurahan
    return make_user(Peran.KASI, kecamatan=senduro)


@pytest.fixture
def admin(senduro, lumajang, make_user):
    return make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten)


def _impor(user, kegiatan_rows=(), dokumen_rows=(), **kwargs):
    return workbook_import(user=user, file=unggah(buku(kegiatan_rows, dokumen_rows, **kwargs)), hari_ini=HARI_INI)


def _tidak_ada_yang_disimpan():
    assert Kegiatan.objects.count() == 0
    assert BuktiPendukung.objects.count() == 0
    assert DokumenDesa.objects.count() == 0


# Each case: a valid kegiatan row 2 and a valid dokumen row 2 around the faulty row, so the test
# proves that the valid rows are not saved either.
CASES = {
    "desa tidak dikenal": (
        [kegiatan(Desa="Kandangan; Tidakada")],
        [],
        ("Kegiatan", 3, "Desa"),
        "tidak ditemukan di Kecamatan Senduro",
    ),
    "dokumen kelurahan": (
        [],
        [dokumen(Desa="Kelurahan Senduro Kota")],
        ("DokumenDesa", 3, "Desa"),
        "Kelurahan Senduro Kota adalah kelurahan: kelurahan tidak menyusun RKPDes",
    ),
    "tanggal salah": ([kegiatan(Tanggal="31/02/2024")], [], ("Kegiatan", 3, "Tanggal"), "tidak ada di kalender"),
    "tanggal bukan tanggal": ([kegiatan(Tanggal="kemarin")], [], ("Kegiatan", 3, "Tanggal"), "bukan tanggal"),
    "nomor jenis tidak dikenal": (
        [kegiatan(**{"No Jenis": 19})],
        [],
        ("Kegiatan", 3, "No Jenis"),
        "Jenis nomor 19 tidak ada dalam kategori Fasilitasi (nomor 1–18)",
    ),
    "nomor uraian tidak dikenal": (
        [kegiatan(**{"No Uraian": 42})],
        [],
        ("Kegiatan", 3, "No Uraian"),
        "Uraian nomor 42 tidak ada",
    ),
    "output tanpa tanggal": (
        [kegiatan(Output="Berita acara")],
        [],
        ("Kegiatan", 3, "Tanggal Output"),
        "Output diisi tanpa Tanggal Output",
    ),
    "tanggal output tanpa output": (
        [kegiatan(**{"Tanggal Output": "2024-03-05"})],
        [],
        ("Kegiatan", 3, "Output"),
        "Tanggal Output diisi tanpa Output",
    ),
    "baris ganda": (
        [kegiatan(Keterangan="Rapat fasilitasi")],  # identical to row 2
        [],
        ("Kegiatan", 3, None),
        "sama dengan baris 2",
    ),
    "dokumen ganda": (
        [],
        [dokumen(Tanggal="2024-09-29")],  # same desa, jenis, TA as row 2
        ("DokumenDesa", 3, None),
        "sudah ada di baris 2",
    ),
    "kecamatan tidak dikenal": (
        [kegiatan(Kecamatan="35.08.99")],
        [],
        ("Kegiatan", 3, "Kecamatan"),
        "tidak dikenal atau di luar lingkup",
    ),
    "jenis bukti tanpa nomor": (
        [kegiatan(Keterangan="lain", **{"Jenis Bukti": "SK Camat"})],
        [],
        ("Kegiatan", 3, "Nomor Bukti"),
        "Nomor Bukti wajib diisi",
    ),
    "status tidak dikenal": ([kegiatan(Status="selesai")], [], ("Kegiatan", 3, "Status"), "tidak dikenal"),
    "dilaksanakan di masa depan": (
        [kegiatan(Tanggal="2025-02-01")],
        [],
        ("Kegiatan", 3, "Tanggal"),
        "setelah hari ini",
    ),
    "seksi tidak terdaftar": ([kegiatan(Seksi="Seksi Antah")], [], ("Kegiatan", 3, "Seksi"), "tidak terdaftar"),
    "tahun anggaran bukan angka": (
        [],
        [dokumen(**{"Tahun Anggaran": "dua ribu"})],
        ("DokumenDesa", 3, "Tahun Anggaran"),
        "bukan bilangan bulat",
    ),
    "tanggal dokumen tidak wajar": (
        [],
        [dokumen(Dokumen="APBDes", Tanggal="2019-12-31")],
        ("DokumenDesa", 3, "Tanggal"),
        "tidak wajar",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_error_is_located_and_nothing_is_saved(kasi, case):
    kegiatan_rows, dokumen_rows, where, pesan = case
    hasil = _impor(kasi, [kegiatan(), *kegiatan_rows], [dokumen(), *dokumen_rows])
    assert lokasi(hasil) == [where]
    assert pesan in hasil.kesalahan[0].pesan
    assert not hasil.disimpan
    _tidak_ada_yang_disimpan()


def test_another_kecamatans_desa_is_not_found_for_a_kecamatan_user(kasi):
    # Denok lies in Lumajang: to a Senduro kasi it does not exist, and nothing of Lumajang is revealed.
    hasil = _impor(kasi, [kegiatan(Desa="35.08.10.2001")], [dokumen(Desa="Denok")])
    assert lokasi(hasil) == [("Kegiatan", 2, "Desa"), ("DokumenDesa", 2, "Desa")]
    assert all("Lumajang" not in k.pesan for k in hasil.kesalahan)
    assert "tidak ditemukan di Kecamatan Senduro" in hasil.kesalahan[0].pesan
    _tidak_ada_yang_disimpan()


def test_another_kecamatan_for_a_kecamatan_user(kasi):
    hasil = _impor(kasi, [kegiatan(Kecamatan="Lumajang")])
    assert lokasi(hasil) == [("Kegiatan", 2, "Kecamatan")]
    _tidak_ada_yang_disimpan()


def test_admin_is_told_which_kecamatan_the_desa_belongs_to(admin):
    hasil = _impor(admin, [kegiatan(Desa="35.08.10.2001")])
    assert lokasi(hasil) == [("Kegiatan", 2, "Desa")]
    assert "berada di Kecamatan Lumajang, bukan di Kecamatan Senduro" in hasil.kesalahan[0].pesan


def test_ambiguous_desa_name(kasi, senduro):
    Desa.objects.create(kode="35.08.12.2012", nama="Kandangan", kecamatan=senduro)
    hasil = _impor(kasi, [kegiatan(Desa="Kandangan")], [dokumen(Desa="kandangan")])
    assert lokasi(hasil) == [("Kegiatan", 2, "Desa"), ("DokumenDesa", 2, "Desa")]
    pesan = hasil.kesalahan[0].pesan
    assert "tidak unik" in pesan and "35.08.12.2002" in pesan and "35.08.12.2012" in pesan
    _tidak_ada_yang_disimpan()
    # The code settles it.
    assert _impor(kasi, [kegiatan(Desa="35.08.12.2012")]).ok


def test_desa_name_ambiguous_across_kecamatan_for_the_admin(admin, lumajang):
    Desa.objects.create(kode="35.08.10.2003", nama="Kandangan", kecamatan=lumajang)
    hasil = _impor(admin, [], [dokumen(Desa="Kandangan")])
    assert lokasi(hasil) == [("DokumenDesa", 2, "Desa")]
    assert "Kec. Lumajang" in hasil.kesalahan[0].pesan and "Kec. Senduro" in hasil.kesalahan[0].pesan
    # Within a kegiatan row the kecamatan narrows the name down.
    assert _impor(admin, [kegiatan(Desa="Kandangan")]).ok


def test_all_errors_of_the_file_come_at_once_in_sheet_and_row_order(kasi):
    hasil = _impor(
        kasi,
        [
            kegiatan(Tanggal="2024-13-01", Kategori="Pengawasan"),
            kegiatan(),
            kegiatan(**{"No Jenis": "satu"}, Desa="Tidakada"),
        ],
        [dokumen(Dokumen="RPJMDes"), dokumen(Desa="Argosari", **{"Tahun Anggaran": 1999})],
    )
    assert lokasi(hasil) == [
        ("Kegiatan", 2, "Tanggal"),
        ("Kegiatan", 2, "Kategori"),
        ("Kegiatan", 4, "No Jenis"),
        ("Kegiatan", 4, "Desa"),
        ("DokumenDesa", 2, "Dokumen"),
        ("DokumenDesa", 3, "Tahun Anggaran"),
    ]
    assert [k.huruf for k in hasil.kesalahan] == ["B", "C", "D", "F", "B", "C"]
    assert str(hasil.kesalahan[0]).startswith("lembar Kegiatan, baris 2, kolom Tanggal (B): ")
    _tidak_ada_yang_disimpan()


def test_row_numbers_are_excels_even_after_blank_rows(kasi):
    rows = [kegiatan(), {}, {}, kegiatan(Tanggal="x")]
    hasil = _impor(kasi, rows)
    assert lokasi(hasil) == [("Kegiatan", 5, "Tanggal")]


def test_unknown_duplicate_and_missing_headers(kasi):
    judul = ["Kecamatan", "Tangal", "Kategori", "No Jenis", "No Uraian", "Kategori"]
    hasil = _impor(kasi, [kegiatan()], judul_kegiatan=judul, sheets=("Kegiatan",))
    assert lokasi(hasil) == [("Kegiatan", 1, "Tangal"), ("Kegiatan", 1, "Kategori"), ("Kegiatan", 1, "Tanggal")]
    assert "tidak dikenal" in hasil.kesalahan[0].pesan
    assert "dua kali" in hasil.kesalahan[1].pesan
    assert "Kolom wajib Tanggal" in hasil.kesalahan[2].pesan


def test_a_formula_is_refused_not_its_cached_value(kasi):
    hasil = _impor(kasi, [kegiatan(Keterangan="=A1&B1")])
    assert lokasi(hasil) == [("Kegiatan", 2, "Keterangan")]
    assert "rumus" in hasil.kesalahan[0].pesan


def test_a_workbook_without_the_sheets(kasi):
    hasil = _impor(kasi, [kegiatan()], sheets=("Kegiatan",))  # fine: one sheet is enough
    assert hasil.ok
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Lembar1"
    buffer = io.BytesIO()
    wb.save(buffer)
    hasil = workbook_import(user=kasi, file=unggah(buffer.getvalue()), hari_ini=HARI_INI)
    assert lokasi(hasil) == [(None, None, None)]
    assert "Tidak ada lembar Kegiatan atau DokumenDesa" in hasil.kesalahan[0].pesan
