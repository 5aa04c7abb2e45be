import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indikator.laporan import generator, pdf, xlsx
from indikator.management.opsi import (
    berkas_tulis,
    kabupaten_get,
    kecamatan_get,
    periode_arguments,
    periode_from_options,
    tanggal_parse,
    wilayah_arguments,
)
from indikator.serializers import capaian_kabupaten_json, capaian_kecamatan_json
from wilayah.models import Kecamatan


class Command(BaseCommand):
    help = (
        "Hitung kedua IKU untuk satu kecamatan atau semua kecamatan satu kabupaten, untuk satu tahun, "
        "triwulan, semester atau rentang tanggal, per tanggal tertentu (as-of)."
    )

    def add_arguments(self, parser):
        wilayah_arguments(parser)
        periode_arguments(parser)
        parser.add_argument(
            "--as-of", dest="as_of", metavar="YYYY-MM-DD", help="dihitung per tanggal (bawaan: hari ini)"
        )
        parser.add_argument(
            "--format",
            choices=["json", "pdf", "xlsx"],
            default="json",
            help="json (bawaan); pdf/xlsx: Laporan Capaian (draf) untuk --kecamatan, Rekap Kabupaten untuk "
            "--kabupaten, wajib dengan --out",
        )
        parser.add_argument("--out", metavar="PATH", help="berkas keluaran (bawaan: stdout, hanya untuk json)")

    def handle(self, *args, **opts):
        if opts["format"] != "json" and not opts["out"]:
            raise CommandError(f"--format {opts['format']} memerlukan --out PATH.", returncode=2)
        periode = periode_from_options(opts)
        as_of = tanggal_parse(opts["as_of"], "--as-of") if opts["as_of"] else timezone.localdate()
        if opts["kecamatan"]:
            kecamatan = kecamatan_get(opts["kecamatan"])
            if opts["format"] != "json":
                laporan = generator.laporan_capaian_generate(kecamatan=kecamatan, periode=periode, as_of=as_of)
                if opts["format"] == "pdf":
                    content = pdf.laporan_capaian_pdf(laporan, dicetak_pada=timezone.now())
                else:
                    content = xlsx.laporan_capaian_xlsx(laporan, draf=True)
                return berkas_tulis(self, opts["out"], content)
            data = capaian_kecamatan_json(kecamatan=kecamatan, periode=periode, as_of=as_of)
        else:
            kabupaten = kabupaten_get(opts["kabupaten"])
            kecamatan_qs = Kecamatan.objects.filter(kabupaten=kabupaten)
            if opts["format"] != "json":
                rekap = generator.rekap_kabupaten_generate(
                    kabupaten=kabupaten,
                    kecamatan_qs=kecamatan_qs,
                    periode=periode,
                    as_of=as_of,
                    dicetak_pada=timezone.now(),
                )
                if opts["format"] == "pdf":
                    return berkas_tulis(self, opts["out"], pdf.rekap_kabupaten_pdf(rekap))
                return berkas_tulis(self, opts["out"], xlsx.rekap_kabupaten_xlsx(rekap))
            data = capaian_kabupaten_json(kabupaten=kabupaten, kecamatan_qs=kecamatan_qs, periode=periode, as_of=as_of)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if opts["out"]:
            with open(opts["out"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
