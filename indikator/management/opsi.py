"""What the IKU commands share: the region options and their lookups, dates, and the output file.

Every failure is a ``CommandError`` with exit status 2 and a message in Bahasa Indonesia.
"""

import datetime

from django.core.management.base import CommandError

from kecamatan import periode
from wilayah.models import Kabupaten, Kecamatan


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
        return periode.tanggal_parse(value, nama)
    except periode.PeriodeTidakSah as exc:
        raise CommandError(str(exc), returncode=2) from None


def berkas_tulis(command, path: str, content: bytes) -> None:
    """Write ``content`` to ``path`` and say so on stderr (stdout may be piped elsewhere)."""
    try:
        with open(path, "wb") as handle:
            handle.write(content)
    except OSError as exc:
        raise CommandError(f"Tidak dapat menulis {path}: {exc.strerror}", returncode=2) from exc
    command.stderr.write(f"Ditulis: {path} ({len(content)} bita)")


def periode_arguments(parser) -> None:
    parser.add_argument("--tahun", type=int, help="tahun pengukuran, misalnya 2024")
    parser.add_argument("--triwulan", type=int, choices=[1, 2, 3, 4])
    parser.add_argument("--semester", type=int, choices=[1, 2])
    parser.add_argument("--dari", metavar="YYYY-MM-DD", help="awal rentang tanggal (dengan --sampai)")
    parser.add_argument("--sampai", metavar="YYYY-MM-DD", help="akhir rentang tanggal (dengan --dari)")


def periode_from_options(opts) -> periode.Periode:
    """The period named by --tahun [--triwulan | --semester] or --dari/--sampai, read by kecamatan.periode."""
    try:
        if opts["dari"] or opts["sampai"]:
            if not (opts["dari"] and opts["sampai"]) or opts["tahun"] or opts["triwulan"] or opts["semester"]:
                raise CommandError(
                    "Gunakan --dari dan --sampai bersama, tanpa --tahun/--triwulan/--semester.", returncode=2
                )
            return periode.rentang(tanggal_parse(opts["dari"], "--dari"), tanggal_parse(opts["sampai"], "--sampai"))
        if not opts["tahun"]:
            raise CommandError("Sebutkan --tahun, atau --dari dan --sampai.", returncode=2)
        return periode.periode_dari(tahun=opts["tahun"], triwulan_ke=opts["triwulan"], semester_ke=opts["semester"])
    except periode.PeriodeTidakSah as exc:
        raise CommandError(str(exc), returncode=2) from exc
