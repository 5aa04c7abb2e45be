"""Issue 11.3: every write that can change a kecamatan's figures or reports gives it a new data version.

One test per writing service: the written kecamatan's ``versi_data_kunci`` (the key cached figures and
stored renderings are made under) changes, another kecamatan's does not. ``test_every_service_is_covered``
lists the public functions of the services modules and fails when a new one is neither tested here nor
named as writing nothing a figure or report shows, so the next writer cannot forget the bump.
"""

import contextlib
import datetime
import importlib
import inspect
import io
from decimal import Decimal

import pytest
from django.core import management
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from desa import services as desa_services
from desa.models import DokumenDesa
from indikator import services as indikator_services
from indikator.impor.services import workbook_import
from indikator.laporan.services import laporan_sahkan
from kecamatan import services as kecamatan_services
from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, Pejabat, Peran, UraianAktivitas
from kecamatan.periode import tahunan
from skm import services as skm_services
from skm.impor import skm_workbook_import
from skm.models import JenisLayanan
from tests.desa.conftest import PDF_BYTES
from tests.indikator import laporan_util, tte_util
from tests.indikator.impor_bantu import buku, kegiatan, unggah
from tests.indikator.laporan_util import AS_OF
from tests.indikator.test_iku_report import data_2024  # noqa: F401 - a fixture
from tests.indikator.tte_util import FRASA
from tests.kecamatan.contoh import pdf_bytes
from tests.skm.test_kertas_impor import baris, workbook
from wilayah import services as wilayah_services
from wilayah.models import Desa, Kabupaten, Kecamatan
from wilayah.versi import versi_data_kunci, versi_data_lompati, versi_data_naikkan, versi_data_naikkan_semua

laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root
pki_dasar = tte_util.pki_dasar
pki = tte_util.pki

HARI_INI = datetime.date(2026, 11, 23)
TANGGAL = datetime.date(2026, 11, 2)

# The public functions of these modules are the writes; each is tested below or named as harmless.
MODUL_SERVIS = [
    "kecamatan.services",
    "desa.services",
    "indikator.services",
    "indikator.impor.services",
    "indikator.laporan.services",
    "skm.services",
    "skm.impor",
    "wilayah.services",
    "wilayah.versi",
]
# Writes nothing a figure or report shows (accounts, tokens, waiting submissions), or reads only.
TANPA_ANGKA = {
    "pengguna_wajib_ganti_sandi",
    "pengguna_sandi_diganti",
    "operator_desa_create",
    "operator_desa_aktif_set",
    "token_api_create",
    "token_api_find",
    "token_api_used",
    "token_api_revoke_by_admin",
    "token_api_revoke",
    "pengajuan_create",  # counts only once accepted (pengajuan_terima, tested)
    "pengajuan_kembalikan",  # a returned submission never counts
    "kecamatan_impor_scope",
    "berkas_sementara_simpan",  # a checked file kept for the import that follows: no figure
    "berkas_sementara_buka",
    "berkas_sementara_hapus_semua",
    "berkas_sementara_ada",  # reads whether the kept import file is still there
    "berkas_sementara_hapus",
    "laporan_sahkan_periksa",  # the checks before laporan_sahkan (tested): writes nothing
    "url_verifikasi",
    "periode_belum_berakhir",
    "sidik_konfirmasi",
    "template_xlsx",
    "versi_data_kunci",
    "versi_data_per_kecamatan",
}


def kunci(kecamatan) -> str:
    return versi_data_kunci(kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk))


@contextlib.contextmanager
def berubah(*ditulis, tetap=()):
    """The block must change the key of every kecamatan in ``ditulis`` and of none in ``tetap``."""
    sebelum = {k.pk: kunci(k) for k in (*ditulis, *tetap)}
    yield
    for k in ditulis:
        assert kunci(k) != sebelum[k.pk], f"{k} keeps its data version"
    for k in tetap:
        assert kunci(k) == sebelum[k.pk], f"{k} got a new data version for another kecamatan's write"


@pytest.fixture
def orang(make_user, senduro, lumajang, seksi_pemerintahan):
    return {
        "staf": make_user(Peran.STAF, kecamatan=senduro, seksi=seksi_pemerintahan),
        "kasi": make_user(Peran.KASI, kecamatan=senduro, seksi=seksi_pemerintahan),
        "pimpinan": make_user(Peran.PIMPINAN, kecamatan=senduro),
        "admin": make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten),
    }


