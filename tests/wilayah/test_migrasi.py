"""A database filled under the old schema (regions in kecamatan and desa) arrives intact in the wilayah app.

The test database is rolled back to the last migrations before wilayah existed, filled through the
historical models of that time, then migrated forward: every row, every foreign key (the tables
of kecamatan, desa, indikator and skm, the simple-history copies, the kegiatan–desa link) and the
content types must survive the move and the table rename. The clean-database path is the test
database itself, built by running every migration from zero; rolling it back here runs every new
migration backwards. Runs on SQLite and PostgreSQL (about ten seconds of migrating on each).
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from desa.models import DokumenDesa
from indikator.models import TargetIKU
from kecamatan.models import Keanggotaan, Kegiatan, Seksi
from skm.models import JenisLayanan
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi

# The last migration of each app before the wilayah app (issue 18).
SEBELUM_WILAYAH = [
    ("kecamatan", "0006_sertifikat_pejabat"),
    ("desa", "0002_historicaldokumendesa_dokumendesa"),
    ("indikator", "0005_sumber_dokumen_iku_terbaca"),
    ("skm", "0004_rencana_tindak_lanjut"),
]

TABEL_LAMA = {"kecamatan_provinsi", "kecamatan_kabupaten", "kecamatan_kecamatan", "desa_desa"}
TABEL_BARU = {"wilayah_provinsi", "wilayah_kabupaten", "wilayah_kecamatan", "wilayah_desa"}

# (table, column) -> the table its foreign key constraint must reference after the move.
FK_HARUS = {
    ("wilayah_kabupaten", "provinsi_id"): "wilayah_provinsi",
    ("wilayah_kecamatan", "kabupaten_id"): "wilayah_kabupaten",
    ("wilayah_desa", "kecamatan_id"): "wilayah_kecamatan",
    ("kecamatan_keanggotaan", "kecamatan_id"): "wilayah_kecamatan",
    ("kecamatan_keanggotaan", "kabupaten_id"): "wilayah_kabupaten",
    ("kecamatan_seksi", "kecamatan_id"): "wilayah_kecamatan",
    ("kecamatan_kegiatan", "kecamatan_id"): "wilayah_kecamatan",
    ("kecamatan_kegiatan_desa", "desa_id"): "wilayah_desa",
    ("desa_dokumendesa", "desa_id"): "wilayah_desa",
    # Issue 13's tables, created before or after the rename depending on the plan: the same target.
    ("desa_pengajuandokumendesa", "desa_id"): "wilayah_desa",
    ("kecamatan_keanggotaan", "desa_id"): "wilayah_desa",
    ("indikator_targetiku", "kecamatan_id"): "wilayah_kecamatan",
    ("skm_jenislayanan", "kecamatan_id"): "wilayah_kecamatan",
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # Content types were renamed behind the cache's back.
    ContentType.objects.clear_cache()


def _terbaru():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _apps_lama():
    """The historical models of the old schema, Django's own apps (content types, admin) at their latest."""
    # pekerjaan (issue 11) came after wilayah and points at it: it is rolled back with wilayah.
    lain = [
        node for node in _terbaru() if node[0] not in {app for app, _ in SEBELUM_WILAYAH} | {"wilayah", "pekerjaan"}
    ]
    return MigrationExecutor(connection).loader.project_state([*SEBELUM_WILAYAH, *lain]).apps


@pytest.fixture
def skema_lama(transactional_db):
    """The test database as an existing deployment had it; migrated back to the latest afterwards."""
    _migrate([*SEBELUM_WILAYAH, ("wilayah", None)])
    yield _apps_lama()
    _migrate(_terbaru())


