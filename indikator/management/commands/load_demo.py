from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from desa.demo import dokumen_desa_demo_load
from indikator.demo import DEMO_PASSWORD, organisasi_demo_load
from kecamatan.demo import kegiatan_demo_load
from skm.demo import skm_demo_load
from wilayah.models import Kabupaten, Kecamatan


class Command(BaseCommand):
    help = (
        "Isi data demo untuk Kecamatan Senduro dan Lumajang: pengguna semua peran, seksi, pejabat, target, "
        "kegiatan dengan bukti pendukung, dan dokumen desa. Hanya untuk mesin pengembang: ditolak bila DEBUG "
        "mati. Aman dijalankan berulang: yang sudah ada tidak diubah."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Data demo hanya boleh dimuat dengan DEBUG=1, tidak pernah di server produksi.")
        hari_ini = timezone.localdate()
        try:
            logins = organisasi_demo_load(hari_ini=hari_ini, kabupaten_kode=settings.IKU_KABUPATEN_DEFAULT)
        except (Kabupaten.DoesNotExist, Kecamatan.DoesNotExist) as exc:
            raise CommandError(
                f"Data demo gagal dimuat ({exc}). Jalankan dulu: python manage.py import_wilayah 35.08"
            ) from exc
        kegiatan = kegiatan_demo_load(hari_ini=hari_ini)
        dokumen = dokumen_desa_demo_load(hari_ini=hari_ini)
        responden = skm_demo_load(hari_ini=hari_ini)
        self.stdout.write(
            f"Kegiatan demo baru: {kegiatan}; dokumen desa demo baru: {dokumen}; responden SKM demo baru: {responden}."
        )
        self.stdout.write(self.style.SUCCESS("Data demo siap. Login demo (kata sandi sama untuk semua):"))
        self.stdout.write(f"  kata sandi: {DEMO_PASSWORD}")
        for login in logins:
            self.stdout.write(f"  {login.username:<18} {login.peran:<38} {login.lingkup}")
