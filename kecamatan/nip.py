"""NIP (Nomor Induk Pegawai) of a civil servant: 18 digits.

Layout (docs/DESIGN.md §2.5): birth date YYYYMMDD, TMT (start of service) YYYYMM,
sex digit 1 (male) or 2 (female), sequence of three digits; shown grouped as
``19681114 199003 1 004``.
"""

import datetime
import re

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_nip(value: str) -> str:
    """The 18 digits of a NIP typed with or without its spaces."""
    return _SEPARATORS.sub("", value or "")


def validate_nip(value: str) -> None:
    digits = normalize_nip(value)
    if not digits.isdigit() or len(digits) != 18:
        raise ValidationError("NIP harus terdiri atas 18 angka.", code="nip_panjang")
    try:
        datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            "8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH).", code="nip_tanggal_lahir"
        ) from None
    tmt_month = int(digits[12:14])
    if not 1 <= tmt_month <= 12:
        raise ValidationError("Angka ke-9 sampai ke-14 NIP harus bulan TMT yang sah (TTTTBB).", code="nip_tmt")
    if digits[14] not in "12":
        raise ValidationError("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2.", code="nip_jenis_kelamin")


def format_nip(value: str) -> str:
    """``196811141990031004`` → ``19681114 199003 1 004``; other input unchanged."""
    digits = normalize_nip(value)
    if len(digits) != 18 or not digits.isdigit():
        return value or ""
    return f"{digits[0:8]} {digits[8:14]} {digits[14]} {digits[15:18]}"
