from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indikator.laporan import tte
from indikator.models import PengesahanLaporan


class Command(BaseCommand):
    help = (
        "Periksa tanda tangan elektronik sebuah berkas PDF laporan dan apakah berkas itu identik dengan "
        "laporan yang disahkan. Kode keluar 0: tanda tangan sah; 1: tidak sah atau tanpa tanda tangan; "
        "2: berkas tidak dapat dibaca atau bukan PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", metavar="FILE", help="berkas PDF yang diperiksa")

    def handle(self, *args, **opts):
        path = Path(opts["berkas"])
        try:
            if path.stat().st_size > settings.IKU_TTE_VERIFIKASI_MAX_BYTES:
                raise CommandError("Berkas terlalu besar untuk sebuah laporan.", returncode=2)
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc.strerror or exc}.", returncode=2) from exc
        hasil = tte.pdf_verifikasi(data)
        if not hasil.pdf:
            raise CommandError(hasil.pesan[0], returncode=2)
        tulis = self.stdout.write
        tulis(f"Berkas: {path}")
        tulis(f"SHA-256: {hasil.sha256}")
        pengesahan = (
            PengesahanLaporan.objects.filter(sha256=hasil.sha256).select_related("kecamatan").order_by("pk").first()
        )
        if pengesahan is not None:
            tulis(
                f"Identik dengan laporan yang disahkan: Kecamatan {pengesahan.kecamatan.nama}, "
                f"{pengesahan.periode.label}, versi {pengesahan.versi}."
            )
        else:
            tulis("Tidak identik dengan laporan mana pun yang disahkan di aplikasi ini.")
        if hasil.ada_tanda_tangan:
            tulis(f"Penanda tangan: {hasil.penandatangan}")
            if hasil.waktu_tanda_tangan:
                waktu = timezone.localtime(hasil.waktu_tanda_tangan)
                tulis(f"Waktu penandatanganan: {waktu:%d-%m-%Y %H.%M} WIB")
        for baris in hasil.pesan:
            tulis(f"- {baris}")
        if not hasil.valid:
            raise CommandError(hasil.ringkasan, returncode=1)
        tulis(self.style.SUCCESS(hasil.ringkasan))
