"""The regulation's data, the versioned questionnaire, the demo and the admin's scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indikator.demo import organisasi_demo_load
from kecamatan.models import Peran
from skm.demo import skm_demo_load
from skm.models import IntervalMutu, JenisLayanan, Kuesioner, Pertanyaan, Responden, Unsur
from skm.selectors import skm_compute
from wilayah.models import Kecamatan
from wilayah.services import wilayah_import


@pytest.mark.django_db
def test_the_regulation_data_is_loaded_by_migration():
    assert list(Unsur.objects.values_list("kode", flat=True)) == [f"U{i}" for i in range(1, 10)]
    assert Unsur.objects.get(kode="U8").nama == "Penanganan pengaduan, saran dan masukan"
    kuesioner = Kuesioner.objects.get(versi=1)
    assert kuesioner.pertanyaan.count() == 9
    biaya = kuesioner.pertanyaan.get(unsur__kode="U4")
    assert biaya.pilihan == [(1, "Sangat mahal"), (2, "Cukup mahal"), (3, "Murah"), (4, "Gratis")]
    assert [(i.mutu, str(i.batas_bawah), str(i.batas_atas)) for i in IntervalMutu.objects.all()] == [
        ("A", "88.31", "100.00"),
        ("B", "76.61", "88.30"),
        ("C", "65.00", "76.60"),
        ("D", "25.00", "64.99"),
    ]


def test_answers_keep_the_version_they_were_given_on(layanan_senduro, isi_survei):
    lama = isi_survei(layanan_senduro, 3, tanggal=datetime.date(2026, 1, 5))
    v2 = Kuesioner.objects.create(versi=2, berlaku_mulai=datetime.date(2026, 2, 1))
    for p in Pertanyaan.objects.filter(kuesioner__versi=1):
        Pertanyaan.objects.create(
            kuesioner=v2, unsur=p.unsur, teks=p.teks + " (baru)", jawaban_1="a", jawaban_2="b", jawaban_3="c",
            jawaban_4="d",
        )  # fmt: skip
    baru = isi_survei(layanan_senduro, 3, tanggal=datetime.date(2026, 3, 5))
    assert lama.kuesioner.versi == 1
    assert baru.kuesioner.versi == 2


def test_an_answer_outside_1_to_4_is_refused_by_the_database(layanan_senduro, isi_survei):
    r = isi_survei(layanan_senduro, 3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Responden.objects.filter(pk=r.pk).update(u5=5)


def test_another_kecamatans_layanan_is_refused(senduro, layanan_lumajang, isi_survei):
    from skm.services import responden_create

    with pytest.raises(ValidationError):
        responden_create(
            kecamatan=senduro, jenis_layanan=layanan_lumajang, tanggal=datetime.date(2026, 3, 2), usia=30,
            jenis_kelamin="P", pendidikan="sd", pekerjaan="petani", nilai=(3,) * 9,
            hari_ini=datetime.date(2026, 11, 23),
        )  # fmt: skip
    assert not Responden.objects.exists()


@pytest.mark.django_db
def test_demo_gives_senduro_and_lumajang_services_and_answers_once():
    wilayah_import(kode="35.08")
    hari_ini = datetime.date(2026, 11, 23)
    organisasi_demo_load(hari_ini=hari_ini)
    pertama = skm_demo_load(hari_ini=hari_ini)
    assert pertama == 480
    assert skm_demo_load(hari_ini=hari_ini) == 0
    senduro = Kecamatan.objects.get(kode="35.08.12")
    assert JenisLayanan.objects.filter(kecamatan=senduro, nama="Dispensasi nikah").exists()
    laporan = skm_compute(kecamatan=senduro, mulai=datetime.date(2025, 1, 1), selesai=datetime.date(2026, 11, 23))
    assert laporan.hasil.responden == 240
    assert laporan.hasil.mutu in {"A", "B", "C", "D"}


def test_admin_lists_only_the_users_kecamatan_services(
    make_user, client_for, senduro, layanan_senduro, layanan_lumajang
):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.get("/admin/skm/jenislayanan/")
    assert response.status_code == 200
    assert "Surat keterangan" in response.content.decode()
    assert "Legalisasi dokumen" not in response.content.decode()
    assert client.get(f"/admin/skm/jenislayanan/{layanan_lumajang.pk}/change/").status_code in (302, 404)


@pytest.mark.parametrize(("peran", "boleh"), [(Peran.ADMIN_KABUPATEN, True), (Peran.PIMPINAN, False)])
def test_only_the_admin_kabupaten_edits_the_wording(make_user, client_for, senduro, peran, boleh):
    client = client_for(make_user(peran, kecamatan=senduro))
    kuesioner = Kuesioner.objects.get(versi=1)
    response = client.get(f"/admin/skm/kuesioner/{kuesioner.pk}/change/")
    assert response.status_code == 200
    assert ('name="_save"' in response.content.decode()) is boleh


def test_an_answered_version_is_frozen(make_user, client_for, senduro, layanan_senduro, isi_survei):
    isi_survei(layanan_senduro, 4)
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro))
    kuesioner = Kuesioner.objects.get(versi=1)
    response = client.get(f"/admin/skm/kuesioner/{kuesioner.pk}/change/")
    assert 'name="_save"' not in response.content.decode()
    response = client.post("/admin/skm/kuesioner/", {"action": "salin_versi_baru", "_selected_action": [kuesioner.pk]})
    assert response.status_code == 302
    assert Kuesioner.objects.get(versi=2).pertanyaan.count() == 9
