"""Issue 15: a pejabat's PKCS#12 certificate, uploaded once, checked on upload, never served, passphrase never kept."""

import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kecamatan.models import Pejabat, Peran, SertifikatPejabat
from tests.indikator import tte_util
from tests.indikator.tte_util import FRASA

pki_dasar = tte_util.pki_dasar
pki = tte_util.pki


@pytest.fixture
def camat_senduro(senduro):
    return Pejabat.objects.create(
        kecamatan=senduro, nama="W. PUJIANTO", nip="196811141990031004", jabatan=Pejabat.Jabatan.CAMAT
    )


def _post(client, pejabat, data: bytes, frasa=FRASA):
    return client.post(
        reverse("kecamatan:sertifikat-unggah", args=[pejabat.pk]),
        {"berkas": SimpleUploadedFile("camat.p12", data, content_type="application/x-pkcs12"), "frasa_sandi": frasa},
    )


def test_pimpinan_uploads_and_the_file_is_stored_under_a_generated_name(
    client_for, make_user, senduro, camat_senduro, pki
):
    pimpinan = make_user(Peran.PIMPINAN, kecamatan=senduro)
    data = pki.camat.pkcs12()
    response = _post(client_for(pimpinan), camat_senduro, data)
    assert response.status_code == 302
    sertifikat = SertifikatPejabat.objects.get(pejabat=camat_senduro)
    assert sertifikat.subjek == "W. PUJIANTO" and "CA Uji" in sertifikat.penerbit
    assert sertifikat.berkas.name.startswith("tte/") and "camat" not in sertifikat.berkas.name
    assert sertifikat.berkas.read() == data
    # Nothing of the passphrase is kept.
    assert FRASA not in repr(SertifikatPejabat.objects.values().get())
    page = client_for(pimpinan).get(reverse("kecamatan:sertifikat")).content.decode()
    assert "W. PUJIANTO" in page and "Belum ada" not in page


def test_the_list_says_when_a_pejabat_has_no_certificate(client_for, make_user, senduro, camat_senduro):
    page = (
        client_for(make_user(Peran.PIMPINAN, kecamatan=senduro)).get(reverse("kecamatan:sertifikat")).content.decode()
    )
    assert "Belum ada" in page and "tanpa tanda tangan elektronik" in page


def test_a_second_upload_replaces_the_first_and_removes_its_file(
    client_for, make_user, senduro, camat_senduro, pki, settings, django_capture_on_commit_callbacks
):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    _post(client, camat_senduro, pki.camat.pkcs12())
    lama = SertifikatPejabat.objects.get().berkas.name
    assert (settings.MEDIA_ROOT / lama).exists()
    baru = tte_util.buat_penandatangan(pki.ca, "W. PUJIANTO BARU")
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, camat_senduro, baru.pkcs12())
    sertifikat = SertifikatPejabat.objects.get()
    assert sertifikat.subjek == "W. PUJIANTO BARU" and sertifikat.berkas.name != lama
    assert not (settings.MEDIA_ROOT / lama).exists()


@pytest.mark.parametrize(
    ("buat", "frasa", "kolom", "pesan"),
    [
        (lambda p: p.camat.pkcs12(), "salah", "frasa_sandi", "frasa sandi salah"),
        (lambda p: b"bukan pkcs12", FRASA, "frasa_sandi", "bukan PKCS#12"),
        (lambda p: p.kedaluwarsa.pkcs12(), FRASA, "berkas", "kedaluwarsa"),
        (
            lambda p: pkcs12.serialize_key_and_certificates(
                b"x", None, p.camat.sertifikat, None, serialization.BestAvailableEncryption(FRASA.encode())
            ),
            FRASA,
            "berkas",
            "kunci privat",
        ),
        (
            lambda p: tte_util.buat_penandatangan(p.ca, untuk_tanda_tangan=False).pkcs12(),
            FRASA,
            "berkas",
            "tidak untuk tanda tangan",
        ),
        (
            lambda p: tte_util.buat_penandatangan(p.ca, mulai=tte_util.SEKARANG + datetime.timedelta(days=10)).pkcs12(),
            FRASA,
            "berkas",
            "belum berlaku",
        ),
    ],
)
def test_bad_files_are_refused_at_their_field(
    client_for, make_user, senduro, camat_senduro, pki, buat, frasa, kolom, pesan
):
    response = _post(client_for(make_user(Peran.PIMPINAN, kecamatan=senduro)), camat_senduro, buat(pki), frasa)
    assert response.status_code == 200
    assert pesan in " ".join(response.context["form"].errors[kolom])
    assert not SertifikatPejabat.objects.exists()


def test_another_kecamatans_pimpinan_gets_404(client_for, make_user, lumajang, camat_senduro, pki):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=lumajang))
    assert client.get(reverse("kecamatan:sertifikat-unggah", args=[camat_senduro.pk])).status_code == 404
    assert _post(client, camat_senduro, pki.camat.pkcs12()).status_code == 404
    assert not SertifikatPejabat.objects.exists()


@pytest.mark.parametrize("peran", [Peran.KASI, Peran.STAF])
def test_other_roles_of_the_kecamatan_cannot_upload(client_for, make_user, senduro, camat_senduro, pki, peran):
    client = client_for(make_user(peran, kecamatan=senduro))
    assert _post(client, camat_senduro, pki.camat.pkcs12()).status_code == 404
    assert client.get(reverse("kecamatan:sertifikat")).status_code == 403
    assert not SertifikatPejabat.objects.exists()


def test_pemeriksa_cannot_upload(client_for, make_user, kabupaten, camat_senduro, pki):
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=kabupaten))
    assert _post(client, camat_senduro, pki.camat.pkcs12()).status_code == 404


def test_admin_kabupaten_uploads_for_a_kecamatan_in_scope(client_for, make_user, kabupaten, camat_senduro, pki):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    response = _post(client, camat_senduro, pki.camat.pkcs12())
    assert response.status_code == 302
    assert response["Location"] == reverse("kecamatan:sertifikat-kecamatan", args=[camat_senduro.kecamatan.kode])
    assert SertifikatPejabat.objects.filter(pejabat=camat_senduro).exists()
    assert client.get(response["Location"]).status_code == 200


def test_upload_page_needs_login(client, camat_senduro):
    response = client.get(reverse("kecamatan:sertifikat-unggah", args=[camat_senduro.pk]))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_only_a_signatory_still_in_office_can_get_a_certificate(client_for, make_user, senduro, pki):
    from django.utils import timezone

    hari_ini = timezone.localdate()
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    kasi = Pejabat.objects.create(kecamatan=senduro, nama="KASI", jabatan=Pejabat.Jabatan.KEPALA_SEKSI)
    mantan = Pejabat.objects.create(
        kecamatan=senduro, nama="MANTAN CAMAT", jabatan=Pejabat.Jabatan.CAMAT, selesai=hari_ini - datetime.timedelta(1)
    )
    for pejabat in (kasi, mantan):
        assert client.get(reverse("kecamatan:sertifikat-unggah", args=[pejabat.pk])).status_code == 404
        assert _post(client, pejabat, pki.camat.pkcs12()).status_code == 404
    assert not SertifikatPejabat.objects.exists()
    sekcam = Pejabat.objects.create(
        kecamatan=senduro, nama="SEKCAM", jabatan=Pejabat.Jabatan.SEKRETARIS_CAMAT, selesai=hari_ini
    )
    assert client.get(reverse("kecamatan:sertifikat-unggah", args=[sekcam.pk])).status_code == 200
