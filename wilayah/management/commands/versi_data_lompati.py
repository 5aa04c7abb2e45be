import time

from django.core.management.base import BaseCommand
from django.db import transaction

from wilayah.versi import versi_data_lompati


class Command(BaseCommand):
    help = (
        "Setelah memulihkan basis data: naikkan versi data semua kecamatan melewati nilai lamanya, "
        "agar cache bersama (Redis) tidak menyajikan angka dari data sebelum pemulihan."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            versi_data_lompati(detik_epoch=int(time.time()))
        self.stdout.write("Versi data semua kecamatan dinaikkan; angka di cache lama tidak akan dipakai lagi.")
