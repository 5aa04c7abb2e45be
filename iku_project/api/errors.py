"""Error answers of the API: always JSON, always in Bahasa Indonesia (docs/DESIGN.md §3.6).

A validation error is ``{field: [message, …]}`` (``non_field_errors`` for the request as a whole);
every other error is ``{"detail": message}``. A service's Django ``ValidationError`` becomes the same
400 body as a serializer's, so a rule refused by ``kecamatan/validation.py`` reads the same on the page
and through the API.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

PESAN = {
    status.HTTP_401_UNAUTHORIZED: "Token API tidak ada, salah, kedaluwarsa atau sudah dicabut.",
    status.HTTP_403_FORBIDDEN: "Peran Anda tidak diizinkan melakukan ini.",
    status.HTTP_404_NOT_FOUND: "Tidak ditemukan.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "Metode tidak diizinkan.",
    status.HTTP_406_NOT_ACCEPTABLE: "Format jawaban yang diminta tidak tersedia; gunakan application/json.",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "Jenis isi permintaan tidak didukung.",
}


# DRF messages its Indonesian translation lacks, by error code (codes that always carry the same message).
PESAN_KODE = {
    "incorrect_type": "Jenis nilai salah.",
    "does_not_exist": "Tidak ditemukan dalam lingkup Anda.",
    "not_a_list": "Harus berupa daftar.",
    "not_a_dict": "Harus berupa objek JSON.",
    "empty": "Daftar ini tidak boleh kosong.",
}
# The same for code "invalid", shared by many fields, matched by DRF's English text.
PESAN_INVALID = {
    "Must be a valid boolean.": "Harus berupa nilai benar/salah (true atau false).",
    "Not a valid string.": "Harus berupa teks.",
    "The submitted data was not a file. Check the encoding type on the form.": (
        "Data yang dikirim bukan berkas; kirim sebagai multipart/form-data."
    ),
    "Invalid data. Expected a dictionary, but got": "Data tidak sah: isi permintaan harus berupa objek JSON.",
    "A valid integer is required.": "Harus berupa bilangan bulat.",
}
PESAN_JSON_RUSAK = "Isi permintaan bukan JSON yang sah."
PESAN_ISI_RUSAK = "Isi permintaan tidak dapat dibaca."


def _bahasa(detail):
    """A validation error's messages with DRF's untranslated English defaults replaced by ours."""
    if isinstance(detail, dict):
        return {key: _bahasa(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_bahasa(item) for item in detail]
    code = getattr(detail, "code", None)
    if code in PESAN_KODE:
        return exceptions.ErrorDetail(PESAN_KODE[code], code=code)
    if code == "invalid":
        for english, bahasa in PESAN_INVALID.items():
            if str(detail).startswith(english):
                return exceptions.ErrorDetail(bahasa, code=code)
    return detail


def _isi_rusak(request) -> exceptions.ParseError:
    """DRF's parse errors quote the parser in English; say it in Bahasa Indonesia, by what was sent."""
    json_dikirim = "json" in (getattr(request, "content_type", "") or "")
    return exceptions.ParseError(PESAN_JSON_RUSAK if json_dikirim else PESAN_ISI_RUSAK)


def _validation_dict(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name): messages
            for name, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in exc.messages]}


class TidakDitemukan(exceptions.NotFound):
    default_detail = PESAN[404]


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response(_validation_dict(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = TidakDitemukan()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or PESAN[403])
    elif isinstance(exc, exceptions.ParseError):
        exc = _isi_rusak(context["request"])
    elif isinstance(exc, exceptions.ValidationError):
        exc.detail = _bahasa(exc.detail)
    elif isinstance(exc, exceptions.MethodNotAllowed):
        exc = exceptions.MethodNotAllowed(context["request"].method, detail=PESAN[405])
    elif isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)) and not _ada_pesan(exc):
        exc.detail = exceptions.ErrorDetail(PESAN[401], code=exc.default_code)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError) and isinstance(response.data, list):
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    return response


def _ada_pesan(exc) -> bool:
    """Whether the error carries a message of ours rather than DRF's default."""
    return str(exc.detail) != str(exc.default_detail)


def halaman_404(request, exception=None):
    """Django's 404 for a URL no view matched: JSON under /api/ (a path parameter out of its converter's
    range never reaches DRF), the site's page elsewhere."""
    from django.http import JsonResponse
    from django.views import defaults

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": PESAN[status.HTTP_404_NOT_FOUND]}, status=404)
    return defaults.page_not_found(request, exception)
