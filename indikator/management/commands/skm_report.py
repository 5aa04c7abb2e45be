"""skm_report lives in indikator, not skm: it reads a period the way iku_report does
(kecamatan.periode and the shared options), and skm never imports indikator."""

import json

from django.core.management.base import BaseCommand

from indikator.management.opsi import kecamatan_get, periode_arguments, periode_from_options, wilayah_arguments
from skm.selectors import skm_compute


def koma(value) -> str | None:
    """A decimal with a comma, as the interface writes it; ``None`` stays ``null``."""
    return None if value is None else str(value).replace(".", ",")


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
        hasil = skm_compute(kecamatan=kecamatan, mulai=periode.mulai, selesai=periode.selesai).hasil
        data = {
            "kecamatan": {"kode": kecamatan.kode, "nama": kecamatan.nama},
            "periode": {"mulai": periode.mulai.isoformat(), "selesai": periode.selesai.isoformat()},
            "responden": hasil.responden,
            "unsur": [{"kode": u.kode, "nama": u.nama, "nrr": koma(u.nrr_tampil)} for u in hasil.unsur],
            "ikm": koma(hasil.ikm_tampil),
            "mutu": hasil.mutu,
            "kinerja": hasil.kinerja,
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
