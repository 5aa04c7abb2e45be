"""The statement runner of the cache's miss path and the pause of the cycle collector around it."""

import gc

import pytest
from django.db import connection

from indikator.agregat import jalankan
from indikator.calculations import tanpa_pengumpul_siklus


def _jit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_jit_mati_hanya_untuk_pernyataannya_sendiri():
    """Off inside the statement's own transaction, back to the server's setting after it (the connection
    is reused by the next request)."""
    bawaan = _jit()
    assert bawaan == "on"  # PostgreSQL's default, or this test proves nothing
    assert jalankan("SHOW jit", [], tanpa_jit=False) == [(bawaan,)]
    assert jalankan("SHOW jit", [], tanpa_jit=True) == [("off",)]
    assert _jit() == bawaan


def test_pernyataan_berjalan_di_kedua_backend(db):
    assert jalankan("SELECT %s + 1", [41], tanpa_jit=True) == [(42,)]
    assert jalankan("SELECT %s + 1", [41], tanpa_jit=False) == [(42,)]


def test_spasi_memuat_semua_karakter_yang_dibuang_strip():
    """The whitespace set the statement trims is every character ``str.isspace`` knows, for this Python's
    Unicode: none above the scanned range."""
    import sys

    from indikator.agregat import SPASI, SPASI_SAMPAI

    semua = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert semua == SPASI
    assert max(map(ord, semua)) <= SPASI_SAMPAI


def test_pengumpul_siklus_jalan_lagi_setelahnya_juga_setelah_galat():
    assert gc.isenabled()
    with tanpa_pengumpul_siklus():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), tanpa_pengumpul_siklus():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_pengumpul_yang_sudah_mati_tetap_mati():
    """Nested (the cache around the computation), or paused by someone else: left as it was found."""
    gc.disable()
    try:
        with tanpa_pengumpul_siklus(), tanpa_pengumpul_siklus():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
