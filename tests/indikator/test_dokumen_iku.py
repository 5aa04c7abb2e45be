import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from indikator.models import DokumenIKU, KodeIndikator
from kecamatan.models import Keanggotaan, Pejabat
from wilayah.models import Kecamatan


@pytest.fixture
def kabupaten_lumajang(db):
    call_command("import_wilayah", "35.08", stdout=io.StringIO())


def test_clean_database_gets_catalogue_regions_and_documents_but_no_demo(kabupaten_lumajang):
    assert DokumenIKU.objects.count() == 21
    assert set(DokumenIKU.objects.values_list("kecamatan__kode", flat=True)) == set(
        Kecamatan.objects.values_list("kode", flat=True)
    )
    for dokumen in DokumenIKU.objects.prefetch_related("baris"):
        assert [b.indikator for b in dokumen.baris.all()] == [KodeIndikator.IKU1, KodeIndikator.IKU2]
    assert not get_user_model().objects.exists()
    assert not Keanggotaan.objects.exists()


def test_senduro_document_is_the_seed_with_its_signatory(kabupaten_lumajang):
    dokumen = DokumenIKU.objects.get(kecamatan__kode="35.08.12")
    assert dokumen.jenis == DokumenIKU.Jenis.ASLI
    assert dokumen.judul == "INDIKATOR KINERJA UTAMA"
    assert dokumen.tujuan == "Meningkatnya Kepuasan Masyarakat"
    assert dokumen.indikator_tujuan == "Nilai Indeks Kepuasan Masyarakat"
    assert dokumen.daftar_fungsi[0] == ("a", "Menyelenggarakan urusan pemerintahan umum")
    assert dokumen.daftar_fungsi[-1][0] == "j"
    assert dokumen.penandatangan.nama == "W. PUJIANTO"
    assert dokumen.penandatangan.nip_tampil == "19681114 199003 1 004"
    assert dokumen.penandatangan.jabatan == Pejabat.Jabatan.CAMAT
    iku1, iku2 = dokumen.baris.all()
    assert iku1.sasaran_strategis == "Mengoptimalkan Fasilitasi dan Koordinasi Kecamatan"
    assert iku1.sumber_data == "Seluruh Kasi"
    assert iku1.penanggung_jawab == "Seluruh Pejabat Struktural"
    assert iku2.rumus_penyebut.startswith("Jumlah seluruh desa di wilayah kecamatan × 3")


def test_lumajang_document_is_the_perubahan_of_17_october_2023(kabupaten_lumajang):
    dokumen = DokumenIKU.objects.get(kecamatan__kode="35.08.10")
    assert dokumen.jenis == DokumenIKU.Jenis.PERUBAHAN
    assert dokumen.judul == "INDIKATOR KINERJA UTAMA PERUBAHAN"
    assert dokumen.tanggal == datetime.date(2023, 10, 17)
    assert dokumen.tempat == "Lumajang"
    assert dokumen.indikator_tujuan == "Indeks Pelayanan Publik"
    assert dokumen.penandatangan.nip == "197012181991011002"
    iku1, iku2 = dokumen.baris.all()
    assert iku1.sasaran_strategis == "Meningkatnya Penyelenggaraan Pelayanan Publik di Kecamatan"
    assert iku1.sumber_data == "Seluruh Seksi dan Sub Bagian Kecamatan Lumajang"
    assert iku1.penanggung_jawab == "Camat Lumajang"
    assert iku2.sumber_data == "Seksi Pemerintahan Kecamatan Lumajang"


def test_other_kecamatan_start_with_the_two_indicators_unsigned(kabupaten_lumajang):
    dokumen = DokumenIKU.objects.get(kecamatan__kode="35.08.01")
    assert dokumen.penandatangan is None
    assert dokumen.baris.count() == 2
    assert dokumen.kecamatan.tugas.startswith("Membantu Bupati")


def test_document_in_force_follows_the_year(kabupaten_lumajang):
    lumajang = Kecamatan.objects.get(kode="35.08.10")
    perubahan = DokumenIKU.objects.get(kecamatan=lumajang)
    asli = DokumenIKU.objects.create(
        kecamatan=lumajang,
        jenis=DokumenIKU.Jenis.ASLI,
        tahun_berlaku=2021,
        tugas="t",
        fungsi="f",
        tujuan="t",
        indikator_tujuan="i",
    )
    assert DokumenIKU.objects.in_force_for(lumajang, 2020) is None
    assert DokumenIKU.objects.in_force_for(lumajang, 2022) == asli
    assert DokumenIKU.objects.in_force_for(lumajang, 2023) == perubahan
    assert DokumenIKU.objects.in_force_for(lumajang, 2026) == perubahan


def test_import_again_keeps_documents_an_admin_edited(kabupaten_lumajang):
    DokumenIKU.objects.filter(kecamatan__kode="35.08.12").update(tujuan="Diubah admin")
    call_command("import_wilayah", "35.08", stdout=io.StringIO())
    assert DokumenIKU.objects.get(kecamatan__kode="35.08.12").tujuan == "Diubah admin"
    assert DokumenIKU.objects.count() == 21


def test_the_page_names_its_source_for_people_not_by_file_name(kabupaten_lumajang, client):
    from django.contrib.auth import get_user_model

    from kecamatan.models import Keanggotaan, Peran

    for kode, sumber in [
        ("35.08.12", "Sumber: Dokumen IKU Kecamatan Senduro yang ditandatangani Camat Senduro"),
        ("35.08.10", "Sumber: Dokumen IKU Perubahan Kecamatan Lumajang tanggal 17 Oktober 2023"),
    ]:
        user = get_user_model().objects.create_user(username=f"staf-{kode}")
        Keanggotaan.objects.create(user=user, peran=Peran.STAF, kecamatan=Kecamatan.objects.get(kode=kode))
        client.force_login(user)
        html = client.get("/dokumen-iku/").content.decode()
        assert sumber in html
        assert "seeds/" not in html and ".txt" not in html
