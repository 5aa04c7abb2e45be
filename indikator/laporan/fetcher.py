"""The only way a PDF may load anything: the application's own static files, by an allow-listed prefix.

WeasyPrint would otherwise follow any ``file:``, ``http(s):`` or ``data:`` URL found in
the HTML or CSS, which turns a user's text into a request to the server's disk or
network (SSRF, local file disclosure). User text is autoescaped in the templates, and
this fetcher is the second wall: it serves only files that Django's staticfiles
finders locate under ``PREFIXES`` and refuses every other URL, without any I/O.

Templates address static files as ``ikustatic:<path>`` (the ``pdf_static`` tag):
an absolute URL of a scheme no other software knows, so nothing but this fetcher can
ever resolve it, and no base URL is needed.
"""

import mimetypes
import posixpath
from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Letters only: Django's manifest storage then leaves these URLs in laporan.css alone.
SKEMA = "ikustatic:"
# Only what the PDF templates need: their stylesheet and the DejaVu fonts.
PREFIXES = ("pdf/", "vendor/dejavu/")
MIME = {".css": "text/css", ".ttf": "font/ttf"}


class URLDitolak(ValueError):
    """A URL the PDF renderer may not fetch."""


def static_url(path: str) -> str:
    return f"{SKEMA}{path}"


def static_path(url: str) -> Path:
    """The file behind an allowed ``ikustatic:`` URL; ``URLDitolak`` for anything else."""
    if not url.startswith(SKEMA):
        raise URLDitolak(f"URL ditolak (bukan berkas statis aplikasi): {url[:200]}")
    path = url[len(SKEMA) :]
    if "?" in path or "#" in path or "\\" in path or "%" in path or "\x00" in path:
        raise URLDitolak(f"URL ditolak (karakter tidak diizinkan): {url[:200]}")
    normal = posixpath.normpath(path)
    # normpath folds "a/../../b"; anything that still climbs, or is absolute, leaves static.
    if normal != path or normal.startswith(("/", "..")) or not normal.startswith(PREFIXES):
        raise URLDitolak(f"URL ditolak (di luar awalan yang diizinkan): {url[:200]}")
    found = finders.find(normal)
    if not found:
        raise URLDitolak(f"Berkas statis tidak ditemukan: {normal}")
    return Path(found)


class StaticFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves allow-listed static files and refuses everything else.

    ``diminta`` records every URL WeasyPrint asked for and ``ditolak`` those refused,
    so tests can prove a user's URL never reached it or was refused.
    """

    def __init__(self):
        # fail_on_errors=False: a refused URL is a warning and a missing resource, not a crash,
        # so hostile text cannot stop a report from rendering.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.diminta: list[str] = []
        self.ditolak: list[str] = []

    def fetch(self, url, headers=None):
        self.diminta.append(url)
        try:
            path = static_path(url)
        except URLDitolak:
            self.ditolak.append(url)
            raise
        mime = MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})