@pytest.fixture
def uraian(db):
    return UraianAktivitas.objects.select_related("jenis").get(jenis__kategori="fasilitasi", jenis__nomor=1, nomor=1)


@pytest.fixture
def kegiatan_senduro(orang, uraian, senduro, seksi_pemerintahan):
    return kecamatan_services.kegiatan_create(
        user=orang["staf"],
        uraian=uraian,
        tanggal=TANGGAL,
        status="dilaksanakan",
        seksi=seksi_pemerintahan,
        hari_ini=HARI_INI,
    )


@pytest.fixture
def bukti_senduro(orang, kegiatan_senduro):
    return kecamatan_services.bukti_create(
        user=orang["kasi"],
        kegiatan=kegiatan_senduro,
        jenis=JenisBukti.objects.get(kode="berita_acara"),
        nomor="1/BA",
        tanggal=TANGGAL,
    )


@pytest.fixture
def dokumen_senduro(orang, senduro):
    return desa_services.dokumen_desa_create(
        user=orang["kasi"],
        desa=Desa.objects.get(kode="35.08.12.2001"),
        jenis="lppdes",
        tahun_anggaran=2025,
        tanggal=datetime.date(2026, 3, 20),
        hari_ini=HARI_INI,
    )


# --- wilayah/versi.py itself ------------------------------------------------------------------------------


def test_the_key_changes_with_each_bump_and_with_the_set(senduro, lumajang):
    beide = Kecamatan.objects.filter(pk__in=[senduro.pk, lumajang.pk])
    awal = versi_data_kunci(kecamatan_qs=beide)
    with berubah(senduro, tetap=[lumajang]):
        versi_data_naikkan(kecamatan_ids=[senduro.pk])
    assert versi_data_kunci(kecamatan_qs=beide) != awal
    assert versi_data_kunci(kecamatan_qs=Kecamatan.objects.filter(pk=senduro.pk)) != versi_data_kunci(
        kecamatan_qs=beide
    )
    with berubah(senduro, lumajang):
        versi_data_naikkan_semua()


# --- kecamatan.services -----------------------------------------------------------------------------------


def test_kegiatan_create(orang, uraian, senduro, lumajang):
    with berubah(senduro, tetap=[lumajang]):
        kecamatan_services.kegiatan_create(
            user=orang["staf"], uraian=uraian, tanggal=TANGGAL, status="dilaksanakan", hari_ini=HARI_INI
        )


def test_kegiatan_update(orang, uraian, senduro, lumajang, kegiatan_senduro):
    with berubah(senduro, tetap=[lumajang]):
        kecamatan_services.kegiatan_update(
            user=orang["staf"],
            kegiatan=kegiatan_senduro,
            versi=kegiatan_senduro.versi,
            uraian=uraian,
            tanggal=TANGGAL - datetime.timedelta(days=1),
            status="dilaksanakan",
            hari_ini=HARI_INI,
        )


def test_kegiatan_output_record(orang, senduro, lumajang, kegiatan_senduro):
    with berubah(senduro, tetap=[lumajang]):
        kecamatan_services.kegiatan_output_record(
            user=orang["kasi"],
            kegiatan=kegiatan_senduro,
            versi=kegiatan_senduro.versi,
            output="Berita acara rapat",
            tanggal_output=TANGGAL,
            hari_ini=HARI_INI,
        )


def test_bukti_create(orang, senduro, lumajang, kegiatan_senduro):
    with berubah(senduro, tetap=[lumajang]):
        kecamatan_services.bukti_create(
            user=orang["kasi"],
            kegiatan=kegiatan_senduro,
            jenis=JenisBukti.objects.get(kode="berita_acara"),
            nomor="2/BA",
            tanggal=TANGGAL,
        )


def test_bukti_berkas_attach(orang, senduro, lumajang, bukti_senduro):
    berkas = SimpleUploadedFile("ba.pdf", pdf_bytes(), content_type="application/pdf")
    with berubah(senduro, tetap=[lumajang]):
        kecamatan_services.bukti_berkas_attach(user=orang["kasi"], bukti=bukti_senduro, berkas=berkas)


