"""Helpers of the report tests: text out of a PDF (poppler's pdftotext) and the 2024 facts with signatories."""

import datetime
import re
import subprocess

import pytest

from indikator.services import dokumen_iku_prepare
from kecamatan.models import Kegiatan
from tests.indikator.test_iku_report import data_2024, make_kegiatan  # noqa: F401 - data_2024 is a fixture
from tests.pekerjaan.alur import post_dan_kerjakan
from wilayah.models import Kecamatan

PDFTOTEXT = "/usr/bin/pdftotext"
D = datetime.date
AS_OF = D(2025, 1, 15)
RAHASIA_LUMAJANG = "RAHASIA-LUMAJANG"


def teks_pdf(content: bytes) -> str:
    """The PDF's text with all whitespace folded to single spaces (table cells wrap anywhere)."""
    assert content.startswith(b"%PDF-"), content[:20]
    result = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def baris_pdf(content: bytes) -> str:
    """The PDF's text in its physical layout, one printed line per line, runs of spaces folded.

    Table rows stay on one line here (reading order puts each column after the other).
    """
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return "\n".join(" ".join(line.split()) for line in result.stdout.decode("utf-8").splitlines())


def rata(teks: str) -> str:
    return " ".join(teks.split())


def rapat(teks: str) -> str:
    """Without whitespace or hyphens: a long text matches however the PDF wrapped it.

    pdftotext joins a word hyphenated at a line end ("perundang-" / "undangan") without its hyphen.
    """
    return "".join(teks.split()).replace("-", "").replace("\u2010", "")


@pytest.fixture
def media_root(settings, tmp_path):
    """Approved PDFs go to a fresh folder per test, never into the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def laporan_2024(data_2024, senduro, lumajang, media_root):  # noqa: F811
    """iku_report's 2024 facts, plus each kecamatan's IKU document and Camat from the seeds.

    Senduro 2024 as of 15 January 2025: IKU 1 3/6 = 50,00% (target 90, capaian 55,56%),
    IKU 2 4/9 = 44,44%. Lumajang's kegiatan carry a marker that must never leak.
    """
    dokumen_iku_prepare(kecamatan_list=[senduro, lumajang])
    make_kegiatan(lumajang, D(2024, 3, 3))
    Kegiatan.objects.filter(kecamatan=lumajang).update(keterangan=RAHASIA_LUMAJANG)
    return Kecamatan.objects.select_related("kabupaten").get(pk=senduro.pk)


def teks_per_halaman(content: bytes) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed), whitespace folded."""
    assert content.startswith(b"%PDF-"), content[:20]
    result = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True)
    halaman = result.stdout.decode("utf-8").split("\f")
    if halaman and not halaman[-1].strip():
        halaman.pop()
    return [" ".join(h.split()) for h in halaman]


def halaman_dengan(content: bytes, teks: str) -> list[int]:
    """The pages (from 1) whose text holds ``teks``, however the PDF wrapped or hyphenated it."""
    return [nomor for nomor, h in enumerate(teks_per_halaman(content), start=1) if rapat(teks) in rapat(h)]


def sahkan_post(client, url, data, *, follow=False):
    """Approve as a person does: open the confirmation page, then send its form with the sidik it carries;
    the approval job is then run by the worker (``follow``: the job's page, with its message)."""
    halaman = client.post(url, {k: v for k, v in data.items() if k != "konfirmasi"})
    sidik = re.search(r'name="sidik" value="([0-9a-f]*)"', halaman.content.decode())
    data = {**data, "konfirmasi": "1", "sidik": sidik.group(1) if sidik else ""}
    return post_dan_kerjakan(client, url, data, follow=follow)
