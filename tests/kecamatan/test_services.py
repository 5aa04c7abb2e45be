"""Services: snapshots, scope checks, optimistic locking, history and soft removal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kecamatan import services
from kecamatan.models import BuktiPendukung, Kegiatan
from tests.kecamatan.conftest import HARI_INI
from tests.kecamatan.contoh import pdf_bytes, upload
from wilayah.models import Desa

TANGGAL = datetime.date(2026, 11, 2)


def _create(orang, uraian, senduro, **overrides):
    values = {
        "user": orang["staf"],
        "uraian": uraian,
        "tanggal": TANGGAL,
        "status": "dilaksanakan",
        "seksi": orang["staf"].keanggotaan.seksi,
        "desa": list(senduro.desa.filter(nama="Argosari")),
        "keterangan": "  Rapat di balai desa  ",
        "hari_ini": HARI_INI,
    }
    return services.kegiatan_create(**(values | overrides))


def test_create_copies_catalogue_text_and_keeps_it_after_catalogue_edit(orang, uraian, senduro):
    teks_lama = uraian.teks
    kegiatan = _create(orang, uraian, senduro)
    uraian.teks = "Teks baru yang diperbaiki admin"
    uraian.save()
    kegiatan.refresh_from_db()
    assert kegiatan.uraian_teks == teks_lama
    assert kegiatan.output_diharapkan == uraian.output
    assert (kegiatan.kategori, kegiatan.jenis_nomor, kegiatan.uraian_nomor) == ("fasilitasi", 1, 1)
    assert kegiatan.keterangan == "Rapat di balai desa"
    assert kegiatan.kecamatan == senduro
    assert kegiatan.dibuat_oleh == orang["staf"]
    assert [d.nama for d in kegiatan.desa.all()] == ["Argosari"]


def test_creation_is_one_history_record_with_its_desa(orang, uraian, senduro):
    kegiatan = _create(orang, uraian, senduro)
    records = list(kegiatan.history.all())
    assert [r.history_type for r in records] == ["+"]
    assert records[0].history_user == orang["staf"]
    assert [row.desa.nama for row in records[0].desa.all()] == ["Argosari"]


def test_desa_of_another_kecamatan_is_refused(orang, uraian, senduro, lumajang):
    with pytest.raises(ValidationError) as caught:
        _create(orang, uraian, senduro, desa=[Desa.objects.get(nama="Denok")])
    assert "desa" in caught.value.error_dict
    assert not Kegiatan.objects.exists()


def test_seksi_of_another_kecamatan_is_refused(orang, uraian, senduro, seksi_lumajang):
    with pytest.raises(ValidationError):
        _create(orang, uraian, senduro, seksi=seksi_lumajang)


def test_carried_out_kegiatan_cannot_be_dated_in_the_future(orang, uraian, senduro):
    with pytest.raises(ValidationError):
        _create(orang, uraian, senduro, tanggal=HARI_INI + datetime.timedelta(days=1))
    rencana = _create(orang, uraian, senduro, tanggal=HARI_INI + datetime.timedelta(days=1), status="rencana")
    assert rencana.status == "rencana"


def test_retired_uraian_cannot_be_picked_for_a_new_kegiatan(orang, uraian, senduro):
    uraian.aktif = False
    uraian.save()
    with pytest.raises(ValidationError):
        _create(orang, uraian, senduro)


@pytest.mark.parametrize("peran", ["pimpinan", "pemeriksa", "admin_kabupaten"])
def test_readers_cannot_create(orang, uraian, senduro, peran):
    with pytest.raises(PermissionDenied):
        _create(orang, uraian, senduro, user=orang[peran])


def test_update_records_who_changed_what(orang, uraian, senduro):
    kegiatan = _create(orang, uraian, senduro)
    services.kegiatan_update(
        user=orang["staf"],
        kegiatan=kegiatan,
        versi=1,
        uraian=uraian,
        tanggal=TANGGAL,
        status="dilaksanakan",
        seksi=kegiatan.seksi,
        desa=list(senduro.desa.filter(nama__in=["Kandangan", "Argosari"])),
        keterangan="Rapat kedua",
        hari_ini=HARI_INI,
    )
    kegiatan.refresh_from_db()
    assert kegiatan.versi == 2
    records = list(kegiatan.history.order_by("history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    delta = records[1].diff_against(records[0])
    assert sorted(delta.changed_fields) == ["desa", "keterangan"]


def test_stale_version_is_a_conflict_and_writes_nothing(orang, uraian, senduro):
    kegiatan = _create(orang, uraian, senduro)
    stale = Kegiatan.objects.get(pk=kegiatan.pk)
    fields = {"uraian": uraian, "tanggal": TANGGAL, "status": "dilaksanakan", "seksi": kegiatan.seksi}
    services.kegiatan_update(
        user=orang["kasi"], kegiatan=kegiatan, versi=1, keterangan="Versi kasi", hari_ini=HARI_INI, **fields
    )
    with pytest.raises(services.KonflikVersi) as caught:
        services.kegiatan_update(
            user=orang["staf"], kegiatan=stale, versi=1, keterangan="Versi staf", hari_ini=HARI_INI, **fields
        )
    assert caught.value.kegiatan_terbaru.keterangan == "Versi kasi"
    kegiatan.refresh_from_db()
    assert (kegiatan.keterangan, kegiatan.versi) == ("Versi kasi", 2)
    assert kegiatan.history.count() == 2


def test_output_needs_date_and_blocks_staf_edits(orang, uraian, senduro):
    kegiatan = _create(orang, uraian, senduro)
    with pytest.raises(ValidationError):
        services.kegiatan_output_record(
            user=orang["kasi"], kegiatan=kegiatan, versi=1, output="BA", tanggal_output=None, hari_ini=HARI_INI
        )
    with pytest.raises(PermissionDenied):
        services.kegiatan_output_record(
            user=orang["staf"], kegiatan=kegiatan, versi=1, output="BA", tanggal_output=TANGGAL, hari_ini=HARI_INI
        )
    services.kegiatan_output_record(
        user=orang["kasi"], kegiatan=kegiatan, versi=1, output=" BA ", tanggal_output=TANGGAL, hari_ini=HARI_INI
    )
    kegiatan.refresh_from_db()
    assert (kegiatan.output, kegiatan.tanggal_output, kegiatan.versi) == ("BA", TANGGAL, 2)
    with pytest.raises(PermissionDenied):
        services.kegiatan_update(
            user=orang["staf"],
            kegiatan=kegiatan,
            versi=2,
            uraian=uraian,
            tanggal=TANGGAL,
            status="dilaksanakan",
            hari_ini=HARI_INI,
        )


def test_output_date_rules(orang, uraian, senduro):
    kegiatan = _create(orang, uraian, senduro)
    for tanggal_output in (TANGGAL - datetime.timedelta(days=1), HARI_INI + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.kegiatan_output_record(
                user=orang["kasi"],
                kegiatan=kegiatan,
                versi=kegiatan.versi,
                output="BA",
                tanggal_output=tanggal_output,
                hari_ini=HARI_INI,
            )


def test_kasi_of_another_seksi_cannot_follow_up(orang, uraian, senduro, jenis_bukti):
    kegiatan = _create(orang, uraian, senduro)
    with pytest.raises(PermissionDenied):
        services.bukti_create(
            user=orang["kasi_trantib"], kegiatan=kegiatan, jenis=jenis_bukti, nomor="1", tanggal=TANGGAL
        )


def test_bukti_upload_and_soft_removal_are_audited(orang, uraian, senduro, jenis_bukti):
    kegiatan = _create(orang, uraian, senduro)
    bukti = services.bukti_create(
        user=orang["kasi"],
        kegiatan=kegiatan,
        jenis=jenis_bukti,
        nomor=" 005/1/427.12/2026 ",
        tanggal=TANGGAL,
        berkas=upload("../../Berita Acara.pdf", pdf_bytes()),
    )
    assert bukti.nomor == "005/1/427.12/2026"
    assert bukti.berkas.name.startswith("bukti/") and bukti.berkas.name.endswith(".pdf")
    assert "Berita" not in bukti.berkas.name and ".." not in bukti.berkas.name
    assert bukti.nama_berkas_asli == "Berita Acara.pdf"
    assert (bukti.content_type, bukti.ukuran) == ("application/pdf", len(pdf_bytes()))
    assert bukti.berkas.storage.exists(bukti.berkas.name)
    removed = services.bukti_remove(user=orang["kasi"], bukti=bukti)
    assert removed.dihapus_oleh == orang["kasi"]
    assert removed.dihapus_pada is not None
    assert BuktiPendukung.objects.aktif().count() == 0
    assert BuktiPendukung.objects.count() == 1
    records = list(BuktiPendukung.history.filter(id=bukti.pk).order_by("history_id"))
    assert [(r.history_type, r.history_user) for r in records] == [("+", orang["kasi"]), ("~", orang["kasi"])]
    assert records[1].dihapus_oleh_id == orang["kasi"].pk


def test_version_check_is_in_the_update_where_clause(orang, uraian, senduro):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kegiatan = _create(orang, uraian, senduro)
    with CaptureQueriesContext(connection) as queries:
        services.kegiatan_output_record(
            user=orang["kasi"], kegiatan=kegiatan, versi=1, output="BA", tanggal_output=TANGGAL, hari_ini=HARI_INI
        )
    claim = next(q["sql"] for q in queries if q["sql"].startswith('UPDATE "kecamatan_kegiatan" SET "versi"'))
    where = claim.split("WHERE", 1)[1]
    assert '"kecamatan_kegiatan"."versi" = 1' in where
    assert f'"kecamatan_kegiatan"."id" = {kegiatan.pk}' in where


def test_history_on_the_detail_page_names_who_changed_what(client_for, orang, uraian, senduro):
    from django.urls import reverse

    kegiatan = _create(orang, uraian, senduro, desa=[])
    services.kegiatan_update(
        user=orang["kasi"],
        kegiatan=kegiatan,
        versi=1,
        uraian=uraian,
        tanggal=TANGGAL,
        status="dilaksanakan",
        seksi=kegiatan.seksi,
        desa=list(senduro.desa.filter(nama="Argosari")),
        keterangan="Rapat di balai desa Argosari",
        hari_ini=HARI_INI,
    )
    riwayat = (
        client_for(orang["pimpinan"]).get(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])).context["riwayat"]
    )
    assert [(e.pengguna, e.aksi) for e in riwayat] == [("kasi", "mengubah"), ("staf", "membuat")]
    perubahan = {p.label: (p.lama, p.baru) for p in riwayat[0].perubahan}
    assert perubahan == {
        "desa/kelurahan yang terlibat": ("—", "Desa Argosari"),
        "keterangan kegiatan": ("Rapat di balai desa", "Rapat di balai desa Argosari"),
    }
