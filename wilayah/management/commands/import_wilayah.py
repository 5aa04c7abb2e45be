from django.core.management.base import BaseCommand, CommandError

from wilayah.kepmendagri import KodeWilayahTidakDikenal
from wilayah.services import wilayah_import
from wilayah.signals import wilayah_diimpor

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
        # The apps above wilayah prepare what they need for the loaded kecamatan (indikator: the
        # IKU documents), each reporting one line of the summary.
        tambahan = [jawaban for _, jawaban in wilayah_diimpor.send(sender=self.__class__, hasil=hasil) if jawaban]
        for tingkat in TINGKAT:
            self.stdout.write(
                f"{tingkat:<10} baru {hasil.dibuat.get(tingkat, 0):>6}   diubah {hasil.diubah.get(tingkat, 0):>6}"
            )
        for keterangan, jumlah in tambahan:
            self.stdout.write(f"{keterangan}: {jumlah}")
        if not hasil.ada_perubahan and not any(jumlah for _, jumlah in tambahan):
            self.stdout.write(self.style.SUCCESS("Tidak ada perubahan: data wilayah sudah mutakhir."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Wilayah {kode} dimuat."))
