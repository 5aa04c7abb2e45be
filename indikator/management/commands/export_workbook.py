from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indikator.impor.export import workbook_export
from kecamatan.models import Kabupaten, Kecamatan


class Command(BaseCommand):
    help = (
        "Ekspor kegiatan, bukti pendukung (tanpa berkas pindaian) dan dokumen desa satu kecamatan atau satu "
        "kabupaten ke buku kerja Excel dalam format impor."
    )

    def add_arguments(self, parser):
        wilayah = parser.add_mutually_exclusive_group(required=True)
        wilayah.add_argument("--kecamatan", metavar="KODE", help="kode kecamatan, misalnya 35.08.12")
        wilayah.add_argument("--kabupaten", metavar="KODE", help="kode kabupaten, misalnya 35.08")
        parser.add_argument("--out", metavar="PATH", required=True, help="berkas .xlsx keluaran")

    def handle(self, *args, **opts):
        if opts["kecamatan"]:
            kecamatan_qs = Kecamatan.objects.filter(kode=opts["kecamatan"])
            if not kecamatan_qs.exists():
                raise CommandError(f"Kecamatan dengan kode {opts['kecamatan']} tidak ditemukan.", returncode=2)
        else:
            kabupaten = Kabupaten.objects.filter(kode=opts["kabupaten"]).first()
            if kabupaten is None:
                raise CommandError(f"Kabupaten dengan kode {opts['kabupaten']} tidak ditemukan.", returncode=2)
            kecamatan_qs = Kecamatan.objects.filter(kabupaten=kabupaten)
        Path(opts["out"]).write_bytes(workbook_export(kecamatan_qs=kecamatan_qs))
        self.stdout.write(f"Ditulis: {opts['out']}")
