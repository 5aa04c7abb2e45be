"""Personal API tokens (docs/DESIGN.md §3.6): made and revoked on the account page, shown once, stored hashed."""

import datetime
import hashlib
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kecamatan.models import Peran, TokenAPI
from kecamatan.services import token_api_create


def _header(token):
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def test_the_account_page_makes_a_token_shows_it_once_and_stores_only_its_digest(client_for, make_user, senduro):
    user = make_user(Peran.STAF, kecamatan=senduro)
    client = client_for(user)
    response = client.post(reverse("indikator:token-buat"), {"nama": "e-SAKIP", "berlaku_hari": 90})
    assert response.status_code == 200
    token = response.context["token_baru"]
    assert token.startswith("iku_") and token in response.content.decode()
    baris = TokenAPI.objects.get(user=user)
    assert baris.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {baris.prefix, baris.digest, baris.nama}
    assert (baris.kedaluwarsa_pada - baris.dibuat_pada) == datetime.timedelta(days=90)
    # Shown once: the page read again lists the token by its prefix only.
    halaman = client.get(reverse("indikator:akun")).content.decode()
    assert token not in halaman and f"iku_{baris.prefix}" in halaman and "e-SAKIP" in halaman
    assert Client().get("/api/v1/wilayah/kecamatan/", **_header(token)).status_code == 200


def test_a_token_valid_for_more_than_a_year_is_refused(client_for, make_user, senduro):
    client = client_for(make_user(Peran.STAF, kecamatan=senduro))
    response = client.post(reverse("indikator:token-buat"), {"nama": "x", "berlaku_hari": 400})
    assert response.status_code == 400
    assert not TokenAPI.objects.exists()


def test_a_revoked_token_no_longer_opens_the_api(client_for, make_user, senduro):
    user = make_user(Peran.STAF, kecamatan=senduro)
    baris, token = token_api_create(user=user, nama="lapangan", berlaku_hari=30, sekarang=timezone.now())
    assert Client().get("/api/v1/katalog/", **_header(token)).status_code == 200
    response = client_for(user).post(reverse("indikator:token-cabut", args=[baris.pk]))
    assert response.status_code == 302
    ditolak = Client().get("/api/v1/katalog/", **_header(token))
    assert ditolak.status_code == 401
    assert "dicabut" in ditolak.json()["detail"]


def test_another_users_token_cannot_be_revoked(client_for, make_user, senduro):
    pemilik = make_user(Peran.STAF, kecamatan=senduro)
    baris, _ = token_api_create(user=pemilik, nama="milik orang", berlaku_hari=30, sekarang=timezone.now())
    response = client_for(make_user(Peran.STAF, kecamatan=senduro)).post(
        reverse("indikator:token-cabut", args=[baris.pk])
    )
    assert response.status_code == 404
    baris.refresh_from_db()
    assert baris.dicabut_pada is None


def test_a_token_works_until_its_expiry_and_not_a_moment_after(jam, make_user, senduro):
    jam.pindah("2025-01-01")
    user = make_user(Peran.STAF, kecamatan=senduro)
    _, token = token_api_create(user=user, nama="x", berlaku_hari=30, sekarang=timezone.now())
    jam.pindah("2025-01-31T08:59:00+07:00")
    assert Client().get("/api/v1/katalog/", **_header(token)).status_code == 200
    jam.pindah("2025-01-31T09:01:00+07:00")
    assert Client().get("/api/v1/katalog/", **_header(token)).status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_refused(make_user, senduro):
    _, token = token_api_create(user=make_user(Peran.STAF, kecamatan=senduro), nama="x", berlaku_hari=30,
                                sekarang=timezone.now())  # fmt: skip
    palsu = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert Client().get("/api/v1/katalog/", **_header(palsu)).status_code == 401
    assert Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION="Token").status_code == 401


def test_the_last_use_is_recorded(make_user, senduro):
    baris, token = token_api_create(user=make_user(Peran.STAF, kecamatan=senduro), nama="x", berlaku_hari=30,
                                    sekarang=timezone.now())  # fmt: skip
    assert baris.terakhir_dipakai is None
    Client().get("/api/v1/katalog/", **_header(token))
    baris.refresh_from_db()
    assert baris.terakhir_dipakai is not None


def test_anonymous_gets_a_json_401_in_bahasa_indonesia():
    response = Client().get("/api/v1/kegiatan/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "Token API" in response.json()["detail"]


def test_every_api_request_is_in_the_security_log(api_for, make_user, senduro, caplog):
    client = api_for(make_user(Peran.STAF, kecamatan=senduro))
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        client.get("/api/v1/katalog/?q=desa")
        Client().get("/api/v1/katalog/")
    baris = [r.getMessage() for r in caplog.records if r.name == "iku.keamanan" and r.getMessage().startswith("api ")]
    assert len(baris) == 2
    assert "GET /api/v1/katalog/?q=desa status=200" in baris[0] and "user=staf-" in baris[0]
    assert "user=- token=-" in baris[1] and "status=401" in baris[1]


def test_each_token_has_its_own_throttle_budget(api_for, make_user, senduro, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "3/minute"}}
    user = make_user(Peran.STAF, kecamatan=senduro)
    satu, dua = api_for(user), api_for(user)
    assert [satu.get("/api/v1/katalog/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert "Permintaan" in satu.get("/api/v1/katalog/").json()["detail"]
    assert dua.get("/api/v1/katalog/").status_code == 200


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.ADMIN_KABUPATEN])
def test_the_account_page_has_the_token_section(client_for, make_user, senduro, kabupaten, peran):
    lingkup = {"kecamatan": senduro} if peran == Peran.STAF else {"kabupaten": kabupaten}
    html = client_for(make_user(peran, **lingkup)).get(reverse("indikator:akun")).content.decode()
    assert "Token API" in html and reverse("indikator:token-buat") in html


def test_api_answers_are_never_cached(api_for, make_user, senduro):
    """A token's answers hold a kecamatan's data like a logged-in page: no shared cache may keep them."""
    response = api_for(make_user(Peran.STAF, kecamatan=senduro)).get("/api/v1/wilayah/desa/")
    assert "no-store" in response["Cache-Control"]


def test_a_desa_operator_neither_sees_nor_makes_nor_uses_api_tokens(client_for, make_user, senduro):
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from kecamatan.models import TokenAPI
    from kecamatan.services import token_api_create
    from wilayah.models import Desa

    desa = Desa.objects.filter(kecamatan=senduro, jenis="desa").first()
    operator = make_user(Peran.OPERATOR_DESA, desa=desa)
    assert "Token API" not in client_for(operator).get("/akun/").content.decode()
    with pytest.raises(PermissionDenied):
        token_api_create(user=operator, nama="x", berlaku_hari=30, sekarang=timezone.now())
    # A token made while the account had another role stops working once it is a desa operator's.
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    _, token = token_api_create(user=kasi, nama="lama", berlaku_hari=30, sekarang=timezone.now())
    kasi.keanggotaan.peran, kasi.keanggotaan.desa = Peran.OPERATOR_DESA, desa
    kasi.keanggotaan.seksi = None
    kasi.keanggotaan.save()
    response = Client().get("/api/v1/katalog/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401 and "operator desa" in response.json()["detail"]
    assert TokenAPI.objects.filter(user=kasi).exists()
