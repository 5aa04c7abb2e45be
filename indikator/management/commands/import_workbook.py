from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from indikator.impor.services import workbook_import


class Command(BaseCommand):
    help = (
        "Impor kegiatan dan dokumen desa dari buku kerja Excel (format templat impor). Seluruh berkas diperiksa "
        "lebih dulu; bila ada satu kesalahan pun, tidak ada yang disimpan. Tanpa --user perintah ini bertindak "
        "sebagai sistem dengan hak admin atas SEMUA kecamatan (riwayat perubahan tanpa nama pengguna); "
        "dengan --user berlaku lingkup dan peran pengguna itu."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="berkas .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan apa pun")
        parser.add_argument("--user", metavar="USERNAME", help="impor atas nama (dan dalam lingkup) pengguna ini")

    def handle(self, *args, **opts):
        user = None
        if opts["user"]:
            user = get_user_model().objects.filter(username=opts["user"]).first()
            if user is None:
                raise CommandError(f"Pengguna {opts['user']!r} tidak ditemukan.", returncode=2)
        try:
            handle = open(opts["file"], "rb")  # noqa: SIM115 - closed below, after the import
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibuka: {exc.strerror}.", returncode=2) from None
        try:
            hasil = workbook_import(user=user, file=File(handle, name=opts["file"]), dry_run=opts["dry_run"])
        except PermissionDenied as exc:
            raise CommandError(str(exc), returncode=2) from None
        finally:
            handle.close()
        for item in hasil.peringatan:
            self.stdout.write(f"Peringatan — {item}")
        if not hasil.ok:
            for item in hasil.kesalahan:
                self.stderr.write(str(item))
            raise CommandError(f"{len(hasil.kesalahan)} kesalahan ditemukan; tidak ada yang disimpan.", returncode=1)
        awalan = "Pemeriksaan selesai (--dry-run, tidak ada yang disimpan): " if hasil.dry_run else "Impor selesai: "
        self.stdout.write(awalan + hasil.ringkasan)
