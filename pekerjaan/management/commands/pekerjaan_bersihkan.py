"""Delete old finished jobs and their files (README: run daily from cron)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from pekerjaan.services import pekerjaan_bersihkan


class Command(BaseCommand):
    help = "Menghapus pekerjaan selesai/gagal yang lebih tua dari --hari hari beserta berkasnya."

    def add_arguments(self, parser):
        parser.add_argument("--hari", type=int, default=7, help="Umur minimal pekerjaan yang dihapus (default 7).")

    def handle(self, *, hari, **options):
        jumlah = pekerjaan_bersihkan(sebelum=timezone.now() - datetime.timedelta(days=hari))
        self.stdout.write(f"{jumlah} pekerjaan lama dihapus.")
