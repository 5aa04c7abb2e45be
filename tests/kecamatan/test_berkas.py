"""kecamatan.berkas: uploads are judged by their bytes, stored under generated names, served defused."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from kecamatan import berkas
from kecamatan.berkas import BerkasInfo, berkas_response, safe_download_name, upload_to_generated, validate_upload
from tests.kecamatan.contoh import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, upload, xlsx_bytes


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("ba.pdf", pdf_bytes(), "application/pdf", "pdf"),
        ("foto.png", png_bytes(), "image/png", "png"),
        ("foto.jpeg", jpeg_bytes(), "image/jpeg", "jpg"),
        ("notulen.docx", docx_bytes(), berkas.DOCX, "docx"),
        ("hadir.xlsx", xlsx_bytes(), berkas.XLSX, "xlsx"),
        # The name does not matter, only the bytes: a PDF called .png is a PDF.
        ("salah-nama.png", pdf_bytes(), "application/pdf", "pdf"),
    ],
)
def test_accepted_types_are_recognised_by_content(name, content, content_type, extension):
    info = validate_upload(upload(name, content))
    assert info == BerkasInfo(content_type=content_type, extension=extension, size=len(content))


def _refused(content, name="x.pdf") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, content))
    return caught.value


def test_pdf_that_is_really_html_is_refused():
    error = _refused(b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "laporan.pdf")
    assert error.messages == ["Isi berkas bukan PDF, JPEG, PNG, DOCX atau XLSX."]


def test_pdf_header_followed_by_html_is_refused():
    content = b"%PDF-1.4\n<html><script>fetch('/keluar/')</script></html>\n%%EOF\n"
    assert _refused(content).code == "konten_aktif"


def test_png_html_polyglot_is_refused():
    image = Image.new("RGB", (10, 10), (255, 0, 0))
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "<html><script>alert(document.cookie)</script></html>")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    content = buffer.getvalue()
    # It is a valid PNG: only the embedded markup gets it refused.
    assert Image.open(io.BytesIO(content)).format == "PNG"
    error = _refused(content, "foto.png")
    assert error.code == "konten_aktif"
    assert "HTML" in error.messages[0]


def test_jpg_php_name_with_php_content_is_refused():
    assert _refused(b"<?php system($_GET['c']); ?>", "foto.jpg.php").code == "jenis"


def test_jpg_php_name_with_real_jpeg_is_accepted_as_jpeg_and_never_named_php():
    info = validate_upload(upload("foto.jpg.php", jpeg_bytes()))
    assert info.extension == "jpg"
    assert safe_download_name("foto.jpg.php", info.extension) == "foto_jpg.jpg"


def test_path_traversal_name_never_reaches_storage(db):
    from kecamatan.models import BuktiPendukung

    info = validate_upload(upload("../../x.pdf", pdf_bytes()))
    name = upload_to_generated(BuktiPendukung(), f"berkas.{info.extension}")
    assert re.fullmatch(r"bukti/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", name)
    assert safe_download_name("../../x.pdf", "pdf") == "x.pdf"
    assert safe_download_name("..\\..\\windows\\x.pdf", "pdf") == "x.pdf"


def test_one_byte_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 2000
    content = pdf_bytes()
    padded = content[:-6] + b" " * (2001 - len(content)) + content[-6:]
    assert len(padded) == 2001
    error = _refused(padded)
    assert error.code == "terlalu_besar"
    exactly = content[:-6] + b" " * (2000 - len(content)) + content[-6:]
    assert validate_upload(upload("x.pdf", exactly)).size == 2000


def test_default_limit_message_says_10_mb(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    error = _refused(b"%PDF-" + b"0" * (10 * 1024 * 1024))
    assert error.messages == ["Berkas terlalu besar: maksimal 10 MB."]


def test_zip_bomb_disguised_as_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types>wordprocessingml.document.main+xml</Types>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/bom.bin", b"\0" * (30 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 100_000
    error = _refused(content, "laporan.docx")
    assert error.code == "zip_bomb"


def test_office_file_with_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "wordprocessingml.document.main+xml")
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(berkas.MAX_ZIP_ENTRIES):
            archive.writestr(f"word/x{index}.xml", "")
    assert _refused(buffer.getvalue(), "x.docx").code == "zip_bomb"


def test_plain_zip_is_not_an_office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "halo")
    assert _refused(buffer.getvalue(), "x.docx").code == "jenis"


def test_image_with_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(berkas, "MAX_IMAGE_PIXELS", 100)
    error = _refused(png_bytes(), "foto.png")
    assert error.code == "piksel"
    assert "320 × 180 piksel" in error.messages[0]


def test_truncated_png_is_refused():
    assert _refused(png_bytes()[:60], "foto.png").code == "rusak"


def test_empty_file_is_refused():
    assert _refused(b"", "x.pdf").messages == ["Berkas kosong."]


def test_upload_to_generated_uses_model_prefix_and_known_extension_only(db):
    from kecamatan.models import BuktiPendukung

    assert upload_to_generated(BuktiPendukung(), "x.php").endswith(".bin")
    first, second = (upload_to_generated(BuktiPendukung(), "x.pdf") for _ in range(2))
    assert first != second


@pytest.mark.parametrize(
    ("content_type", "inline", "disposition", "sandboxed"),
    [
        ("application/pdf", False, "attachment", True),
        # A PDF is never shown inline: it may carry JavaScript, and a sandboxed PDF does not display inline.
        ("application/pdf", True, "attachment", True),
        ("image/png", True, "inline", True),
        (berkas.DOCX, True, "attachment", True),
    ],
)
def test_berkas_response_headers(db, content_type, inline, disposition, sandboxed):
    from django.db.models.fields.files import FieldFile

    from kecamatan.models import BuktiPendukung

    name = default_storage.save("bukti/2026/11/abc.pdf", io.BytesIO(pdf_bytes()))
    fieldfile = FieldFile(BuktiPendukung(), BuktiPendukung._meta.get_field("berkas"), name)
    response = berkas_response(fieldfile, download_name="Berita acara.pdf", inline=inline, content_type=content_type)
    assert response["Content-Disposition"].startswith(disposition)
    assert 'filename="Berita acara.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == content_type
    assert ("sandbox" in response["Content-Security-Policy"]) is sandboxed
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert b"".join(response.streaming_content) == pdf_bytes()
