import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indikator.ringkasan import ringkasan_pesan
from notifikasi.pengingat import HARI_SUSULAN
from notifikasi.services import notifikasi_email_susulan, notifikasi_kirim, pengingat_kirim


class Command(BaseCommand):
    help = (
        "Kirim pengingat tenggat dokumen desa (H-30, H-7, H-1, H+1) kepada operator desa dan kasi, dan sekali "
        "seminggu (Senin, atau jalankan pertama minggu itu) ringkasan kepada pimpinan. Aman dijalankan berulang: "
        "yang sudah terkirim tidak dikirim lagi; hari yang terlewat disusulkan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanggal", metavar="YYYY-MM-DD", help="hari yang dinilai (bawaan: hari ini, Asia/Jakarta)"
        )
        parser.add_argument("--dry-run", action="store_true", help="hanya tampilkan, tanpa menyimpan atau mengirim")

    def handle(self, *args, **opts):
        tanggal = self._tanggal(opts["tanggal"])
        pengingat, hasil = pengingat_kirim(tanggal=tanggal, dry_run=opts["dry_run"])
        ringkasan = ringkasan_pesan(tanggal=tanggal)
        semua = pengingat + ringkasan
        if opts["dry_run"]:
            nama = dict(
                get_user_model().objects.filter(pk__in={p.penerima_id for p in semua}).values_list("pk", "username")
            )
            for pesan in semua:
                self.stdout.write(f"{nama[pesan.penerima_id]}\t{pesan.kunci}\t{pesan.judul}")
            self.stdout.write(
                f"{len(semua)} notifikasi akan dikirim untuk {tanggal.isoformat()} (uji coba, tidak ada yang disimpan)."
            )
            return
        hasil_ringkasan = notifikasi_kirim(pesan_list=ringkasan)
        # Emails an earlier run could not send (its notification is already in the application).
        sejak = timezone.now() - datetime.timedelta(days=HARI_SUSULAN + 1)
        hasil_susulan = notifikasi_email_susulan(sejak=sejak)
        semua_hasil = (hasil, hasil_ringkasan, hasil_susulan)
        self.stdout.write(
            f"{tanggal.isoformat()}: {sum(h.dibuat for h in semua_hasil)} notifikasi baru, "
            f"{sum(h.email for h in semua_hasil)} email terkirim, "
            f"{sum(h.sudah_ada for h in semua_hasil)} sudah ada sebelumnya."
        )
        gagal = hasil_susulan.email_gagal
        if gagal:
            # Nonzero exit, so cron mails its owner; the next run tries these emails again.
            raise CommandError(f"{gagal} email gagal dikirim (lihat log); dicoba lagi pada jalankan berikutnya.")

    @staticmethod
    def _tanggal(teks: str | None) -> datetime.date:
        if not teks:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(teks)
        except ValueError:
            raise CommandError(
                f"Tanggal tidak valid: {teks!r}. Tulis sebagai YYYY-MM-DD, misalnya 2026-03-24."
            ) from None
