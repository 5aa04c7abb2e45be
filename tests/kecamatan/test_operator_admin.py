"""docs/DESIGN.md §2.7: the admin's user page creates a desa operator; a kelurahan or another kecamatan's
desa is refused; a pimpinan's desa list holds only its own kecamatan."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from kecamatan.models import Keanggotaan, Peran
from wilayah.models import Desa


def _data(username, desa, kecamatan=""):
    return {
        "username": username,
        "password1": "Sementara-2026-x",
        "password2": "Sementara-2026-x",
        "usable_password": "true",
        "keanggotaan-TOTAL_FORMS": "1",
        "keanggotaan-INITIAL_FORMS": "0",
        "keanggotaan-MIN_NUM_FORMS": "0",
        "keanggotaan-MAX_NUM_FORMS": "1",
        "keanggotaan-0-peran": Peran.OPERATOR_DESA,
        "keanggotaan-0-kecamatan": kecamatan,
        "keanggotaan-0-kabupaten": "",
        "keanggotaan-0-desa": desa.pk if desa else "",
        "keanggotaan-0-seksi": "",
        "_save": "Simpan",
    }


def test_the_admin_kabupaten_creates_an_operator_through_the_admin(client, make_user, senduro):
    client.force_login(make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten))
    desa = Desa.objects.get(kode="35.08.12.2001")
    response = client.post(reverse("admin:auth_user_add"), _data("op.kandangtepus", desa))
    assert response.status_code == 302, response.content.decode()[:2000]
    keanggotaan = get_user_model().objects.get(username="op.kandangtepus").keanggotaan
    assert (keanggotaan.peran, keanggotaan.desa, keanggotaan.kecamatan) == (Peran.OPERATOR_DESA, desa, senduro)
    assert keanggotaan.wajib_ganti_sandi


def _halaman(username, desa):
    return {
        "desa": desa.pk, "username": username, "nama": "Sekretaris Desa", "email": "sekdes@contoh.go.id",
        "sandi1": "Sementara-2026-x", "sandi2": "Sementara-2026-x",
    }  # fmt: skip


def test_a_pimpinan_creates_an_operator_of_its_own_desa_on_the_page(client, make_user, senduro):
    client.force_login(make_user(Peran.PIMPINAN, kecamatan=senduro))
    desa = Desa.objects.get(kode="35.08.12.2001")
    page = client.get(reverse("desa:operator-kelola")).content.decode()
    assert "Kandangtepus" in page
    response = client.post(reverse("desa:operator-kelola"), _halaman("op.kandangtepus", desa))
    assert response.status_code == 302
    keanggotaan = get_user_model().objects.get(username="op.kandangtepus").keanggotaan
    assert (keanggotaan.peran, keanggotaan.desa, keanggotaan.kecamatan) == (Peran.OPERATOR_DESA, desa, senduro)
    assert keanggotaan.wajib_ganti_sandi and keanggotaan.user.email == "sekdes@contoh.go.id"
    assert "op.kandangtepus" in client.get(reverse("desa:operator-kelola")).content.decode()


def test_a_pimpinan_cannot_pick_another_kecamatans_desa_or_a_kelurahan(client, make_user, senduro, lumajang):
    client.force_login(make_user(Peran.PIMPINAN, kecamatan=senduro))
    page = client.get(reverse("desa:operator-kelola")).content.decode()
    assert "Denok" not in page
    for kode in ("35.08.10.2001", "35.08.10.1001"):
        response = client.post(reverse("desa:operator-kelola"), _halaman("op.lain", Desa.objects.get(kode=kode)))
        assert response.status_code == 400
    client.force_login(make_user(Peran.PIMPINAN, kecamatan=lumajang))
    assert "Jogotrunan" not in client.get(reverse("desa:operator-kelola")).content.decode()  # a kelurahan
    assert not Keanggotaan.objects.filter(peran=Peran.OPERATOR_DESA).exists()


def test_kasi_and_staf_cannot_create_operators(client, make_user, senduro):
    for peran in (Peran.KASI, Peran.STAF):
        client.force_login(make_user(peran, kecamatan=senduro))
        desa = Desa.objects.get(kode="35.08.12.2001")
        assert client.post(reverse("desa:operator-kelola"), _halaman("op.x", desa)).status_code == 403
    assert not Keanggotaan.objects.filter(peran=Peran.OPERATOR_DESA).exists()


def test_a_kelurahan_gets_no_operator_through_the_admin(client, make_user, lumajang):
    client.force_login(make_user(Peran.ADMIN_KABUPATEN, kabupaten=lumajang.kabupaten))
    response = client.post(reverse("admin:auth_user_add"), _data("op.kel", Desa.objects.get(kode="35.08.10.1001")))
    assert response.status_code == 200
    assert "kelurahan tidak menyusun dokumen desa" in response.content.decode()
    assert not Keanggotaan.objects.filter(peran=Peran.OPERATOR_DESA).exists()


def test_an_operator_needs_its_desa(client, make_user, senduro):
    client.force_login(make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten))
    response = client.post(reverse("admin:auth_user_add"), _data("op.tanpa", None, kecamatan=senduro.pk))
    assert response.status_code == 200 and "Operator desa harus terikat pada satu desa." in response.content.decode()
    assert not Keanggotaan.objects.filter(peran=Peran.OPERATOR_DESA).exists()
