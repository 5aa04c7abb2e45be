"""What the IKU commands share: the region options and their lookups, dates, and the output file.

Every failure is a ``CommandError`` with exit status 2 and a message in Bahasa Indonesia.
"""

import datetime

from django.core.management.base import CommandError

from kecamatan.models import Kabupaten, Kecamatan


def wilayah_arguments(parser, *, kabupaten: bool = True) -> None:
    """``--kecamatan KODE`` (required), or with ``kabupaten`` exactly one of it and ``--kabupaten KODE``."""
    help_kecamatan = "kode kecamatan, misalnya 35.08.12"
    if not kabupaten:
        parser.add_argument("--kecamatan", metavar="KODE", required=True, help=help_kecamatan)
        return
    wilayah = parser.add_mutually_exclusive_group(required=True)
    wilayah.add_argument("--kecamatan", metavar="KODE", help=help_kecamatan)
    wilayah.add_argument("--kabupaten", metavar="KODE", help="kode kabupaten, misalnya 35.08")


def kecamatan_get(kode: str) -> Kecamatan:
    kecamatan = Kecamatan.objects.select_related("kabupaten").filter(kode=kode).first()
    if kecamatan is None:
        raise CommandError(f"Kecamatan dengan kode {kode} tidak ditemukan.", returncode=2)
    return kecamatan


def kabupaten_get(kode: str) -> Kabupaten:
    kabupaten = Kabupaten.objects.filter(kode=kode).first()
    if kabupaten is None:
        raise CommandError(f"Kabupaten dengan kode {kode} tidak ditemukan.", returncode=2)
    return kabupaten


def tanggal_parse(value: str, nama: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{nama}: tanggal {value!r} tidak sah, gunakan YYYY-MM-DD.", returncode=2) from None


def berkas_tulis(command, path: str, content: bytes) -> None:
    """Write ``content`` to ``path`` and say so on stderr (stdout may be piped elsewhere)."""
    try:
        with open(path, "wb") as handle:
            handle.write(content)
    except OSError as exc:
        raise CommandError(f"Tidak dapat menulis {path}: {exc.strerror}", returncode=2) from exc
    command.stderr.write(f"Ditulis: {path} ({len(content)} bita)")
