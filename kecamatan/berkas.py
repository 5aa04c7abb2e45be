"""Uploaded scans (bukti pendukung, desa documents): checked by their bytes, stored under generated names.

Public names (stable, other apps import them): ``BerkasInfo``, ``validate_upload``,
``upload_to_generated``, ``safe_download_name``, ``berkas_response``.

The user's file name is never trusted: the type comes from the content, the
stored name is a random UUID with the extension of the detected type, and the
download name is rebuilt from a whitelist of characters.
"""

import io
import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from PIL import Image

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSION = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", XLSX: "xlsx"}
# Shown in the browser; everything else (PDF included) is a download.
INLINE_TYPES = frozenset({JPEG, PNG})
ACCEPT_ATTR = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png," + DOCX + "," + XLSX

# A scanned A4 page at 600 dpi is ~35 Mpx; anything far beyond is a decompression bomb, not a scan.
MAX_IMAGE_PIXELS = 60_000_000
# Office files compress XML roughly 5-30x; a ratio or size far beyond that is a zip bomb.
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_RATIO = 100
MAX_ZIP_UNPACKED = 250 * 1024 * 1024
MAX_CONTENT_TYPES_XML = 256 * 1024

# Markers that a browser would treat as active content. A real scan does not
# contain them in clear; a polyglot (PNG or PDF that is also HTML) does.
# Markers are long enough that compressed image data practically never contains them by chance.
ACTIVE_CONTENT_MARKERS = (b"<html", b"<!doctype html", b"<script", b"<iframe", b"<?php", b"javascript:")

PESAN_JENIS = "Isi berkas bukan PDF, JPEG, PNG, DOCX atau XLSX."


@dataclass(frozen=True)
class BerkasInfo:
    content_type: str
    extension: str
    size: int


def _batas_mb() -> str:
    mb = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
    return f"{mb:.0f}" if mb == int(mb) else f"{mb:.1f}".replace(".", ",")


def _read_all(uploaded_file) -> bytes:
    uploaded_file.seek(0)
    # Bounded by the size check done before; never read more than the limit plus one byte.
    data = uploaded_file.read(settings.UPLOAD_MAX_BYTES + 1)
    uploaded_file.seek(0)
    return data


def _refuse_active_content(data: bytes) -> None:
    lowered = data.lower()
    if any(marker in lowered for marker in ACTIVE_CONTENT_MARKERS):
        raise ValidationError(
            "Berkas ditolak: berisi kode HTML atau skrip di dalamnya. Pindai ulang dokumen aslinya.",
            code="konten_aktif",
        )


def _check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise ValidationError(PESAN_JENIS, code="jenis")
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError("Berkas PDF rusak atau tidak lengkap.", code="rusak")


def _check_image(data: bytes, content_type: str) -> None:
    expected = "JPEG" if content_type == JPEG else "PNG"
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise ValidationError(PESAN_JENIS, code="jenis")
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"Gambar terlalu besar: {width} × {height} piksel. Perkecil resolusi pindaian.",
                    code="piksel",
                )
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError("Gambar terlalu besar: jumlah pikselnya tidak wajar.", code="piksel") from None
    except Exception:
        raise ValidationError("Berkas gambar rusak atau tidak dapat dibaca.", code="rusak") from None


def _check_office(data: bytes) -> str:
    """DOCX or XLSX by their parts; refuses zip bombs by the declared sizes before unpacking anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise ValidationError(PESAN_JENIS, code="jenis") from None
    with archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_ZIP_UNPACKED or unpacked > MAX_ZIP_RATIO * len(data):
            raise ValidationError(
                "Berkas Office ditolak: isi terkompresinya tidak wajar (terlalu besar atau terlalu banyak bagian).",
                code="zip_bomb",
            )
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names:
            raise ValidationError(PESAN_JENIS, code="jenis")
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise ValidationError("Berkas Office dengan makro tidak diterima.", code="makro")
        try:
            with archive.open("[Content_Types].xml") as handle:
                content_types = handle.read(MAX_CONTENT_TYPES_XML)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError):
            raise ValidationError("Berkas Office rusak atau terkunci sandi.", code="rusak") from None
    if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in content_types:
        return DOCX
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in content_types:
        return XLSX
    raise ValidationError(PESAN_JENIS, code="jenis")


def validate_upload(uploaded_file) -> BerkasInfo:
    """Accept a PDF, JPEG, PNG, DOCX or XLSX by its bytes, or raise ValidationError in Bahasa Indonesia."""
    size = uploaded_file.size
    if size is None or size <= 0:
        raise ValidationError("Berkas kosong.", code="kosong")
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(f"Berkas terlalu besar: maksimal {_batas_mb()} MB.", code="terlalu_besar")
    data = _read_all(uploaded_file)
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(f"Berkas terlalu besar: maksimal {_batas_mb()} MB.", code="terlalu_besar")
    guessed = filetype.guess_mime(data[:8192])
    if data.startswith(b"%PDF-") or guessed == PDF:
        content_type = PDF
        _check_pdf(data)
    elif guessed in (JPEG, PNG):
        content_type = guessed
        _check_image(data, content_type)
    elif data.startswith(b"PK\x03\x04"):
        content_type = _check_office(data)
    else:
        raise ValidationError(PESAN_JENIS, code="jenis")
    # Office parts are XML: literal "<script" inside text is escaped, so a hit means a crafted file.
    _refuse_active_content(data)
    return BerkasInfo(content_type=content_type, extension=EXTENSION[content_type], size=len(data))


def upload_to_generated(instance, filename: str) -> str:
    """``<prefix>/<yyyy>/<mm>/<uuid4 hex>.<ext>``; only the extension is kept, and only a known one.

    The caller passes a name whose extension it took from the detected content
    (``BerkasInfo.extension``); the prefix is the model's ``BERKAS_PREFIX``.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in EXTENSION.values():
        extension = "bin"
    prefix = getattr(instance, "BERKAS_PREFIX", None) or instance._meta.model_name
    hari_ini = timezone.localdate()
    return f"{prefix}/{hari_ini:%Y}/{hari_ini:%m}/{uuid.uuid4().hex}.{extension}"


_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9 _\-()]+")


def safe_download_name(name: str, extension: str) -> str:
    """A download name built from the original's stem, restricted to plain characters, with the real extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE_CHARS.sub("_", stem)
    stem = re.sub(r"_+", "_", stem).strip(" _-")[:80].strip(" _-")
    return f"{stem or 'berkas'}.{extension}"


def berkas_response(fieldfile, *, download_name: str, inline: bool, content_type: str) -> FileResponse:
    """Stream a stored file through the storage API, never as something a browser would run.

    Only images are shown inline. A PDF may carry JavaScript (/OpenAction), and browsers
    refuse to show a sandboxed PDF inline, so a PDF is always a sandboxed download.
    """
    inline = inline and content_type in INLINE_TYPES
    handle = fieldfile.storage.open(fieldfile.name, "rb")
    response = FileResponse(handle, as_attachment=not inline, filename=download_name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox; frame-ancestors 'self'"
    return response
