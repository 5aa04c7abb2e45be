"""The "ditindaklanjuti" rule of IKU 1 (docs/DESIGN.md §2.2) as a pure function.

``KegiatanQuerySet.with_tindak_lanjut`` says the same thing in SQL; a test
checks that both agree on every combination.
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
        and bool(output and output.strip())
        and tanggal_output is not None
        and tanggal_output <= as_of
        and jumlah_bukti_aktif > 0
    )
