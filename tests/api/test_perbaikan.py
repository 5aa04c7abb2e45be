"""Review fixes of the API (issue 14 follow-up): each test here failed before its fix."""

import logging

from django.test import Client

from kecamatan.models import Peran


def _log_api(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "iku.keamanan" and r.getMessage().startswith("api ")]


def test_a_bad_token_asking_for_html_gets_a_406_and_a_log_line_not_a_500(caplog):
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        response = Client().get(
            "/api/v1/katalog/", HTTP_AUTHORIZATION="Token iku_zzzzzzzz_salah", HTTP_ACCEPT="text/html"
        )
    assert response.status_code == 406
    baris = _log_api(caplog)
    assert len(baris) == 1 and "user=- token=-" in baris[0] and "status=406" in baris[0]


def test_the_log_line_still_names_an_accepted_token(api_for, make_user, senduro, caplog):
    client = api_for(make_user(Peran.STAF, kecamatan=senduro))
    with caplog.at_level(logging.INFO, logger="iku.keamanan"):
        assert client.get("/api/v1/katalog/").status_code == 200
    baris = _log_api(caplog)
    assert "user=staf-" in baris[0] and "token=-" not in baris[0]
