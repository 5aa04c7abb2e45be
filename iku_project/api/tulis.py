"""Writes through the API (docs/DESIGN.md §3.6): optimistic concurrency and idempotent creates.

ETag/If-Match: an object's ETag names its version; a change must send it back in ``If-Match``.
A missing header is 428 (the client must first read what it changes), a stale one 412 and nothing
is written. The version check itself stays in the service (``kecamatan.services._claim_versi``),
so two writes racing past this early check still cannot both win.

Idempotency-Key: a create carries a key the client chose; a retry with the same key (a phone on a
flaky connection) gets the first result instead of a second object. The key goes through the same
one-time token store as the pages' forms (``iku_project/kirim_sekali.py``), scoped to the user.
"""

import hashlib
import json

from django.urls import Resolver404, resolve
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError

from iku_project.kirim_sekali import SudahTerkirim, kirim_sekali

HEADER_KUNCI = "Idempotency-Key"
KUNCI_MAKS = 200


class PraSyaratWajib(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Header If-Match wajib: kirim ETag dari jawaban GET terakhir objek ini."
    default_code = "if_match_wajib"


class PraSyaratGagal(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Objek ini telah diubah orang lain sejak Anda membacanya. Ambil lagi (GET), lalu ulangi."
    default_code = "versi_usang"


class KunciDipakaiLain(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "Idempotency-Key ini sudah dipakai untuk permintaan lain."
    default_code = "kunci_dipakai_lain"


def etag(pk: int, versi: int) -> str:
    return f'"{pk}-{versi}"'


def versi_dari_if_match(request, *, pk: int, versi_sekarang: int) -> int:
    """The version the client read, from ``If-Match``; 428 without it, 412 if it is not the current one."""
    header = request.headers.get("If-Match")
    if not header:
        raise PraSyaratWajib()
    # Strong comparison (RFC 9110 §13.1.1): a weak tag never matches, so a write is never based on it.
    diminta = {tag.strip() for tag in header.split(",")}
    if "*" in diminta or etag(pk, versi_sekarang) in diminta:
        return versi_sekarang
    raise PraSyaratGagal()


def kunci_idempotensi(request) -> str | None:
    kunci = request.headers.get(HEADER_KUNCI)
    if kunci is None:
        return None
    if not kunci.strip() or len(kunci) > KUNCI_MAKS or not kunci.isprintable():
        raise ValidationError({HEADER_KUNCI: [f"Idempotency-Key harus teks 1–{KUNCI_MAKS} karakter."]})
    return kunci


def sekali(request, kunci: str | None):
    """``kirim_sekali`` for an API key: the stored token is a digest of the user, the method, the path and the
    key, so two users' keys never meet, a key reused on another endpoint is a new request there, and the key
    itself (chosen by the client) is not stored."""
    if kunci is None:
        return None
    isi = f"{request.user.pk}:{request.method}:{request.path}:{kunci}"
    token = "api-" + hashlib.sha256(isi.encode()).hexdigest()[:60]
    return kirim_sekali(user=request.user, token=token)


def _sidik_isi(request) -> str:
    """A digest of what the request asked for (fields and the bytes of its files), to tell a true retry from
    another request that reuses the key."""
    h = hashlib.sha256()
    data = request.data
    pasangan = sorted(data.lists()) if hasattr(data, "lists") else [("", [data])]
    for nama, nilai in pasangan:
        h.update(nama.encode() + b"\0")
        for satu in nilai:
            if hasattr(satu, "chunks"):  # an uploaded file: its content (chunks() starts from the beginning)
                for potong in satu.chunks():
                    h.update(potong)
            else:
                h.update(json.dumps(satu, sort_keys=True, default=str).encode())
            h.update(b"\0")
    return h.hexdigest()


def catat_hasil(kiriman, request, url: str) -> None:
    """Record where a keyed create's result is, with the digest of the request that made it."""
    if kiriman is not None:
        kiriman.url_hasil = f"{url}#isi={_sidik_isi(request)}"


def hasil_pertama(exc: SudahTerkirim, view_name: str, request) -> dict:
    """The URL arguments of a replayed key's first result, which must be what this endpoint makes (never
    another kind of object's id read as this one's) for the same request body: else 422."""
    url, _, sidik = exc.url_hasil.partition("#isi=")
    try:
        match = resolve(url)
    except Resolver404:
        match = None
    if match is None or match.view_name != view_name or (sidik and sidik != _sidik_isi(request)):
        raise KunciDipakaiLain()
    return match.kwargs


__all__ = [
    "SudahTerkirim",
    "catat_hasil",
    "etag",
    "hasil_pertama",
    "kunci_idempotensi",
    "sekali",
    "versi_dari_if_match",
]