def test_bukti_remove(orang, senduro, lumajang, bukti_senduro):
    with berubah(senduro, tetap=[lumajang]):
        kecamatan_services.bukti_remove(user=orang["kasi"], bukti=bukti_senduro)
    assert BuktiPendukung.objects.get(pk=bukti_senduro.pk).dihapus_pada is not None


def test_katalog_aktif_set(orang, senduro, lumajang, uraian):
    # The catalogue is shared: retiring an entry changes what every kecamatan may count.
    with berubah(senduro, lumajang):
        assert kecamatan_services.katalog_aktif_set(user=orang["admin"], entri=[uraian], aktif=False) == 1
    with berubah(tetap=[senduro, lumajang]):  # nothing changed, nothing bumped
        kecamatan_services.katalog_aktif_set(user=orang["admin"], entri=[uraian], aktif=False)


def test_sertifikat_pejabat_unggah(pki, laporan_2024, lumajang, make_user):
    camat = Pejabat.objects.get(kecamatan=laporan_2024, nama="W. PUJIANTO")
    pimpinan = make_user(Peran.PIMPINAN, kecamatan=laporan_2024)
    with berubah(laporan_2024, tetap=[lumajang]):
        kecamatan_services.sertifikat_pejabat_unggah(
            user=pimpinan,
            pejabat=camat,
            berkas=io.BytesIO(pki.camat.pkcs12()),
            frasa_sandi=FRASA,
            sekarang=timezone.now(),
        )


# --- desa.services ----------------------------------------------------------------------------------------


def test_dokumen_desa_create(orang, senduro, lumajang):
    with berubah(senduro, tetap=[lumajang]):
        desa_services.dokumen_desa_create(
            user=orang["kasi"],
            desa=Desa.objects.get(kode="35.08.12.2002"),
            jenis="lppdes",
            tahun_anggaran=2025,
            tanggal=datetime.date(2026, 3, 20),
            hari_ini=HARI_INI,
        )


def test_dokumen_desa_update(orang, senduro, lumajang, dokumen_senduro):
    with berubah(senduro, tetap=[lumajang]):
        desa_services.dokumen_desa_update(
            user=orang["kasi"], dokumen=dokumen_senduro, tanggal=datetime.date(2026, 3, 21), hari_ini=HARI_INI
        )


def test_dokumen_desa_delete(orang, senduro, lumajang, dokumen_senduro):
    with berubah(senduro, tetap=[lumajang]):
        desa_services.dokumen_desa_delete(user=orang["kasi"], dokumen=dokumen_senduro)
    assert not DokumenDesa.objects.exists()


def test_pengajuan_terima(orang, senduro, lumajang, make_user):
    desa = Desa.objects.get(kode="35.08.12.2001")
    operator = make_user(Peran.OPERATOR_DESA, desa=desa)
    with berubah(tetap=[senduro, lumajang]):  # a waiting submission counts nowhere
        pengajuan = desa_services.pengajuan_create(
            user=operator,
            desa=desa,
            jenis="lppdes",
            tahun_anggaran=2025,
            tanggal=datetime.date(2026, 3, 20),
            nomor="140/12",
            berkas=SimpleUploadedFile("lppdes.pdf", PDF_BYTES, content_type="application/pdf"),
            hari_ini=HARI_INI,
        )
    with berubah(senduro, tetap=[lumajang]):
        desa_services.pengajuan_terima(user=orang["kasi"], pengajuan=pengajuan, hari_ini=HARI_INI)


# --- indikator.services, indikator.laporan.services, indikator.impor.services ---------------------------


def test_dokumen_iku_prepare(senduro, lumajang):
    with berubah(senduro, tetap=[lumajang]):
        assert indikator_services.dokumen_iku_prepare(kecamatan_list=[senduro]) == 1


def test_target_iku_set(orang, senduro, lumajang):
    with berubah(senduro, tetap=[lumajang]):
        indikator_services.target_iku_set(
            user=orang["pimpinan"], kecamatan=senduro, tahun=2026, target={"iku1": Decimal("90"), "iku2": None}
        )


def test_nilai_tujuan_set(orang, senduro, lumajang):
    with berubah(senduro, tetap=[lumajang]):
        indikator_services.nilai_tujuan_set(
            user=orang["pimpinan"], kecamatan=senduro, tahun=2026, nilai=Decimal("82.5")
        )
    with berubah(senduro, tetap=[lumajang]):  # cleared
        indikator_services.nilai_tujuan_set(user=orang["pimpinan"], kecamatan=senduro, tahun=2026, nilai=None)


