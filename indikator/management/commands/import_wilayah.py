from django.core.management.base import BaseCommand, CommandError

from desa.services import wilayah_import
from desa.wilayah import KodeWilayahTidakDikenal
from indikator.services import dokumen_iku_prepare

TINGKAT = ["provinsi", "kabupaten", "kecamatan", "desa"]


class Command(BaseCommand):
    help = (
        "Muat wilayah dari kode Kepmendagri: provinsi (35), kabupaten (35.08) atau kecamatan (35.08.12), "
        "beserta semua kecamatan, desa dan kelurahan di bawahnya, lalu siapkan dokumen IKU tiap kecamatan. "
        "Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode wilayah, misalnya 35.08 untuk Kabupaten Lumajang")

    def handle(self, *args, kode, **options):
        try:
            hasil = wilayah_import(kode=kode.strip())
        except KodeWilayahTidakDikenal as exc:
            raise CommandError(str(exc)) from exc
        dokumen_baru = dokumen_iku_prepare(kecamatan_list=hasil.kecamatan)
        for tingkat in TINGKAT:
            self.stdout.write(
                f"{tingkat:<10} baru {hasil.dibuat.get(tingkat, 0):>6}   diubah {hasil.diubah.get(tingkat, 0):>6}"
            )
        self.stdout.write(f"dokumen IKU baru: {dokumen_baru}")
        if not hasil.ada_perubahan and not dokumen_baru:
            self.stdout.write(self.style.SUCCESS("Tidak ada perubahan: data wilayah sudah mutakhir."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Wilayah {kode} dimuat."))
