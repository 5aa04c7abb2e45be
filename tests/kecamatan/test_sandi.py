"""Own passwords: change, reset by email where email is configured, and the forced change at
the first login of an account an admin created (issue 19, point 6); the logout message (point 10)."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from kecamatan.models import Keanggotaan, Peran
from tests.conftest import PASSWORD

BARU = "Kopi-Semeru-2026!"


def _masuk(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_user_changes_their_own_password_from_the_account_page(make_user, client, senduro):
    user = make_user(Peran.STAF, kecamatan=senduro)
    _masuk(client, user.username, PASSWORD)
    akun = client.get(reverse("indikator:akun")).content.decode()
    assert 'href="/akun/sandi/"' in akun and "Ganti kata sandi" in akun
    assert "hubungi admin kabupaten" not in akun.split("Ganti kata sandi")[0]
    form = client.get(reverse("password_change")).content.decode()
    assert "Kata sandi lama" in form and "Ulangi kata sandi baru" in form and "Simpan kata sandi baru" in form
    # A wrong old password is refused at its field, in Bahasa Indonesia.
    salah = client.post(
        reverse("password_change"), {"old_password": "salah", "new_password1": BARU, "new_password2": BARU}
    )
    assert salah.status_code == 200 and "Kata sandi lama salah" in salah.content.decode()
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": BARU, "new_password2": BARU}
    )
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    assert "Kata sandi Anda sudah diganti" in client.get(response.url).content.decode()
    user.refresh_from_db()
    assert user.check_password(BARU)


def test_logging_out_says_so(make_user, client, senduro):
    user = make_user(Peran.KASI, kecamatan=senduro)
    _masuk(client, user.username, PASSWORD)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Anda telah keluar." in response.content.decode()


def _admin_membuat_pengguna(client, senduro, username="baru.senduro"):
    """The admin kabupaten adds a staf through the admin's user form, role included."""
    data = {
        "username": username,
        "password1": "Sementara-2026-x",
        "password2": "Sementara-2026-x",
        "usable_password": "true",
        "keanggotaan-TOTAL_FORMS": "1",
        "keanggotaan-INITIAL_FORMS": "0",
        "keanggotaan-MIN_NUM_FORMS": "0",
        "keanggotaan-MAX_NUM_FORMS": "1",
        "keanggotaan-0-peran": Peran.STAF,
        "keanggotaan-0-kecamatan": senduro.pk,
        "keanggotaan-0-kabupaten": "",
        "keanggotaan-0-seksi": "",
        "_save": "Simpan",
    }
    response = client.post(reverse("admin:auth_user_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return get_user_model().objects.get(username=username)


def test_an_account_created_by_an_admin_must_change_its_password_first(make_user, client, senduro):
    admin_kab = make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro)
    client.force_login(admin_kab)
    user = _admin_membuat_pengguna(client, senduro)
    assert user.keanggotaan.wajib_ganti_sandi and user.keanggotaan.kecamatan == senduro
    client.logout()

    masuk = _masuk(client, "baru.senduro", "Sementara-2026-x")
    assert masuk.status_code == 302
    # Every page leads to the change form, with the reason, until the password is changed.
    for url in ("/", "/kegiatan/", "/desa/dokumen/", reverse("indikator:akun")):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("password_change"), url
    form = client.get(reverse("password_change"))
    assert form.status_code == 200 and "Ganti kata sandi Anda terlebih dahulu" in form.content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": "Sementara-2026-x", "new_password1": BARU, "new_password2": BARU},
    )
    assert response.status_code == 302
    assert not Keanggotaan.objects.get(user=user).wajib_ganti_sandi
    assert client.get("/").status_code == 200
    # The way out stays open for someone who cannot change it now.
    client.logout()
    _masuk(client, "baru.senduro", BARU)
    assert client.get("/").status_code == 200


