"""workbook_import: what is saved, idempotence, grouping of bukti, permissions, history and bulk writes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from desa.models import DokumenDesa
from indikator.iku import iku_compute
from indikator.impor.services import workbook_import
from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, Peran, Seksi, UraianAktivitas
from kecamatan.periode import tahunan
from tests.indikator.impor_bantu import baris_banyak, buku, dokumen, kegiatan, lokasi, unggah
from wilayah.models import Desa, Kecamatan

HARI_INI = datetime.date(2025, 1, 15)
D = datetime.date


@pytest.fixture
def kasi(senduro, lumajang, make_user):
    Seksi.objects.create(kecamatan=senduro, nama="Seksi Pemerintahan")
    return make_user(Peran.KASI, kecamatan=senduro)


def _impor(user, kegiatan_rows=(), dokumen_rows=(), *, dry_run=False):
    return workbook_import(
        user=user, file=unggah(buku(kegiatan_rows, dokumen_rows)), dry_run=dry_run, hari_ini=HARI_INI
    )


def _lengkap(**nilai):
    row = kegiatan(
        Tanggal=datetime.datetime(2024, 3, 1),  # an Excel date cell
        Kategori="koordinasi",
        Desa="Kandangan;35.08.12.2011; desa kandangtepus",
        Seksi="seksi  pemerintahan",
        Output="Berita acara rapat",
    )
    row.update({"Tanggal Output": "05/03/2024", "Jenis Bukti": "Berita Acara", "Nomor Bukti": "BA/01/2024"}, **{})
    row.update(nilai)
    return row


def test_a_full_row_is_saved_with_its_snapshot_desa_seksi_and_bukti_tanpa_berkas(kasi, senduro):
    hasil = _impor(kasi, [_lengkap()])
    assert hasil.ok and hasil.disimpan
    assert (hasil.kegiatan_baru, hasil.bukti_baru) == (1, 1)
    k = Kegiatan.objects.get()
    uraian = UraianAktivitas.objects.get(jenis__kategori="koordinasi", jenis__nomor=1, nomor=1)
    assert (k.kecamatan, k.uraian, k.tanggal, k.status) == (senduro, uraian, D(2024, 3, 1), "dilaksanakan")
    assert (k.kategori, k.jenis_nomor, k.uraian_nomor, k.uraian_teks) == ("koordinasi", 1, 1, uraian.teks)
    assert (k.output, k.tanggal_output) == ("Berita acara rapat", D(2024, 3, 5))
    assert k.seksi.nama == "Seksi Pemerintahan"
    assert sorted(k.desa.values_list("nama", flat=True)) == ["Argosari", "Kandangan", "Kandangtepus"]
    assert k.dibuat_oleh == kasi
    bukti = k.bukti.get()
    assert bukti.tanpa_berkas and bukti.nomor == "BA/01/2024" and bukti.jenis.kode == "berita_acara"
    assert bukti.tanggal == D(2024, 3, 5)  # no Tanggal Bukti: the output's date
    assert bukti.diunggah_oleh == kasi
    # The bukti without its file counts (docs/DESIGN.md §2.2).
    hasil_iku = iku_compute(kecamatan_qs=Kecamatan.objects.filter(pk=senduro.pk), periode=tahunan(2024), as_of=HARI_INI)
    assert (hasil_iku[0].iku1.numerator, hasil_iku[0].iku1.denominator) == (1, 1)


def test_history_names_the_importer_and_holds_the_desa(kasi):
    _impor(kasi, [_lengkap()], [dokumen()])
    k = Kegiatan.objects.get()
    record = k.history.get()
    assert record.history_type == "+" and record.history_user == kasi
    assert sorted(record.desa.values_list("desa__nama", flat=True)) == ["Argosari", "Kandangan", "Kandangtepus"]
    assert BuktiPendukung.history.get().history_user == kasi
    assert DokumenDesa.history.get().history_user == kasi
    assert DokumenDesa.objects.get().diubah_oleh == kasi


def test_dry_run_counts_but_saves_nothing(kasi):
    hasil = _impor(kasi, [_lengkap()], [dokumen()], dry_run=True)
    assert hasil.ok and not hasil.disimpan
    assert (hasil.kegiatan_baru, hasil.bukti_baru, hasil.dokumen_baru) == (1, 1, 1)
    assert Kegiatan.objects.count() == BuktiPendukung.objects.count() == DokumenDesa.objects.count() == 0


def test_importing_the_same_file_twice_adds_nothing(kasi):
    rows = [_lengkap(), kegiatan(Status="rencana", Tanggal="2024-12-01"), kegiatan(Keterangan="")]
    first = _impor(kasi, rows, [dokumen(), dokumen(Dokumen="LPPDes", **{"Tahun Anggaran": 2023})])
    assert (first.kegiatan_baru, first.bukti_baru, first.dokumen_baru) == (3, 1, 2)
    second = _impor(kasi, rows, [dokumen(), dokumen(Dokumen="LPPDes", **{"Tahun Anggaran": 2023})])
    assert second.ok and second.disimpan
    assert (second.kegiatan_baru, second.kegiatan_sudah_ada) == (0, 3)
    assert (second.bukti_baru, second.bukti_sudah_ada) == (0, 1)
    assert (second.dokumen_baru, second.dokumen_diperbarui, second.dokumen_sama) == (0, 0, 2)
    assert Kegiatan.objects.count() == 3 and BuktiPendukung.objects.count() == 1 and DokumenDesa.objects.count() == 2


def test_identity_includes_every_fact(kasi):
    _impor(kasi, [_lengkap()])
    for berbeda in (
        {"Desa": "Kandangan"},
        {"Seksi": ""},
        {"Keterangan": "Rapat lain"},
        {"Output": "Notulen"},
        {"Tanggal Output": "2024-03-06"},
        {"Tanggal": "2024-03-02"},
        {"Kategori": "Fasilitasi"},
    ):
        hasil = _impor(kasi, [_lengkap(**berbeda)], dry_run=True)
        assert hasil.ok and (hasil.kegiatan_baru, hasil.kegiatan_sudah_ada) == (1, 0), berbeda
    # Desa order, case and spacing do not matter.
    hasil = _impor(kasi, [_lengkap(Desa="35.08.12.2001; ARGOSARI ;kandangan")], dry_run=True)
    assert (hasil.kegiatan_baru, hasil.kegiatan_sudah_ada) == (0, 1)


def test_rows_differing_only_in_bukti_are_one_kegiatan_and_a_new_bukti_joins_an_existing_kegiatan(kasi):
    rows = [_lengkap(), _lengkap(**{"Jenis Bukti": "Dokumen/Laporan", "Nomor Bukti": "LAP-7"})]
    hasil = _impor(kasi, rows)
    assert (hasil.kegiatan_baru, hasil.bukti_baru) == (1, 2)
    k = Kegiatan.objects.get()
    assert sorted(k.bukti.values_list("nomor", flat=True)) == ["BA/01/2024", "LAP-7"]
    hasil = _impor(kasi, [*rows, _lengkap(**{"Jenis Bukti": "rapat koordinasi", "Nomor Bukti": "UND-3"})])
    assert (hasil.kegiatan_baru, hasil.kegiatan_sudah_ada, hasil.bukti_baru, hasil.bukti_sudah_ada) == (0, 1, 1, 2)
    assert k.bukti.count() == 3 and Kegiatan.objects.count() == 1


def test_a_removed_bukti_is_not_brought_back(kasi):
    _impor(kasi, [_lengkap()])
    BuktiPendukung.objects.update(dihapus_pada=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC))
    hasil = _impor(kasi, [_lengkap()])
    assert (hasil.bukti_baru, hasil.bukti_sudah_ada) == (0, 1)
    assert BuktiPendukung.objects.count() == 1


def test_tanpa_nomor_stands_for_an_empty_number(kasi):
    hasil = _impor(kasi, [_lengkap(**{"Nomor Bukti": "Tanpa Nomor", "Tanggal Bukti": "2024-03-04"})])
    assert hasil.ok
    bukti = BuktiPendukung.objects.get()
    assert (bukti.nomor, bukti.tanggal) == ("", D(2024, 3, 4))


def test_a_dokumen_row_updates_its_desa_document_and_ta(kasi, senduro):
    desa = Desa.objects.get(kode="35.08.12.2001")
    DokumenDesa.objects.create(desa=desa, jenis="rkpdes", tahun_anggaran=2025, tanggal=D(2024, 10, 2), nomor="9")
    hasil = _impor(kasi, [], [dokumen(Tanggal="30/09/2024", Nomor="")])
    assert (hasil.dokumen_baru, hasil.dokumen_diperbarui) == (0, 1)
    dok = DokumenDesa.objects.get()
    # An empty Nomor keeps the stored one.
    assert (dok.tanggal, dok.nomor, dok.diubah_oleh) == (D(2024, 9, 30), "9", kasi)
    assert dok.history.first().history_type == "~" and dok.history.first().history_user == kasi
    hasil = _impor(kasi, [], [dokumen(Tanggal="30/09/2024", Nomor="4 Tahun 2024")])
    assert hasil.dokumen_diperbarui == 1 and DokumenDesa.objects.get().nomor == "4 Tahun 2024"


def test_dates_in_every_accepted_form_and_headers_in_any_case(kasi):
    judul = ["KECAMATAN", "tanggal", " Kategori ", "NoJenis", "no  uraian", "TANGGAL OUTPUT", "output"]
    rows = [
        {
            "KECAMATAN": "Senduro",
            "tanggal": "2024-03-01",
            " Kategori ": "Fasilitasi",
            "NoJenis": "1",
            "no  uraian": 1.0,
        },
        {
            "KECAMATAN": "kecamatan senduro",
            "tanggal": "2/3/2024",
            " Kategori ": "fasilitasi",
            "NoJenis": 1,
            "no  uraian": 2,
        },
        {
            "KECAMATAN": "35.08.12",
            "tanggal": datetime.datetime(2024, 3, 3, 0, 0),
            " Kategori ": "Rekomendasi",
            "NoJenis": 1,
            "no  uraian": 1,
            "TANGGAL OUTPUT": "2024-03-04",
            "output": "Surat rekomendasi",
        },
    ]
    hasil = workbook_import(
        user=kasi, file=unggah(buku(rows, judul_kegiatan=judul, sheets=("Kegiatan",))), hari_ini=HARI_INI
    )
    assert hasil.ok, hasil.kesalahan
    assert sorted(Kegiatan.objects.values_list("tanggal", flat=True)) == [D(2024, 3, 1), D(2024, 3, 2), D(2024, 3, 3)]


def test_retired_catalogue_entries_import_as_history_with_a_note(kasi):
    uraian = UraianAktivitas.objects.get(jenis__kategori="fasilitasi", jenis__nomor=1, nomor=1)
    uraian.aktif = False
    uraian.save()
    hasil = _impor(kasi, [kegiatan()])
    assert hasil.ok and hasil.disimpan
    assert lokasi_peringatan(hasil) == [("Kegiatan", 2, "No Uraian")]
    assert "dipensiunkan" in hasil.peringatan[0].pesan
    assert Kegiatan.objects.get().uraian_teks == uraian.teks


def lokasi_peringatan(hasil):
    return [(k.sheet, k.baris, k.kolom) for k in hasil.peringatan]


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.PEMERIKSA])
def test_staf_and_pemeriksa_may_not_import(peran, senduro, make_user):
    user = make_user(peran, kecamatan=senduro)
    with pytest.raises(PermissionDenied):
        _impor(user, [kegiatan()])
    assert Kegiatan.objects.count() == 0


def test_a_user_without_membership_may_not_import(db, django_user_model):
    user = django_user_model.objects.create_user(username="tamu", password="x")
    with pytest.raises(PermissionDenied):
        _impor(user, [kegiatan()])


def test_kasi_imports_into_their_own_kecamatan_only(senduro, lumajang, make_user):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    assert _impor(kasi, [kegiatan()]).ok
    hasil = _impor(kasi, [kegiatan(Kecamatan="35.08.10")], [dokumen(Desa="35.08.10.2001")])
    assert lokasi(hasil) == [("Kegiatan", 2, "Kecamatan"), ("DokumenDesa", 2, "Desa")]


def test_pimpinan_may_not_import(senduro, make_user):
    # docs/DESIGN.md §1: the camat reads and approves; outputs and bukti are the kasi's.
    with pytest.raises(PermissionDenied):
        _impor(make_user(Peran.PIMPINAN, kecamatan=senduro), [kegiatan()])
    assert Kegiatan.objects.count() == 0


def test_a_kasi_adds_no_bukti_to_another_seksi_s_stored_kegiatan(senduro, make_user):
    pemerintahan = Seksi.objects.create(kecamatan=senduro, nama="Seksi Pemerintahan")
    ekbang = Seksi.objects.create(kecamatan=senduro, nama="Seksi Ekonomi Pembangunan")
    kasi_pem = make_user(Peran.KASI, kecamatan=senduro, seksi=pemerintahan, username="kasi_pem")
    kasi_ekbang = make_user(Peran.KASI, kecamatan=senduro, seksi=ekbang, username="kasi_ekbang")
    baris = _lengkap(Seksi="Seksi Pemerintahan")
    assert _impor(kasi_pem, [baris]).ok
    dengan_bukti = dict(baris, **{"Jenis Bukti": "SK Camat", "Nomor Bukti": "188/7"})
    hasil = _impor(kasi_ekbang, [dengan_bukti])
    assert lokasi(hasil) == [("Kegiatan", 2, "Jenis Bukti")]
    assert "kasi seksi itu" in hasil.kesalahan[0].pesan
    assert BuktiPendukung.objects.filter(nomor="188/7").count() == 0
    # The kasi of the kegiatan's own seksi may.
    assert _impor(kasi_pem, [dengan_bukti]).ok
    assert BuktiPendukung.objects.filter(nomor="188/7").count() == 1


def test_admin_kabupaten_imports_into_any_kecamatan_of_their_kabupaten_only(senduro, lumajang, make_user):
    from wilayah.models import Kabupaten

    admin = make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten)
    hasil = _impor(admin, [kegiatan(), kegiatan(Kecamatan="Lumajang", Desa="Denok")], [dokumen(Desa="35.08.10.2002")])
    assert hasil.ok and (hasil.kegiatan_baru, hasil.dokumen_baru) == (2, 1)
    lain = Kabupaten.objects.create(kode="35.09", nama="Kabupaten Jember", provinsi=senduro.kabupaten.provinsi)
    Kecamatan.objects.create(kode="35.09.01", nama="Kencong", kabupaten=lain)
    hasil = _impor(admin, [kegiatan(Kecamatan="35.09.01")])
    assert lokasi(hasil) == [("Kegiatan", 2, "Kecamatan")]
    # The system (command without --user) reaches every kecamatan.
    assert workbook_import(user=None, file=unggah(buku([kegiatan(Kecamatan="Kencong")])), hari_ini=HARI_INI).ok


def test_inactive_jenis_bukti_is_accepted_with_a_note(kasi):
    JenisBukti.objects.filter(kode="sk_camat").update(aktif=False)
    hasil = _impor(kasi, [_lengkap(**{"Jenis Bukti": "SK Camat", "Nomor Bukti": "188/1"})])
    assert hasil.ok and [p.kolom for p in hasil.peringatan] == ["Jenis Bukti"]


def test_queries_do_not_grow_with_the_rows(kasi, django_assert_max_num_queries):
    def rows(n, offset):
        return [_lengkap(Keterangan=f"Rapat {offset + i}", **{"Nomor Bukti": f"BA/{offset + i}"}) for i in range(n)]

    small, large = buku(rows(3, 0)), buku(rows(30, 100))  # below one SQLite insert batch
    with django_assert_max_num_queries(40) as small_ctx:
        assert workbook_import(user=kasi, file=unggah(small), hari_ini=HARI_INI).ok
    with django_assert_max_num_queries(40) as large_ctx:
        assert workbook_import(user=kasi, file=unggah(large), hari_ini=HARI_INI).ok
    assert len(large_ctx.captured_queries) == len(small_ctx.captured_queries)
    assert Kegiatan.objects.count() == 33


def test_a_generated_workbook_imports_in_one_go(kasi):
    """The generator behind the 5,000-row timing (see baris_banyak) makes valid, distinct rows."""
    hasil = workbook_import(user=kasi, file=unggah(buku(baris_banyak(300))), hari_ini=HARI_INI)
    assert hasil.ok, hasil.kesalahan[:3]
    assert (hasil.kegiatan_baru, hasil.bukti_baru) == (300, 150)
    assert Kegiatan.objects.count() == 300
