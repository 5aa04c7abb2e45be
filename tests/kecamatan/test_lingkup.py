"""Tenancy of the foundation: kecamatan scoping for every role, on pages and in the admin."""

import pytest
from django.urls import reverse

from kecamatan.akses import kecamatan_scope
from kecamatan.models import Pejabat, Peran
from wilayah.models import Kecamatan


@pytest.fixture
def pejabat_lumajang(lumajang):
    return Pejabat.objects.create(
        kecamatan=lumajang, nama="Camat Lumajang", nip="197012181991011002", jabatan=Pejabat.Jabatan.CAMAT
    )


@pytest.fixture
def kabupaten_lain(db):
    from wilayah.models import Kabupaten, Provinsi

    prov = Provinsi.objects.create(kode="33", nama="Jawa Tengah")
    kab = Kabupaten.objects.create(kode="33.01", nama="Kabupaten Cilacap", provinsi=prov)
    return Kecamatan.objects.create(kode="33.01.01", nama="Dayeuhluhur", kabupaten=kab)


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PIMPINAN])
def test_kecamatan_roles_see_only_their_kecamatan(make_user, senduro, lumajang, peran):
    user = make_user(peran, kecamatan=senduro)
    assert list(kecamatan_scope(user)) == [senduro]


@pytest.mark.parametrize("peran", [Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA])
def test_kabupaten_roles_see_their_kabupaten_only(make_user, senduro, lumajang, kabupaten_lain, peran):
    user = make_user(peran, kabupaten=senduro.kabupaten)
    assert set(kecamatan_scope(user)) == {senduro, lumajang}


def test_user_without_membership_sees_nothing(django_user_model, senduro):
    user = django_user_model.objects.create_user(username="tanpa", password="x")
    assert not kecamatan_scope(user).exists()


@pytest.mark.parametrize("name", ["kecamatan:profil-kecamatan", "indikator:dokumen-kecamatan"])
@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PIMPINAN])
def test_another_kecamatan_by_code_is_404_for_kecamatan_roles(make_user, client_for, senduro, lumajang, name, peran):
    client = client_for(make_user(peran, kecamatan=senduro))
    assert client.get(reverse(name, args=[lumajang.kode])).status_code == 404
    assert client.get(reverse(name, args=[senduro.kode])).status_code == 200


def test_kabupaten_admin_cannot_open_another_kabupaten(make_user, client_for, senduro, kabupaten_lain):
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten))
    assert client.get(reverse("kecamatan:profil-kecamatan", args=[kabupaten_lain.kode])).status_code == 404
    assert client.get(reverse("kecamatan:profil-kecamatan", args=[senduro.kode])).status_code == 200


@pytest.mark.parametrize("url", ["/", "/katalog/", "/profil/", "/dokumen-iku/"])
def test_pages_require_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_profile_shows_formatted_nip(make_user, client_for, lumajang, pejabat_lumajang):
    client = client_for(make_user(Peran.STAF, kecamatan=lumajang))
    assert "19701218 199101 1 002" in client.get("/profil/").content.decode()


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PEMERIKSA])
def test_roles_without_admin_duties_are_refused_by_the_admin(make_user, client_for, senduro, peran):
    client = client_for(make_user(peran, kecamatan=senduro))
    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/admin/kecamatan/pejabat/", follow=True).status_code == 403


def test_pimpinan_admin_lists_only_own_pejabat_and_cannot_open_others(make_user, client_for, senduro, pejabat_lumajang):
    own = Pejabat.objects.create(
        kecamatan=senduro, nama="W. PUJIANTO", nip="196811141990031004", jabatan=Pejabat.Jabatan.CAMAT
    )
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    listing = client.get("/admin/kecamatan/pejabat/").content.decode()
    assert "W. PUJIANTO" in listing
    assert "Camat Lumajang" not in listing
    other = client.get(f"/admin/kecamatan/pejabat/{pejabat_lumajang.pk}/change/")
    assert other.status_code == 302  # the admin's "does not exist" redirect
    response = client.post(
        f"/admin/kecamatan/pejabat/{pejabat_lumajang.pk}/change/",
        {
            "kecamatan": senduro.pk,
            "nama": "Diambil alih",
            "nip": "196811141990031004",
            "jabatan": "camat",
            "status": "definitif",
        },
    )
    assert response.status_code == 302
    pejabat_lumajang.refresh_from_db()
    assert pejabat_lumajang.nama == "Camat Lumajang"
    assert client.get(f"/admin/kecamatan/pejabat/{own.pk}/change/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_pimpinan_cannot_add_pejabat_to_another_kecamatan(make_user, client_for, senduro, lumajang):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.post(
        "/admin/kecamatan/pejabat/add/",
        {
            "kecamatan": lumajang.pk,
            "nama": "Penyusup",
            "nip": "196811141990031004",
            "jabatan": "camat",
            "status": "definitif",
        },
    )
    assert response.status_code == 200  # form redisplayed with the error
    assert "kecamatan" in response.context["adminform"].form.errors
    assert not Pejabat.objects.filter(nama="Penyusup").exists()


def test_admin_refuses_an_invalid_nip_at_the_field(make_user, client_for, senduro):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.post(
        "/admin/kecamatan/pejabat/add/",
        {
            "kecamatan": senduro.pk,
            "nama": "X",
            "nip": "19681114 199003 3 004",
            "jabatan": "camat",
            "status": "definitif",
        },
    )
    assert "harus 1 atau 2" in response.content.decode()
    assert not Pejabat.objects.exists()


def test_admin_accepts_a_nip_typed_with_spaces_and_stores_digits(make_user, client_for, senduro):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    response = client.post(
        "/admin/kecamatan/pejabat/add/",
        {
            "kecamatan": senduro.pk,
            "nama": "W. PUJIANTO",
            "nip": "19681114 199003 1 004",
            "jabatan": "camat",
            "status": "definitif",
        },
    )
    assert response.status_code == 302
    assert Pejabat.objects.get().nip == "196811141990031004"


def test_catalogue_cannot_be_deleted_only_retired(make_user, client_for, senduro):
    from kecamatan.models import JenisKegiatan

    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten))
    jenis = JenisKegiatan.objects.first()
    assert client.get(f"/admin/kecamatan/jeniskegiatan/{jenis.pk}/delete/").status_code == 403
    response = client.post("/admin/kecamatan/jeniskegiatan/", {"action": "pensiunkan", "_selected_action": [jenis.pk]})
    assert response.status_code == 302
    jenis.refresh_from_db()
    assert jenis.aktif is False


def test_pimpinan_can_read_but_not_edit_the_catalogue(make_user, client_for, senduro):
    from kecamatan.models import JenisKegiatan

    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    jenis = JenisKegiatan.objects.first()
    assert client.get("/admin/kecamatan/jeniskegiatan/").status_code == 200
    client.post(f"/admin/kecamatan/jeniskegiatan/{jenis.pk}/change/", {"nama": "Diubah"})
    jenis.refresh_from_db()
    assert jenis.nama != "Diubah"


def test_kabupaten_admin_user_list_excludes_other_kabupaten(make_user, client_for, senduro, kabupaten_lain):
    make_user(Peran.STAF, kecamatan=senduro, username="staf-senduro")
    make_user(Peran.STAF, kecamatan=kabupaten_lain, username="staf-cilacap")
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten))
    listing = client.get("/admin/auth/user/").content.decode()
    assert "staf-senduro" in listing
    assert "staf-cilacap" not in listing
