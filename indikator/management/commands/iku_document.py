import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indikator.laporan import generator, pdf
from kecamatan.models import Kecamatan


class Command(BaseCommand):
    help = "Cetak Dokumen IKU yang berlaku untuk satu kecamatan ke berkas PDF."

    def add_arguments(self, parser):
        parser.add_argument("--kecamatan", metavar="KODE", required=True, help="kode kecamatan, misalnya 35.08.12")
        parser.add_argument("--out", metavar="PATH.pdf", required=True, help="berkas PDF keluaran")
        parser.add_argument(
            "--tanggal",
            metavar="YYYY-MM-DD",
            help="tanggal cetak: dokumen yang berlaku dan pejabatnya (bawaan: hari ini)",
        )

    def handle(self, *args, **opts):
        if not opts["out"].lower().endswith(".pdf"):
            raise CommandError("--out harus berakhiran .pdf", returncode=2)
        try:
            hari_ini = datetime.date.fromisoformat(opts["tanggal"]) if opts["tanggal"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--tanggal {opts['tanggal']!r} tidak sah, gunakan YYYY-MM-DD.", returncode=2) from None
        kecamatan = Kecamatan.objects.select_related("kabupaten").filter(kode=opts["kecamatan"]).first()
        if kecamatan is None:
            raise CommandError(f"Kecamatan dengan kode {opts['kecamatan']} tidak ditemukan.", returncode=2)
        try:
            data = generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=hari_ini)
        except generator.TanpaDokumenIKU as exc:
            raise CommandError(str(exc), returncode=2) from exc
        content = pdf.dokumen_iku_pdf(data)
        try:
            with open(opts["out"], "wb") as handle:
                handle.write(content)
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {opts['out']}: {exc.strerror}", returncode=2) from exc
        self.stderr.write(f"Ditulis: {opts['out']} ({len(content)} bita)")
