import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from wilayah.kepmendagri import KodeWilayahTidakDikenal
from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi, jenis_dari_kode
from wilayah.services import wilayah_import


def test_code_suffix_tells_desa_from_kelurahan():
    assert jenis_dari_kode("35.08.12.2011") == Desa.Jenis.DESA
    assert jenis_dari_kode("35.08.10.1001") == Desa.Jenis.KELURAHAN
    # Papua's Desa Adat (e.g. 91.03.01.3007 Desa Adat Yoboi) are desa.
    assert jenis_dari_kode("91.03.01.3007") == Desa.Jenis.DESA
    for bad in ("35.08.10.4001", "35.08.10.0001", "35.08.10.201", "35.08.10.20a1"):
        with pytest.raises(ValueError):
            jenis_dari_kode(bad)


@pytest.mark.django_db
def test_saving_a_desa_derives_its_kind_from_the_code(senduro):
    kelurahan = Desa.objects.create(kode="35.08.12.1001", nama="Contoh", kecamatan=senduro)
    assert kelurahan.is_kelurahan
    kelurahan.kode = "35.08.12.2099"
    kelurahan.save()
    kelurahan.refresh_from_db()
    assert kelurahan.jenis == Desa.Jenis.DESA


@pytest.mark.django_db
def test_a_desa_code_outside_its_kecamatan_is_invalid(senduro):
    with pytest.raises(ValidationError) as excinfo:
        Desa(kode="35.08.10.2001", nama="Salah", kecamatan=senduro).full_clean()
    assert "diawali kode kecamatannya" in str(excinfo.value)


@pytest.mark.django_db
def test_lumajang_loads_21_kecamatan_198_desa_7_kelurahan():
    call_command("import_wilayah", "35.08", stdout=io.StringIO())
    assert Provinsi.objects.get().nama == "Jawa Timur"
    assert Kabupaten.objects.get().kode == "35.08"
    assert Kecamatan.objects.count() == 21
    assert Desa.objects.filter(jenis=Desa.Jenis.DESA).count() == 198
    assert Desa.objects.filter(jenis=Desa.Jenis.KELURAHAN).count() == 7
    senduro = Kecamatan.objects.get(kode="35.08.12")
    assert senduro.nama == "Senduro"
    assert senduro.desa.count() == 12
    assert not senduro.desa.filter(jenis=Desa.Jenis.KELURAHAN).exists()
    lumajang = Kecamatan.objects.get(kode="35.08.10")
    assert lumajang.desa.filter(jenis=Desa.Jenis.DESA).count() == 5
    assert lumajang.desa.filter(jenis=Desa.Jenis.KELURAHAN).count() == 7


@pytest.mark.django_db
def test_second_run_changes_nothing_and_a_renamed_desa_is_updated_in_place():
    wilayah_import(kode="35.08")
    argosari = Desa.objects.get(kode="35.08.12.2011")
    Desa.objects.filter(pk=argosari.pk).update(nama="Argosari Lama")
    hasil = wilayah_import(kode="35.08")
    assert hasil.diubah == {"provinsi": 0, "kabupaten": 0, "kecamatan": 0, "desa": 1}
    assert hasil.dibuat == {"provinsi": 0, "kabupaten": 0, "kecamatan": 0, "desa": 0}
    argosari_after = Desa.objects.get(kode="35.08.12.2011")
    assert (argosari_after.pk, argosari_after.nama) == (argosari.pk, "Argosari")
    assert Desa.objects.count() == 205
    again = wilayah_import(kode="35.08")
    assert not again.ada_perubahan


@pytest.mark.django_db
def test_a_kecamatan_code_loads_that_kecamatan_and_its_parents_only():
    hasil = wilayah_import(kode="35.08.12")
    assert [k.kode for k in hasil.kecamatan] == ["35.08.12"]
    assert Kecamatan.objects.count() == 1
    assert Desa.objects.count() == 12


@pytest.mark.django_db
def test_a_provinsi_code_loads_every_kecamatan_of_jawa_timur():
    wilayah_import(kode="35")
    assert Kabupaten.objects.count() == 38
    assert Kecamatan.objects.count() == 666
    assert Kecamatan.objects.filter(kabupaten__kode="35.08").count() == 21


@pytest.mark.django_db
@pytest.mark.parametrize("kode", ["99.99", "35.08.99", "abc", "35.8", "35.08.12.2011"])
def test_unknown_code_is_a_clear_error_and_writes_nothing(kode):
    with pytest.raises(CommandError) as excinfo:
        call_command("import_wilayah", kode)
    assert "Kode wilayah" in str(excinfo.value)
    assert not Provinsi.objects.exists()
    assert not Kecamatan.objects.exists()
    with pytest.raises(KodeWilayahTidakDikenal):
        wilayah_import(kode=kode)


@pytest.mark.django_db
def test_papua_desa_adat_import_as_desa():
    call_command("import_wilayah", "91.03.01", stdout=io.StringIO())
    yoboi = Desa.objects.get(kode="91.03.01.3007")
    assert yoboi.nama == "Desa Adat Yoboi"
    assert yoboi.jenis == Desa.Jenis.DESA


@pytest.mark.django_db
def test_the_command_lets_the_apps_above_finish_the_import_and_report_it():
    """wilayah names no app above it: they hook into ``wilayah_diimpor`` (indikator: the IKU documents)."""
    from wilayah.signals import wilayah_diimpor

    diterima = []

    def penerima(sender, *, hasil, **kwargs):
        diterima.append([k.kode for k in hasil.kecamatan])
        return "contoh baru", len(hasil.kecamatan)

    wilayah_diimpor.connect(penerima)
    try:
        out = io.StringIO()
        call_command("import_wilayah", "35.08.12", stdout=out)
    finally:
        wilayah_diimpor.disconnect(penerima)
    assert diterima == [["35.08.12"]]
    assert "contoh baru: 1" in out.getvalue()
    assert "dokumen IKU baru: 1" in out.getvalue()
    assert "Wilayah 35.08.12 dimuat." in out.getvalue()

    again = io.StringIO()
    call_command("import_wilayah", "35.08.12", stdout=again)
    assert "dokumen IKU baru: 0" in again.getvalue()
    assert "Tidak ada perubahan: data wilayah sudah mutakhir." in again.getvalue()