def test_the_superuser_creates_an_account_with_its_role_too(client, senduro, django_user_model):
    # The add page used to answer 500 for a superuser (the role inline's form fields).
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    assert 'name="keanggotaan-0-peran"' in client.get(reverse("admin:auth_user_add")).content.decode()
    user = _admin_membuat_pengguna(client, senduro, username="dari.superuser")
    assert user.keanggotaan.wajib_ganti_sandi


def test_demo_users_are_not_forced_to_change(db, client):
    from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
    from indikator.services import dokumen_iku_prepare
    from wilayah.services import wilayah_import

    for kode in ("35.08.12", "35.08.10"):
        dokumen_iku_prepare(kecamatan_list=wilayah_import(kode=kode).kecamatan)
    organisasi_demo_load(hari_ini=__import__("datetime").date(2026, 11, 23))
    assert Keanggotaan.objects.exists()
    assert not Keanggotaan.objects.filter(wajib_ganti_sandi=True).exists()
    _masuk(client, "senduro.staf", DEMO_PASSWORD)
    assert client.get("/").status_code == 200


def test_password_reset_is_off_without_email(client, settings):
    settings.RESET_SANDI_EMAIL = False
    assert "Lupa kata sandi" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("password_reset")).status_code == 404


def test_password_reset_by_email_where_email_is_configured(make_user, client, settings, senduro):
    settings.RESET_SANDI_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = make_user(Peran.STAF, kecamatan=senduro)
    user.email = "staf@senduro.example"
    user.save()
    Keanggotaan.objects.filter(user=user).update(wajib_ganti_sandi=True)
    login = client.get(reverse("login")).content.decode()
    assert 'href="/masuk/lupa-sandi/"' in login and "Lupa kata sandi?" in login
    response = client.post(reverse("password_reset"), {"email": "staf@senduro.example"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert "Periksa email Anda" in client.get(response.url).content.decode()
    (pesan,) = mail.outbox
    assert pesan.subject == "Reset kata sandi IKU Kecamatan" and pesan.to == ["staf@senduro.example"]
    assert "membuat kata sandi baru" in pesan.body
    tautan = re.search(r"http://testserver(/masuk/reset/\S+/)", pesan.body).group(1)
    form = client.get(tautan, follow=True)
    assert "Buat kata sandi baru" in form.content.decode()
    response = client.post(form.redirect_chain[-1][0], {"new_password1": BARU, "new_password2": BARU})
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(BARU)
    # A password chosen by its owner through the email link lifts the obligation too.
    assert not Keanggotaan.objects.get(user=user).wajib_ganti_sandi
    # An unknown address sends nothing and says the same.
    client.post(reverse("password_reset"), {"email": "tidak.ada@example"})
    assert len(mail.outbox) == 1


def test_a_password_an_admin_sets_for_someone_else_must_be_changed_too(make_user, client, senduro):
    admin_kab = make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro)
    staf = make_user(Peran.STAF, kecamatan=senduro)
    client.force_login(admin_kab)
    url = reverse("admin:auth_user_password_change", args=[staf.pk])
    response = client.post(
        url, {"password1": "Sementara-2026-y", "password2": "Sementara-2026-y", "usable_password": "true"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Keanggotaan.objects.get(user=staf).wajib_ganti_sandi
    assert not Keanggotaan.objects.get(user=admin_kab).wajib_ganti_sandi


def test_the_change_password_warning_does_not_pile_up(make_user, client_for, senduro):
    user = make_user(Peran.STAF, kecamatan=senduro)
    Keanggotaan.objects.filter(user=user).update(wajib_ganti_sandi=True)
    client = client_for(user)
    pesan = "Ganti kata sandi Anda terlebih dahulu"
    fragmen = client.get("/", HTTP_HX_REQUEST="true")
    assert fragmen.headers["HX-Redirect"] == reverse("password_change")
    dari_form = client.get("/kegiatan/", HTTP_REFERER="http://testserver" + reverse("password_change"))
    assert dari_form.status_code == 302 and dari_form.url == reverse("password_change")
    assert pesan not in client.get(reverse("password_change")).content.decode()
    client.get("/")
    assert client.get(reverse("password_change")).content.decode().count(pesan) == 1
