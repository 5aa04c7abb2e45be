"""Review fixes of the API (issue 14 follow-up): each test here failed before its fix."""

import json
import logging

import pytest
from django.test import Client

from iku_project.api.tulis import KunciDipakaiLain, SudahTerkirim, hasil_pertama
from kecamatan.models import JenisBukti, Kegiatan, Peran


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


def test_a_bukti_key_reused_on_another_endpoint_never_answers_the_bukti_as_a_kegiatan(
    api_for, kasi_senduro, kegiatan_senduro, uraian, jam
):
    jam.pindah("2025-06-10")
    client = api_for(kasi_senduro)
    jenis = JenisBukti.objects.filter(aktif=True).first()
    bukti = client.post(f"/api/v1/kegiatan/{kegiatan_senduro.pk}/bukti/",
                        {"jenis": jenis.kode, "tanggal": "2025-03-02"}, HTTP_IDEMPOTENCY_KEY="sama")  # fmt: skip
    assert bukti.status_code == 201
    data = {"uraian": uraian.pk, "tanggal": "2025-06-09", "status": "dilaksanakan"}
    kegiatan = client.post("/api/v1/kegiatan/", json.dumps(data), content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="sama")  # fmt: skip
    assert kegiatan.status_code == 201 and "Idempotent-Replayed" not in kegiatan
    assert Kegiatan.objects.filter(pk=kegiatan.json()["id"], uraian_teks=uraian.teks, tanggal="2025-06-09").exists()


def test_a_stored_result_of_another_kind_is_a_422_not_a_wrong_object():
    with pytest.raises(KunciDipakaiLain) as exc:
        hasil_pertama(SudahTerkirim("/api/v1/kegiatan/1/bukti/2/"), "api:kegiatan-detail")
    assert exc.value.status_code == 422 and "sudah dipakai" in str(exc.value.detail)
    assert hasil_pertama(SudahTerkirim("/api/v1/kegiatan/7/"), "api:kegiatan-detail") == {"pk": 7}