def test_laporan_sahkan(laporan_2024, lumajang, make_user):
    pimpinan = make_user(Peran.PIMPINAN, kecamatan=laporan_2024)
    with berubah(laporan_2024, tetap=[lumajang]):
        laporan_sahkan(user=pimpinan, kecamatan=laporan_2024, periode=tahunan(2024), hari_ini=AS_OF)


def test_workbook_import(orang, senduro, lumajang):
    with berubah(senduro, tetap=[lumajang]):
        hasil = workbook_import(user=orang["kasi"], file=unggah(buku([kegiatan()])), hari_ini=HARI_INI)
    assert hasil.ok and hasil.disimpan and Kegiatan.objects.count() == 1
    with berubah(tetap=[senduro, lumajang]):  # the same workbook again adds nothing
        workbook_import(user=orang["kasi"], file=unggah(buku([kegiatan()])), hari_ini=HARI_INI)
    with berubah(tetap=[senduro, lumajang]):
        workbook_import(user=orang["kasi"], file=unggah(buku([kegiatan(Keterangan="x")])), dry_run=True)


# --- skm --------------------------------------------------------------------------------------------------


@pytest.fixture
def layanan_senduro(senduro):
    return JenisLayanan.objects.create(kecamatan=senduro, nama="Surat keterangan")


def test_responden_create(senduro, lumajang, layanan_senduro):
    with berubah(senduro, tetap=[lumajang]):
        skm_services.responden_create(
            kecamatan=senduro,
            jenis_layanan=layanan_senduro,
            tanggal=datetime.date(2026, 3, 2),
            usia=35,
            jenis_kelamin="L",
            pendidikan="sma",
            pekerjaan="swasta",
            nilai=(4,) * 9,
            hari_ini=HARI_INI,
        )


def test_rencana_tindak_lanjut_save(orang, senduro, lumajang):
    with berubah(senduro, tetap=[lumajang]):
        skm_services.rencana_tindak_lanjut_save(
            user=orang["kasi"],
            kecamatan=senduro,
            mulai=datetime.date(2026, 1, 1),
            selesai=datetime.date(2026, 6, 30),
            unsur_kode="U1",
            rencana="Papan informasi persyaratan",
            penanggung_jawab="Kasi Pelayanan",
            target_waktu="Juli 2026",
        )


def test_skm_workbook_import(senduro, lumajang, layanan_senduro):
    with berubah(senduro, tetap=[lumajang]):
        hasil = skm_workbook_import(kecamatan=senduro, file=workbook([baris(4), baris(3)]), hari_ini=HARI_INI)
    assert hasil.berhasil and hasil.baru == 2
    with berubah(tetap=[senduro, lumajang]):  # already there: nothing new
        skm_workbook_import(kecamatan=senduro, file=workbook([baris(4), baris(3)]), hari_ini=HARI_INI)


# --- wilayah.services -------------------------------------------------------------------------------------


def test_wilayah_import(db):
    wilayah_services.wilayah_import(kode="35.08")
    senduro = Kecamatan.objects.get(kode="35.08.12")
    lumajang = Kecamatan.objects.get(kode="35.08.10")
    with berubah(tetap=[senduro, lumajang]):  # a second run changes nothing
        wilayah_services.wilayah_import(kode="35.08")
    Desa.objects.filter(kode="35.08.12.2001").update(nama="Nama lama")
    with berubah(senduro, tetap=[lumajang]):  # renamed back: only its kecamatan
        wilayah_services.wilayah_import(kode="35.08")
    Desa.objects.filter(kode="35.08.12.2001").delete()
    with berubah(senduro, tetap=[lumajang]):  # a desa added
        wilayah_services.wilayah_import(kode="35.08")
    Kabupaten.objects.filter(kode="35.08").update(nama="Nama lama")
    with berubah(senduro, lumajang):  # the kabupaten's name is printed in every kecamatan's report
        wilayah_services.wilayah_import(kode="35.08")


# --- the admin --------------------------------------------------------------------------------------------


