"""The API's contract, checked by a third party (issue 14.5): schemathesis reads the live schema from the
running application and fuzzes every operation with a token of each role.

No answer may be a 5xx, none may fall outside the schema (status, content type, body), and a request the
schema forbids (negative mode) may not be accepted. Bounded (a few examples per operation and mode) so it
stays near a minute; marked ``slow``.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from kecamatan.models import Peran
from kecamatan.services import token_api_create

CONTOH_PER_OPERASI = 8
PERAN = [Peran.STAF, Peran.KASI, Peran.PIMPINAN, Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA]


def test_the_schema_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.fixture
def wsgi_dalam_transaksi():
    """The WSGI application, called in-process inside the test's transaction: like Django's test client, keep
    the request signals from closing the connection (on PostgreSQL that would end the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _user(peran, make_user, senduro, kabupaten, seksi):
    if peran in (Peran.ADMIN_KABUPATEN, Peran.PEMERIKSA):
        return make_user(peran, kabupaten=kabupaten)
    return make_user(peran, kecamatan=senduro, seksi=seksi if peran != Peran.PIMPINAN else None)


def _run(operation, mode, headers, checks):
    @settings(
        max_examples=CONTOH_PER_OPERASI,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def jalan(case):
        case.call_and_validate(headers=headers, checks=checks)

    try:
        jalan()
    except Unsatisfiable:
        # Negative mode on an operation that takes nothing (no parameter, no body): there is nothing to break.
        if mode is not GenerationMode.NEGATIVE:
            raise
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("peran", PERAN)
def test_schemathesis_finds_no_5xx_and_no_answer_outside_the_schema(
    peran, make_user, senduro, kabupaten, seksi_pemerintahan, kegiatan_senduro, tanpa_batas, wsgi_dalam_transaksi
):
    user = _user(peran, make_user, senduro, kabupaten, seksi_pemerintahan)
    _, token = token_api_create(user=user, nama="schemathesis", berlaku_hari=1, sekarang=timezone.now())
    headers = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_dalam_transaksi, headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18
    positif = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    negatif = 0
    for operation in operations:
        _run(operation, GenerationMode.POSITIVE, headers, positif)
        negatif += _run(operation, GenerationMode.NEGATIVE, headers, [not_a_server_error, negative_data_rejection])
    assert negatif >= len(operations) - 4  # only the parameterless lists have nothing to negate
