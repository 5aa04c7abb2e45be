from django.core.management.base import BaseCommand

from indikator.impor.export import workbook_export
from indikator.management.opsi import berkas_tulis, kabupaten_get, kecamatan_get, wilayah_arguments
from wilayah.models import Kecamatan


class Command(BaseCommand):
    help = (
        "Ekspor kegiatan, bukti pendukung (tanpa berkas pindaian) dan dokumen desa satu kecamatan atau satu "
        "kabupaten ke buku kerja Excel dalam format impor."
    )

    def add_arguments(self, parser):
        wilayah_arguments(parser)
        parser.add_argument("--out", metavar="PATH", required=True, help="berkas .xlsx keluaran")

    def handle(self, *args, **opts):
        if opts["kecamatan"]:
            kecamatan_qs = Kecamatan.objects.filter(pk=kecamatan_get(opts["kecamatan"]).pk)
        else:
            kecamatan_qs = Kecamatan.objects.filter(kabupaten=kabupaten_get(opts["kabupaten"]))
        berkas_tulis(self, opts["out"], workbook_export(kecamatan_qs=kecamatan_qs))
