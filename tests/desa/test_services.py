import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from desa.models import DokumenDesa
from desa.services import dokumen_desa_create, dokumen_desa_delete, dokumen_desa_update
from kecamatan.models import Peran
from tests.desa.conftest import PDF_BYTES
from wilayah.models import Desa

D = datetime.date


@pytest.fixture
def kandangtepus(senduro):
    return Desa.objects.get(kode="35.08.12.2001")


def _create(user, desa, **kwargs):
    fields = {"jenis": "rkpdes", "tahun_anggaran": 2027, "tanggal": D(2026, 9, 30), "nomor": "3 Tahun 2026"}
    fields.update(kwargs)
    return dokumen_desa_create(user=user, desa=desa, **fields)


@pytest.mark.parametrize("peran", [Peran.KASI, Peran.PIMPINAN])
def test_kasi_and_pimpinan_record_a_document_with_audit(make_user, senduro, kandangtepus, peran):
    user = make_user(peran, kecamatan=senduro)
    dokumen = _create(user, kandangtepus)
    dokumen.refresh_from_db()
    assert (dokumen.jenis, dokumen.tahun_anggaran, dokumen.tanggal) == ("rkpdes", 2027, D(2026, 9, 30))
    assert dokumen.diubah_oleh == user
    assert dokumen.history.get().history_user == user


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.PEMERIKSA, Peran.ADMIN_KABUPATEN])
def test_other_roles_may_not_write(make_user, senduro, kandangtepus, peran):
    user = make_user(peran, kecamatan=senduro)
    with pytest.raises(PermissionDenied):
        _create(user, kandangtepus)
    assert not DokumenDesa.objects.exists()


def test_kelurahan_is_refused_with_a_clear_message(make_user, lumajang):
    kasi = make_user(Peran.KASI, kecamatan=lumajang)
    kelurahan = Desa.objects.get(kode="35.08.10.1001")
    with pytest.raises(ValidationError) as excinfo:
        _create(kasi, kelurahan)
    assert "Kelurahan Jogotrunan adalah kelurahan" in excinfo.value.messages[0]
    assert "hanya untuk desa" in excinfo.value.messages[0]
    assert not DokumenDesa.objects.exists()


def test_duplicate_is_refused_with_a_clear_message(make_user, senduro, kandangtepus):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    _create(kasi, kandangtepus)
    with pytest.raises(ValidationError) as excinfo:
        _create(kasi, kandangtepus, tanggal=D(2026, 9, 1), nomor="lain")
    assert excinfo.value.messages == [
        "RKPDes TA 2027 untuk Desa Kandangtepus sudah tercatat. "
        "Ubah data yang sudah ada; satu desa hanya punya satu dokumen per tahun anggaran."
    ]
    assert DokumenDesa.objects.get().nomor == "3 Tahun 2026"


def test_same_document_of_another_year_or_desa_is_no_duplicate(make_user, senduro, kandangtepus):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    _create(kasi, kandangtepus)
    _create(kasi, kandangtepus, tahun_anggaran=2026, tanggal=D(2025, 9, 30))
    _create(kasi, Desa.objects.get(kode="35.08.12.2002"))
    assert DokumenDesa.objects.count() == 3


def test_another_kecamatans_desa_is_refused(make_user, senduro, lumajang):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    with pytest.raises(PermissionDenied):
        _create(kasi, Desa.objects.get(kode="35.08.10.2001"))
    assert not DokumenDesa.objects.exists()


def test_update_keeps_the_identity_and_records_history(make_user, senduro, kandangtepus):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    camat = make_user(Peran.PIMPINAN, kecamatan=senduro)
    dokumen = _create(kasi, kandangtepus)
    dokumen_desa_update(user=camat, dokumen=dokumen, tanggal=D(2026, 10, 1), nomor=" 4 Tahun 2026 ", catatan="x")
    dokumen.refresh_from_db()
    assert (dokumen.tanggal, dokumen.nomor, dokumen.diubah_oleh) == (D(2026, 10, 1), "4 Tahun 2026", camat)
    assert [h.history_user for h in dokumen.history.order_by("history_date")] == [kasi, camat]


def test_staf_may_not_update_or_delete(make_user, senduro, kandangtepus):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    staf = make_user(Peran.STAF, kecamatan=senduro)
    dokumen = _create(kasi, kandangtepus)
    with pytest.raises(PermissionDenied):
        dokumen_desa_update(user=staf, dokumen=dokumen, tanggal=D(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        dokumen_desa_delete(user=staf, dokumen=dokumen)
    dokumen.refresh_from_db()
    assert dokumen.tanggal == D(2026, 9, 30)


def test_delete_keeps_history(make_user, senduro, kandangtepus):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    dokumen = _create(kasi, kandangtepus)
    dokumen_desa_delete(user=kasi, dokumen=dokumen)
    assert not DokumenDesa.objects.exists()
    assert DokumenDesa.history.filter(history_type="-").get().history_user == kasi


def test_implausible_year_is_refused(make_user, senduro, kandangtepus):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    with pytest.raises(ValidationError) as excinfo:
        _create(kasi, kandangtepus, tanggal=D(2016, 9, 30))
    assert "Tanggal tidak wajar untuk tahun anggaran 2027" in excinfo.value.messages[0]


def test_scan_is_stored_under_a_generated_name(make_user, senduro, kandangtepus, media_root):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    berkas = SimpleUploadedFile("Perdes RKP <Kandangtepus>.exe", PDF_BYTES, content_type="text/html")
    dokumen = _create(kasi, kandangtepus, berkas=berkas)
    dokumen.refresh_from_db()
    assert dokumen.berkas.name.startswith("dokumen_desa/") and dokumen.berkas.name.endswith(".pdf")
    assert (dokumen.nama_berkas_asli, dokumen.content_type, dokumen.ukuran) == (
        "Perdes RKP <Kandangtepus>.exe",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert (media_root / dokumen.berkas.name).read_bytes() == PDF_BYTES


def test_scan_that_is_not_a_document_is_refused(make_user, senduro, kandangtepus, media_root):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    berkas = SimpleUploadedFile("rkp.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as excinfo:
        _create(kasi, kandangtepus, berkas=berkas)
    assert "bukan PDF" in excinfo.value.messages[0]
    assert not DokumenDesa.objects.exists()


def test_a_future_date_is_refused_on_create_and_update(make_user, senduro, kandangtepus):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    hari_ini = datetime.date(2026, 11, 23)
    with pytest.raises(ValidationError) as exc:
        dokumen_desa_create(
            user=kasi,
            desa=kandangtepus,
            jenis="apbdes",
            tahun_anggaran=2027,
            tanggal=datetime.date(2026, 11, 24),
            hari_ini=hari_ini,
        )
    assert exc.value.message_dict == {"tanggal": ["Tanggal penetapan tidak boleh setelah hari ini."]}
    assert not DokumenDesa.objects.exists()
    # Today itself is allowed; moving it to tomorrow afterwards is not.
    dokumen = dokumen_desa_create(
        user=kasi, desa=kandangtepus, jenis="lppdes", tahun_anggaran=2025, tanggal=hari_ini, hari_ini=hari_ini
    )
    with pytest.raises(ValidationError) as exc:
        dokumen_desa_update(user=kasi, dokumen=dokumen, tanggal=datetime.date(2026, 12, 1), hari_ini=hari_ini)
    assert exc.value.message_dict == {"tanggal": ["Tanggal penyampaian tidak boleh setelah hari ini."]}
    dokumen.refresh_from_db()
    assert dokumen.tanggal == hari_ini
