"""The private pypdf and ReportLab attributes indikator/laporan/lampiran_pdf.py relies on (see its comments).

Both libraries are pinned in requirements.txt; an upgrade that drops either attribute must fail here with
a message saying what to re-check, not deep inside a report job.
"""

import inspect

import pytest
from pypdf import PdfWriter
from reportlab.platypus import Table

from indikator.laporan import lampiran_pdf

PRIBADI = [
    (PdfWriter, "_add_object", "pypdf"),
    (Table, "_getFirstPossibleSplitRowPosition", "reportlab"),
]


@pytest.mark.parametrize(("kelas", "nama", "paket"), PRIBADI, ids=[n for _, n, _ in PRIBADI])
def test_the_private_attributes_lampiran_pdf_uses_still_exist(kelas, nama, paket):
    assert nama in inspect.getsource(lampiran_pdf), f"lampiran_pdf.py no longer uses {nama}: drop it from this list"
    assert callable(getattr(kelas, nama, None)), (
        f"{paket} no longer has {kelas.__name__}.{nama}, which indikator/laporan/lampiran_pdf.py calls: "
        f"re-check the {paket} pin in requirements.txt and rewrite that use before upgrading."
    )