def _isi_skema_lama(old):
    """One of everything that points at a region, written through the models of the old schema."""
    user = old.get_model("auth", "User").objects.create(username="lama")
    provinsi = old.get_model("kecamatan", "Provinsi").objects.create(kode="35", nama="Jawa Timur")
    kabupaten = old.get_model("kecamatan", "Kabupaten").objects.create(
        kode="35.08", nama="Kabupaten Lumajang", provinsi=provinsi
    )
    kecamatan = old.get_model("kecamatan", "Kecamatan").objects.create(
        kode="35.08.12", nama="Senduro", kabupaten=kabupaten, tugas="Tugas lama"
    )
    desa = old.get_model("desa", "Desa").objects.create(
        kode="35.08.12.2011", nama="Argosari", kecamatan=kecamatan, jenis="desa"
    )
    seksi = old.get_model("kecamatan", "Seksi").objects.create(kecamatan=kecamatan, nama="Seksi Pemerintahan")
    old.get_model("kecamatan", "Keanggotaan").objects.create(user=user, peran="staf", kecamatan=kecamatan, seksi=seksi)
    admin = old.get_model("auth", "User").objects.create(username="admin-lama")
    old.get_model("kecamatan", "Keanggotaan").objects.create(user=admin, peran="admin_kabupaten", kabupaten=kabupaten)
    jenis = old.get_model("kecamatan", "JenisKegiatan").objects.create(kategori="fasilitasi", nomor=99, nama="Uji")
    uraian = old.get_model("kecamatan", "UraianAktivitas").objects.create(jenis=jenis, nomor=1, teks="Uji", output="-")
    kegiatan = old.get_model("kecamatan", "Kegiatan").objects.create(
        kecamatan=kecamatan,
        uraian=uraian,
        seksi=seksi,
        kategori="fasilitasi",
        jenis_nomor=99,
        jenis_nama="Uji",
        uraian_nomor=1,
        uraian_teks="Uji",
        output_diharapkan="-",
        tanggal=datetime.date(2025, 3, 4),
    )
    kegiatan.desa.add(desa)
    dokumen = old.get_model("desa", "DokumenDesa").objects.create(
        desa=desa, jenis="rkpdes", tahun_anggaran=2025, tanggal=datetime.date(2024, 9, 30), nomor="7"
    )
    old.get_model("desa", "HistoricalDokumenDesa").objects.create(
        id=dokumen.pk,
        desa=desa,
        jenis="rkpdes",
        tahun_anggaran=2025,
        tanggal=dokumen.tanggal,
        nomor="7",
        updated_at=dokumen.updated_at,
        history_date=dokumen.updated_at,
        history_type="+",
    )
    old.get_model("indikator", "TargetIKU").objects.create(
        kecamatan=kecamatan, indikator="iku1", tahun=2025, target=Decimal("80")
    )
    old.get_model("skm", "JenisLayanan").objects.create(kecamatan=kecamatan, nama="KTP")
    # An admin log entry on the kecamatan, through its content type.
    jenis_konten = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="kecamatan", model="kecamatan"
    )[0]
    old.get_model("admin", "LogEntry").objects.create(
        user=admin,
        content_type=jenis_konten,
        object_id=str(kecamatan.pk),
        object_repr="Senduro",
        action_flag=2,
        action_time=dokumen.updated_at,
    )
    return {"kecamatan": kecamatan.pk, "desa": desa.pk, "kegiatan": kegiatan.pk, "jenis_konten": jenis_konten.pk}


def _fk_tujuan(tabel, kolom):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, tabel)
    return {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"] and c["columns"] == [kolom]}


@pytest.mark.django_db(transaction=True)
def test_an_old_database_with_data_arrives_in_the_wilayah_app_intact(skema_lama):
    assert set(connection.introspection.table_names()) >= TABEL_LAMA
    pk = _isi_skema_lama(skema_lama)

    _migrate(_terbaru())

    tabel = set(connection.introspection.table_names())
    assert tabel >= TABEL_BARU
    assert not TABEL_LAMA & tabel
    for (nama_tabel, kolom), tujuan in FK_HARUS.items():
        assert _fk_tujuan(nama_tabel, kolom) == {tujuan}, (nama_tabel, kolom)

    kecamatan = Kecamatan.objects.select_related("kabupaten__provinsi").get(kode="35.08.12")
    assert kecamatan.pk == pk["kecamatan"]
    assert (kecamatan.nama, kecamatan.tugas) == ("Senduro", "Tugas lama")
    assert kecamatan.kabupaten == Kabupaten.objects.get(kode="35.08")
    assert kecamatan.kabupaten.provinsi == Provinsi.objects.get(kode="35")
    desa = Desa.objects.get(pk=pk["desa"])
    assert (desa.kode, desa.kecamatan, desa.jenis) == ("35.08.12.2011", kecamatan, Desa.Jenis.DESA)
    assert list(kecamatan.desa.all()) == [desa]

    kegiatan = Kegiatan.objects.get(pk=pk["kegiatan"])
    assert kegiatan.kecamatan == kecamatan
    assert list(kegiatan.desa.all()) == [desa]
    assert list(desa.kegiatan.all()) == [kegiatan]
    assert Seksi.objects.get().kecamatan == kecamatan
    assert Keanggotaan.objects.get(user__username="lama").kecamatan == kecamatan
    assert Keanggotaan.objects.get(user__username="admin-lama").kabupaten == kecamatan.kabupaten
    dokumen = DokumenDesa.objects.get()
    assert dokumen.desa == desa
    assert dokumen.history.get().desa == desa
    assert TargetIKU.objects.get().kecamatan == kecamatan
    assert JenisLayanan.objects.get().kecamatan == kecamatan

    # The content type moved with its model, so the admin log still finds the kecamatan.
    jenis_konten = ContentType.objects.get_for_model(Kecamatan)
    assert jenis_konten.pk == pk["jenis_konten"]
    assert LogEntry.objects.get().get_edited_object() == kecamatan

    # The new tables keep taking rows: the primary key sequences came along.
    baru = Kecamatan.objects.create(kode="35.08.10", nama="Lumajang", kabupaten=kecamatan.kabupaten)
    assert baru.pk > kecamatan.pk
    assert Desa.objects.create(kode="35.08.10.1001", nama="Jogotrunan", kecamatan=baru).pk > desa.pk
