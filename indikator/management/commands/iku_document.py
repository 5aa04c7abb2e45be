from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indikator.laporan import generator, pdf
from indikator.management.opsi import berkas_tulis, kecamatan_get, tanggal_parse, wilayah_arguments


class Command(BaseCommand):
    help = "Cetak Dokumen IKU yang berlaku untuk satu kecamatan ke berkas PDF."

    def add_arguments(self, parser):
        wilayah_arguments(parser, kabupaten=False)
        parser.add_argument("--out", metavar="PATH.pdf", required=True, help="berkas PDF keluaran")
        parser.add_argument(
            "--tanggal",
            metavar="YYYY-MM-DD",
            help="tanggal cetak: dokumen yang berlaku dan pejabatnya (bawaan: hari ini)",
        )

    def handle(self, *args, **opts):
        if not opts["out"].lower().endswith(".pdf"):
            raise CommandError("--out harus berakhiran .pdf", returncode=2)
        hari_ini = tanggal_parse(opts["tanggal"], "--tanggal") if opts["tanggal"] else timezone.localdate()
        kecamatan = kecamatan_get(opts["kecamatan"])
        try:
            data = generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=hari_ini)
        except generator.TanpaDokumenIKU as exc:
            raise CommandError(str(exc), returncode=2) from exc
        berkas_tulis(self, opts["out"], pdf.dokumen_iku_pdf(data))
