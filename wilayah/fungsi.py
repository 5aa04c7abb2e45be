"""Fungsi of a kecamatan are kept as text, one per line, and shown lettered a, b, c…"""

import re
import string

_LEADING_LETTER = re.compile(r"^\s*(?:[-•]\s*)?[a-zA-Z][.)]\s+")


def split_fungsi(text: str) -> list[str]:
    """The fungsi in order, with any typed-in list letters removed."""
    lines = (_LEADING_LETTER.sub("", line).strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


def lettered_fungsi(text: str) -> list[tuple[str, str]]:
    letters = string.ascii_lowercase
    return [(letters[i] if i < len(letters) else str(i + 1), fungsi) for i, fungsi in enumerate(split_fungsi(text))]
