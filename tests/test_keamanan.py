"""Production hardening: login limiting, the security log, CSP, session idle timeout, error pages."""

import datetime
import logging

import pytest
from django.conf import settings

from kecamatan.models import Peran
from tests.conftest import PASSWORD


@pytest.fixture
def staf(make_user, senduro):
    return make_user(Peran.STAF, kecamatan=senduro, username="staf.senduro")


def _login(client, password):
    return client.post("/masuk/", {"username": "staf.senduro", "password": password}, REMOTE_ADDR="10.1.2.3")


def test_login_is_locked_after_repeated_failures_even_with_the_right_password(client, staf):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "salah-salah").status_code == 200
    assert _login(client, "salah-salah").status_code == 429  # the limit-th failure locks
    locked = _login(client, PASSWORD)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_failure_count(client, staf):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "salah-salah")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "salah-salah")
    assert _login(client, PASSWORD).status_code == 302


def test_logins_failures_and_denied_access_are_logged(client, staf, caplog):
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        _login(client, "salah-salah")
        _login(client, PASSWORD)
        client.get("/dasbor/kabupaten/")  # 403 for a staf
    messages = [r.getMessage() for r in caplog.records if r.name == "iku.keamanan"]
    assert "login gagal user=staf.senduro ip=10.1.2.3" in messages
    assert "login berhasil user=staf.senduro ip=10.1.2.3" in messages
    assert any(m.startswith("akses ditolak user=staf.senduro") and "/dasbor/kabupaten/" in m for m in messages)
    assert not any(PASSWORD in m for m in messages)


def test_pages_carry_a_strict_content_security_policy(client_for, staf):
    response = client_for(staf).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script_or_handler():
    from pathlib import Path

    root = Path(settings.BASE_DIR) / "templates"
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for needle in (" onclick=", " onchange=", " onsubmit=", " onload=", "hx-on", "javascript:"):
            assert needle not in text, f"{path}: {needle}"
        for line in text.splitlines():
            if "<script" in line:
                assert " src=" in line, f"{path}: inline <script>"


def test_sessions_expire_after_the_idle_timeout():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 60 * 60


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("12345678", "password123", "pendek"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Senduro-2026-aman!")


@pytest.mark.parametrize(("status", "text"), [(403, "Akses ditolak"), (404, "Halaman tidak ditemukan")])
def test_error_pages_speak_bahasa_indonesia(client_for, staf, status, text):
    url = "/dasbor/kabupaten/" if status == 403 else "/kegiatan/999999/"
    response = client_for(staf).get(url)
    assert response.status_code == status
    assert text in response.content.decode()


def test_lockout_message_says_how_long_in_words(client, staf, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "salah-salah")
    page = _login(client, PASSWORD).content.decode()
    assert "Coba lagi dalam 15 menit" in page
    assert "PT15M" not in page


@pytest.mark.parametrize(
    ("delta", "teks"),
    [
        (datetime.timedelta(minutes=15), "15 menit"),
        (datetime.timedelta(minutes=90), "1 jam 30 menit"),
        (datetime.timedelta(days=1, seconds=5), "1 hari 5 detik"),
        (datetime.timedelta(0), ""),
        ("PT15M", ""),
    ],
)
def test_durasi_filter(delta, teks):
    from iku_project.templatetags.waktu import durasi

    assert durasi(delta) == teks


def test_logged_in_pages_are_never_cached_but_public_assets_are_untouched(client, client_for, staf):
    logged_in = client_for(staf)
    for url in ("/", "/kegiatan/", "/kegiatan/?export=xlsx", "/profil/"):
        response = logged_in.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"], url
    logged_in.logout()
    # A public page is not a logged-in user's data: its own cache headers stand.
    verifikasi = client.get("/laporan/verifikasi/token-yang-tidak-dikenal/")
    assert "no-store" not in verifikasi.get("Cache-Control", "")
