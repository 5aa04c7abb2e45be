"""The "ditindaklanjuti" rule of IKU 1 (docs/DESIGN.md §2.2) as a pure function.

``KegiatanQuerySet.with_tindak_lanjut`` says the same thing in SQL (annotations
``ditindaklanjuti``, ``output_tercatat``, ``ada_bukti``) and ``perlu_tindak_lanjut``
its negation; tests check that they agree on every combination, and that the
dashboard's list is the computation's ``kegiatan_belum_ditindaklanjuti``.
"""

import datetime

STATUS_DILAKSANAKAN = "dilaksanakan"


def is_ditindaklanjuti(
    *,
    status: str,
    output: str,
    tanggal_output: datetime.date | None,
    jumlah_bukti_aktif: int,
    as_of: datetime.date,
) -> bool:
    """Carried out, with an output dated on or before ``as_of`` and at least one non-removed bukti.

    The bukti's own date and upload time do not matter: only the output's date
    decides when the follow-up happened.
    """
    return (
        status == STATUS_DILAKSANAKAN
        and output_tercatat(output=output, tanggal_output=tanggal_output, as_of=as_of)
        and jumlah_bukti_aktif > 0
    )


def output_tercatat(*, output: str, tanggal_output: datetime.date | None, as_of: datetime.date) -> bool:
    """The output half of the rule: written, and dated on or before ``as_of``."""
    return bool(output and output.strip()) and tanggal_output is not None and tanggal_output <= as_of


def alasan_belum(*, output: str, tanggal_output: datetime.date | None, as_of: datetime.date) -> str:
    """Why a carried-out kegiatan is not followed up yet: the output comes first, then the bukti."""
    if output_tercatat(output=output, tanggal_output=tanggal_output, as_of=as_of):
        return "belum ada bukti"
    return "belum ada output"
