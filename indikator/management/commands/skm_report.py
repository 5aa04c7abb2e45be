"""skm_report lives in indikator, not skm: it reads a period the way iku_report does
(kecamatan.periode and the shared options), and skm never imports indikator."""

import json

from django.core.management.base import BaseCommand

from indikator.management.opsi import kecamatan_get, periode_arguments, periode_from_options, wilayah_arguments
from skm.serializers import hasil_skm_dict


class Command(BaseCommand):
    help = (
        "Hasil Survei Kepuasan Masyarakat satu kecamatan untuk satu tahun, semester, triwulan atau rentang "
        "tanggal: NRR per unsur, IKM dan mutu pelayanan (PermenPANRB 14/2017)."
    )

    def add_arguments(self, parser):
        wilayah_arguments(parser, kabupaten=False)
        periode_arguments(parser)
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **opts):
        periode = periode_from_options(opts)
        kecamatan = kecamatan_get(opts["kecamatan"])
        data = hasil_skm_dict(kecamatan=kecamatan, periode=periode)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