def test_admin_edit_of_a_desa_bumps_its_kecamatan(admin_client, senduro, lumajang):
    desa = Desa.objects.get(kode="35.08.12.2001")
    with berubah(senduro, tetap=[lumajang]):
        response = admin_client.post(
            f"/admin/wilayah/desa/{desa.pk}/change/",
            {"nama": "Kandangtepus Baru"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Desa.objects.get(pk=desa.pk).nama == "Kandangtepus Baru"


def test_admin_edit_of_the_catalogue_bumps_every_kecamatan(admin_client, senduro, lumajang, uraian):
    with berubah(senduro, lumajang):
        response = admin_client.post(
            "/admin/kecamatan/uraianaktivitas/", {"action": "pensiunkan", "_selected_action": [uraian.pk]}
        )
        assert response.status_code == 302
    assert not UraianAktivitas.objects.get(pk=uraian.pk).aktif


# --- the meta-test ----------------------------------------------------------------------------------------


def _fungsi_publik(nama_modul: str) -> set[str]:
    modul = importlib.import_module(nama_modul)
    return {
        nama
        for nama, obj in vars(modul).items()
        if not nama.startswith("_") and inspect.isfunction(obj) and obj.__module__ == nama_modul
    }


def test_every_service_is_covered():
    """A new public write in a services module must get a test here (``test_<name>``) or be named in TANPA_ANGKA."""
    diuji = {nama.removeprefix("test_") for nama in globals() if nama.startswith("test_")}
    # test_the_key_changes_with_each_bump_and_with_the_set, test_after_a_restore_…, test_the_whole_table_bumps_…
    diuji |= {"versi_data_naikkan", "versi_data_naikkan_semua", "versi_data_lompati"}
    semua = set().union(*(_fungsi_publik(m) for m in MODUL_SERVIS))
    lupa = sorted(semua - diuji - TANPA_ANGKA)
    assert not lupa, f"Services without a data-version test (or a reason in TANPA_ANGKA): {lupa}"
    assert not (TANPA_ANGKA - semua), f"TANPA_ANGKA names functions that no longer exist: {TANPA_ANGKA - semua}"


def test_after_a_restore_every_key_moves_past_every_value_it_had(senduro, lumajang):
    """A restored database counts up from the backup's versions again; the jump keeps it off the cache's keys."""
    satu = Kecamatan.objects.filter(pk=senduro.pk)
    sebelum_cadangan = versi_data_kunci(kecamatan_qs=satu)
    # After the backup the live site wrote three times; the cache holds figures under each key.
    kunci_setelah_cadangan = set()
    for _ in range(3):
        versi_data_naikkan(kecamatan_ids=[senduro.pk])
        kunci_setelah_cadangan.add(versi_data_kunci(kecamatan_qs=satu))
    # The restore brings back the backup's version; then the jump, then new writes.
    Kecamatan.objects.filter(pk=senduro.pk).update(versi_data=0)
    versi_data_lompati(detik_epoch=1_800_000_000)
    kunci = {versi_data_kunci(kecamatan_qs=satu)}
    for _ in range(3):
        versi_data_naikkan(kecamatan_ids=[senduro.pk])
        kunci.add(versi_data_kunci(kecamatan_qs=satu))
    assert not kunci & (kunci_setelah_cadangan | {sebelum_cadangan})
    lama = Kecamatan.objects.get(pk=lumajang.pk).versi_data
    management.call_command("versi_data_lompati", stdout=io.StringIO())
    assert Kecamatan.objects.get(pk=lumajang.pk).versi_data > lama + 1_700_000_000


@pytest.mark.parametrize("naikkan", ["semua", "lompati"])
def test_the_whole_table_bumps_lock_the_rows_in_id_order_first(naikkan, senduro, lumajang):
    """As ``versi_data_naikkan`` of several kecamatan does: two writers then wait, never deadlock (PostgreSQL)."""
    with CaptureQueriesContext(connection) as q:
        if naikkan == "semua":
            versi_data_naikkan_semua()
        else:
            versi_data_lompati(detik_epoch=10)
    sql = [x["sql"].upper() for x in q.captured_queries]
    kunci = next((i for i, s in enumerate(sql) if s.startswith("SELECT") and "ORDER BY" in s), None)
    ubah = next(i for i, s in enumerate(sql) if s.startswith("UPDATE"))
    assert kunci is not None and kunci < ubah, sql
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in sql[kunci]
