"""The client address (iku_project/klien.py): X-Forwarded-For is read only as far as our proxies wrote it."""

import logging

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from iku_project.klien import alamat_klien
from kecamatan.models import Peran

PALSU = "6.6.6.6"  # what a client writes into X-Forwarded-For itself
KLIEN = "198.51.100.7"  # what our proxy appends: the address it saw
PROXY = "10.0.0.1"  # the proxy itself, the application's peer


def _permintaan(forwarded=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert alamat_klien(_permintaan(PALSU)) == PROXY
    assert alamat_klien(_permintaan(f"{PALSU}, {KLIEN}")) == PROXY
    assert alamat_klien(_permintaan()) == PROXY


def test_behind_one_proxy_its_appended_address_wins_over_the_client_supplied_one(settings):
    settings.PROXY_COUNT = 1
    assert alamat_klien(_permintaan(KLIEN)) == KLIEN
    assert alamat_klien(_permintaan(f"{PALSU}, {KLIEN}")) == KLIEN
    assert alamat_klien(_permintaan(f"{PALSU}, 7.7.7.7, {KLIEN}")) == KLIEN


def test_behind_two_proxies_the_outer_ones_entry_is_read(settings):
    settings.PROXY_COUNT = 2
    assert alamat_klien(_permintaan(f"{PALSU}, {KLIEN}, 10.0.0.2")) == KLIEN
    # A header too short to have passed both proxies: the peer, never a client-chosen entry.
    assert alamat_klien(_permintaan(PALSU)) == PROXY


def test_the_default_trusts_no_proxy():
    assert django_settings.PROXY_COUNT == 0


@pytest.mark.parametrize(("proxy_count", "dicatat"), [(0, PROXY), (1, KLIEN)])
def test_the_security_log_records_the_trusted_address(
    client, make_user, senduro, settings, caplog, proxy_count, dicatat
):
    settings.PROXY_COUNT = proxy_count
    make_user(Peran.STAF, kecamatan=senduro, username="staf.senduro")
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        client.post(
            "/masuk/",
            {"username": "staf.senduro", "password": "salah-salah"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{PALSU}, {KLIEN}",
        )
    pesan = [r.getMessage() for r in caplog.records if r.name == "iku.keamanan"]
    assert f"login gagal user=staf.senduro ip={dicatat}" in pesan
    assert not any(PALSU in m for m in pesan)


def test_a_forged_header_does_not_escape_the_login_lockout(client, make_user, senduro, settings):
    settings.PROXY_COUNT = 1
    make_user(Peran.STAF, kecamatan=senduro, username="staf.senduro")
    for i in range(django_settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/masuk/",
            {"username": "staf.senduro", "password": "salah-salah"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"6.6.6.{i}, {KLIEN}",
        )
    assert response.status_code == 429
