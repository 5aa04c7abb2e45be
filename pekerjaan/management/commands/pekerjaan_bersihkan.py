"""Delete old finished jobs and their files, and uploads no job took (README: run daily from cron)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from pekerjaan.services import berkas_sementara_sapu, pekerjaan_bersihkan


class Command(BaseCommand):
    help = (
        "Menghapus pekerjaan selesai/gagal yang lebih tua dari --hari hari beserta berkasnya, "
        "juga unggahan sementara yang tidak diambil pekerjaan mana pun."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hari", type=int, default=7, help="Umur minimal pekerjaan yang dihapus (default 7).")

    def handle(self, *, hari, **options):
        sebelum = timezone.now() - datetime.timedelta(days=hari)
        jumlah = pekerjaan_bersihkan(sebelum=sebelum)
        sementara = berkas_sementara_sapu(sebelum=sebelum)
        self.stdout.write(f"{jumlah} pekerjaan lama dihapus; {sementara} unggahan sementara dihapus.")
