from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from skm.impor import skm_workbook_import
from wilayah.models import Kecamatan


class Command(BaseCommand):
    help = (
        "Impor kuesioner SKM kertas dari buku kerja (lembar Responden) untuk satu kecamatan. Semua baris "
        "tersimpan atau tidak satu pun; impor ulang berkas yang sama tidak menambah apa pun."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--kecamatan", metavar="KODE", required=True, help="kode kecamatan, misalnya 35.08.12")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")

    def handle(self, *args, **opts):
        kecamatan = Kecamatan.objects.filter(kode=opts["kecamatan"]).first()
        if kecamatan is None:
            raise CommandError(f"Kecamatan dengan kode {opts['kecamatan']} tidak ditemukan.", returncode=2)
        try:
            handle = open(opts["file"], "rb")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Tidak dapat membuka {opts['file']}: {exc.strerror}", returncode=2) from exc
        with handle:
            hasil = skm_workbook_import(
                kecamatan=kecamatan, file=handle, hari_ini=timezone.localdate(), dry_run=opts["dry_run"]
            )
        if not hasil.berhasil:
            for k in hasil.kesalahan:
                self.stderr.write(str(k))
            raise CommandError(
                f"Impor dibatalkan: {len(hasil.kesalahan)} kesalahan, tidak ada yang disimpan.", returncode=2
            )
        kata = "akan ditambahkan" if hasil.dry_run else "ditambahkan"
        self.stdout.write(f"{hasil.baru} responden {kata}; {hasil.sudah_ada} sudah ada sebelumnya.")
