"""A secret handed to a background job (the TTE passphrase or PIN) without ever storing it in clear.

The view encrypts it (Fernet: AES-128-CBC + HMAC-SHA256) under a key derived from ``SECRET_KEY``; the
job record holds only the token, the worker decrypts it and the job erases the token when it ends. A
token also expires on its own (``UMUR_DETIK``): one left behind by a crashed worker is useless later.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

# A job that has not started within this long is not going to be signed with the secret typed for it.
UMUR_DETIK = 60 * 60


class RahasiaKedaluwarsa(Exception):
    """The token is expired, altered, or was made under another SECRET_KEY."""


def _fernet() -> Fernet:
    # Its own derived key (HMAC with a fixed salt), never SECRET_KEY itself: rotating purposes stay apart.
    kunci = salted_hmac("iku_project.rahasia.pekerjaan", "fernet", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(kunci))


@sensitive_variables("teks")
def rahasia_sandikan(teks: str) -> str:
    """The encrypted token of ``teks`` (ASCII, safe in JSON)."""
    return _fernet().encrypt(teks.encode()).decode("ascii")


@sensitive_variables("token")
def rahasia_buka(token: str, *, umur_detik: int = UMUR_DETIK) -> str:
    """The clear text of a token made by ``rahasia_sandikan`` at most ``umur_detik`` ago."""
    try:
        return _fernet().decrypt(token.encode("ascii"), ttl=umur_detik).decode()
    except (InvalidToken, ValueError, UnicodeError) as exc:
        raise RahasiaKedaluwarsa from exc
