"""The tenancy walk (issue 14.5): every API endpoint, called with a token of another kecamatan and Lumajang's
ids, codes and query parameters, shows none of Lumajang's data and changes none of it."""

import itertools
import json

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from kecamatan.models import Peran
from kecamatan.services import token_api_create
from tests import factories
from tests.test_sapuan_keamanan import RAHASIA, _candidates, _snapshot

KUERI = ["", "?kecamatan=35.08.10", "?kecamatan=35.08.10&tahun=2025", "?kabupaten=35.08&tahun=2025", "?tahun=2025"]
METODE = ["get", "post", "put", "patch", "delete"]
ISI = {"output": "diubah", "nomor": "diubah", "tanggal": "2025-01-01", "status": "dibatalkan", "keterangan": "x"}


def _api_urls(data):
    resolver = get_resolver()
    api = next(p for p in resolver.url_patterns if getattr(p, "namespace", None) == "api")
    for pattern in api.url_patterns:
        params = list(pattern.pattern.converters)
        name = f"api:{pattern.name}"
        for values in itertools.product(*(_candidates(p, data) for p in params)):
            yield name, reverse(name, kwargs=dict(zip(params, values, strict=True)))


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PIMPINAN, Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA])
def test_no_api_endpoint_leaks_or_changes_another_kecamatans_data(
    make_user, senduro, lumajang_data, peran, tanpa_batas
):
    if peran in (Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA):
        # Kabupaten roles of another kabupaten: Lumajang lies outside their scope too.
        user = make_user(peran, kabupaten=factories.KabupatenFactory(kode="35.09", nama="Kabupaten Jember"))
    else:
        user = make_user(peran, kecamatan=senduro)
    _, token = token_api_create(user=user, nama="walk", berlaku_hari=1, sekarang=timezone.now())
    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_IF_MATCH="*")
    before = _snapshot()
    bocor, calls, names = [], 0, set()
    for name, url in _api_urls(lumajang_data):
        names.add(name)
        for kueri, metode in itertools.product(KUERI, METODE):
            if metode == "get":
                response = client.get(url + kueri)
            else:
                response = getattr(client, metode)(url + kueri, json.dumps(ISI), content_type="application/json")
            calls += 1
            assert response.status_code < 500, f"{metode.upper()} {url}{kueri}: {response.status_code}"
            isi = b"".join(response.streaming_content) if response.streaming else response.content
            if RAHASIA.encode() in isi:
                bocor.append(f"{metode.upper()} {url}{kueri}")
            if params_of(url, lumajang_data):
                # Another kecamatan's object does not exist for this token: 404 (405 where the method has no use).
                assert response.status_code in (404, 405), f"{metode} {url}{kueri} answered {response.status_code}"
    assert bocor == []
    assert _snapshot() == before
    assert len(names) >= 18 and calls > 300  # the walk really walked every endpoint


def params_of(url, data) -> bool:
    """Whether the URL carries one of Lumajang's ids or codes (rather than being a list endpoint)."""
    return any(str(v) in url.split("/api/v1/")[1] for v in (data["kegiatan"].pk, data["desa"].kode))
