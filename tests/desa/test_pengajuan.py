"""docs/DESIGN.md §2.7: a desa operator hands in its documents; the kasi accepts or returns them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from desa import services
from desa.models import DokumenDesa, PengajuanDokumenDesa
from indikator.iku import iku_compute
from kecamatan.models import Keanggotaan, Peran
from kecamatan.models.akses import keanggotaan_lingkup_validate
from kecamatan.periode import tahunan
from kecamatan.services import operator_desa_create
from tests.desa.conftest import HARI_INI, PDF_BYTES
from wilayah.models import Desa, Kecamatan

D = datetime.date
TANGGAL_LPPDES = D(2026, 3, 20)


def _pdf(nama="LPPDes 2025.pdf"):
    return SimpleUploadedFile(nama, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def desa_senduro(senduro):
    return Desa.objects.get(kode="35.08.12.2001")


@pytest.fixture
def operator(make_user, desa_senduro):
    return make_user(Peran.OPERATOR_DESA, desa=desa_senduro, username="senduro.desa.kandangtepus")


@pytest.fixture
def kasi(make_user, senduro):
    return make_user(Peran.KASI, kecamatan=senduro)


def _ajukan(operator, desa, *, jenis="lppdes", ta=2025, tanggal=TANGGAL_LPPDES):
    return services.pengajuan_create(
        user=operator, desa=desa, jenis=jenis, tahun_anggaran=ta, tanggal=tanggal, nomor=" 140/12 ", berkas=_pdf(),
        hari_ini=HARI_INI,
    )  # fmt: skip


# --- The role and its scope --------------------------------------------------------------------------------


def test_a_kelurahan_cannot_have_an_operator(lumajang, make_user):
    kelurahan = Desa.objects.get(kode="35.08.10.1001")
    with pytest.raises(ValidationError, match="kelurahan"):
        keanggotaan_lingkup_validate(peran=Peran.OPERATOR_DESA, kecamatan_id=lumajang.pk, desa=kelurahan)
    pimpinan = make_user(Peran.PIMPINAN, kecamatan=lumajang)
    with pytest.raises(ValidationError, match="kelurahan tidak menyusun dokumen desa"):
        operator_desa_create(oleh=pimpinan, desa=kelurahan, username="op.kel", sandi="sandi-rahasia-123")
    assert not Keanggotaan.objects.filter(peran=Peran.OPERATOR_DESA).exists()


def test_the_database_requires_an_operators_desa_and_refuses_a_desa_on_other_roles(senduro, desa_senduro):
    from tests.factories import UserFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        Keanggotaan.objects.create(user=UserFactory(), peran=Peran.OPERATOR_DESA, kecamatan=senduro)
    with pytest.raises(IntegrityError), transaction.atomic():
        Keanggotaan.objects.create(user=UserFactory(), peran=Peran.KASI, kecamatan=senduro, desa=desa_senduro)


def test_the_operators_desa_lies_in_its_kecamatan(lumajang, senduro, desa_senduro):
    with pytest.raises(ValidationError, match="kecamatan operator"):
        keanggotaan_lingkup_validate(peran=Peran.OPERATOR_DESA, kecamatan_id=lumajang.pk, desa=desa_senduro)


def test_a_pimpinan_creates_operators_for_its_own_kecamatan_only(make_user, senduro, lumajang, desa_senduro):
    pimpinan_lumajang = make_user(Peran.PIMPINAN, kecamatan=lumajang)
    with pytest.raises(PermissionDenied):
        operator_desa_create(oleh=pimpinan_lumajang, desa=desa_senduro, username="op.x", sandi="sandi-rahasia-123")
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    with pytest.raises(PermissionDenied):
        operator_desa_create(oleh=kasi, desa=desa_senduro, username="op.y", sandi="sandi-rahasia-123")
    pimpinan = make_user(Peran.PIMPINAN, kecamatan=senduro)
    user = operator_desa_create(oleh=pimpinan, desa=desa_senduro, username="op.z", sandi="sandi-rahasia-123")
    assert user.keanggotaan.desa == desa_senduro and user.keanggotaan.kecamatan == senduro
    assert user.keanggotaan.wajib_ganti_sandi
    admin = make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten)
    assert operator_desa_create(oleh=admin, desa=desa_senduro, username="op.w", sandi="sandi-rahasia-123")


def test_an_operator_has_no_kecamatan_scope(operator):
    assert not Kecamatan.objects.for_user(operator).exists()
    assert not Desa.objects.for_user(operator).exists()
    assert not DokumenDesa.objects.for_user(operator).exists()


# --- Submission, acceptance, return -----------------------------------------------------------------------


def test_only_the_desas_own_operator_submits(operator, make_user, senduro, desa_senduro):
    lain = Desa.objects.get(kode="35.08.12.2002")
    with pytest.raises(PermissionDenied):
        _ajukan(operator, lain)
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    with pytest.raises(PermissionDenied):
        _ajukan(kasi, desa_senduro)


def test_a_submission_needs_its_scan_and_a_date_not_in_the_future(operator, desa_senduro):
    with pytest.raises(ValidationError, match="pindaian"):
        services.pengajuan_create(
            user=operator, desa=desa_senduro, jenis="lppdes", tahun_anggaran=2025, tanggal=D(2026, 3, 1),
            nomor="", berkas=None, hari_ini=HARI_INI,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="tidak boleh setelah hari ini"):
        _ajukan(operator, desa_senduro, tanggal=HARI_INI + datetime.timedelta(days=1))
    bukan_pdf = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.pengajuan_create(
            user=operator, desa=desa_senduro, jenis="lppdes", tahun_anggaran=2025, tanggal=D(2026, 3, 1),
            nomor="", berkas=bukan_pdf, hari_ini=HARI_INI,
        )  # fmt: skip
    assert not PengajuanDokumenDesa.objects.exists()


def test_one_waiting_submission_per_document_and_the_refused_scan_is_not_kept(operator, desa_senduro, settings):
    pertama = _ajukan(operator, desa_senduro)
    with pytest.raises(ValidationError, match="menunggu pemeriksaan"):
        _ajukan(operator, desa_senduro)
    # Only the first submission's scan is in storage: the refused one's file was removed.
    tersimpan = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert [p.name for p in tersimpan] == [pertama.berkas.name.rsplit("/", 1)[-1]]


def test_acceptance_records_the_document_with_its_own_date_and_scan(operator, kasi, desa_senduro):
    pengajuan = _ajukan(operator, desa_senduro, tanggal=D(2026, 3, 31))
    assert not DokumenDesa.objects.exists()  # waiting never counts
    dokumen = services.pengajuan_terima(user=kasi, pengajuan=pengajuan, hari_ini=HARI_INI)
    assert (dokumen.tanggal, dokumen.nomor, dokumen.jenis, dokumen.tahun_anggaran) == (
        D(2026, 3, 31),
        "140/12",
        "lppdes",
        2025,
    )
    assert dokumen.berkas.name == pengajuan.berkas.name and dokumen.content_type == "application/pdf"
    assert dokumen.diubah_oleh == kasi
    pengajuan.refresh_from_db()
    assert pengajuan.status == "diterima" and pengajuan.dokumen == dokumen and pengajuan.diputus_oleh == kasi
    assert [h.status for h in pengajuan.history.order_by("history_date")] == ["menunggu", "diterima"]
    with pytest.raises(ValidationError, match="sudah diterima"):
        services.pengajuan_terima(user=kasi, pengajuan=pengajuan, hari_ini=HARI_INI)


def test_another_kecamatans_kasi_cannot_decide(operator, make_user, lumajang, desa_senduro):
    pengajuan = _ajukan(operator, desa_senduro)
    kasi_lain = make_user(Peran.KASI, kecamatan=lumajang)
    with pytest.raises(PermissionDenied):
        services.pengajuan_terima(user=kasi_lain, pengajuan=pengajuan, hari_ini=HARI_INI)
    staf = make_user(Peran.STAF, kecamatan=desa_senduro.kecamatan)
    with pytest.raises(PermissionDenied):
        services.pengajuan_kembalikan(user=staf, pengajuan=pengajuan, alasan="x")


def test_a_return_needs_a_reason_and_never_counts(operator, kasi, senduro, desa_senduro):
    pengajuan = _ajukan(operator, desa_senduro, tanggal=D(2026, 3, 2))
    with pytest.raises(ValidationError, match="alasan"):
        services.pengajuan_kembalikan(user=kasi, pengajuan=pengajuan, alasan="  ")
    services.pengajuan_kembalikan(user=kasi, pengajuan=pengajuan, alasan="Pindaian tidak terbaca")
    pengajuan.refresh_from_db()
    assert pengajuan.status == "dikembalikan" and pengajuan.alasan == "Pindaian tidak terbaca"
    assert not DokumenDesa.objects.exists()
    (hasil,) = iku_compute(
        kecamatan_qs=Kecamatan.objects.filter(pk=senduro.pk), periode=tahunan(2026), as_of=D(2026, 12, 31),
        basis="jatuh_tempo",
    )  # fmt: skip
    lppdes = next(r for r in hasil.iku2.dokumen if r.wajib.jenis == "lppdes")
    assert all(sel.status != "tepat_waktu" for sel in lppdes.sel)
    # After a return the operator may hand it in again; accepted, it counts like a kasi's entry.
    baru = _ajukan(operator, desa_senduro, tanggal=D(2026, 3, 2))
    services.pengajuan_terima(user=kasi, pengajuan=baru, hari_ini=HARI_INI)
    (hasil,) = iku_compute(
        kecamatan_qs=Kecamatan.objects.filter(pk=senduro.pk), periode=tahunan(2026), as_of=D(2026, 12, 31),
        basis="jatuh_tempo",
    )  # fmt: skip
    lppdes = next(r for r in hasil.iku2.dokumen if r.wajib.jenis == "lppdes")
    assert [s.status for s in lppdes.sel if s.desa.id == desa_senduro.pk] == ["tepat_waktu"]


def test_a_kasi_entry_in_the_meantime_stops_acceptance(operator, kasi, desa_senduro):
    pengajuan = _ajukan(operator, desa_senduro)
    services.dokumen_desa_create(
        user=kasi, desa=desa_senduro, jenis="lppdes", tahun_anggaran=2025, tanggal=D(2026, 3, 1), hari_ini=HARI_INI
    )
    with pytest.raises(ValidationError, match="sudah tercatat"):
        services.pengajuan_terima(user=kasi, pengajuan=pengajuan, hari_ini=HARI_INI)
    assert DokumenDesa.objects.get().tanggal == D(2026, 3, 1)


def test_a_waiting_submission_of_another_measurement_year_is_listed_on_the_matrix(make_user, senduro):
    """A late APBDes handed in in January belongs to the year before: the kasi's default page lists it."""
    from desa.selectors import matriks_dokumen
    from desa.services import pengajuan_create

    desa = Desa.objects.filter(kecamatan=senduro, jenis="desa").order_by("kode").first()
    operator = make_user(Peran.OPERATOR_DESA, desa=desa)
    pengajuan = pengajuan_create(
        user=operator,
        desa=desa,
        jenis="apbdes",
        tahun_anggaran=2026,
        tanggal=datetime.date(2026, 1, 10),
        nomor="2/2026",
        berkas=SimpleUploadedFile("apbdes.pdf", PDF_BYTES),
        hari_ini=datetime.date(2026, 1, 15),
    )
    m = matriks_dokumen(kecamatan=senduro, tahun=2026, basis="jatuh_tempo", as_of=datetime.date(2026, 1, 15))
    assert [p.pk for p in m.menunggu] == [pengajuan.pk]
