"""Demo jenis layanan and answers for Senduro and Lumajang (PATEN services).

Deterministic (a fixed seed per kecamatan) and idempotent: a kecamatan that
already has answers keeps them. Answers go in bulk: they are a survey's raw
rows, and the demo wants a year and more of them.
"""

import datetime
import random

from django.db import transaction

from skm.models import JenisLayanan, PenggunaLayanan, Responden
from skm.selectors import kuesioner_berlaku
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_naikkan

LAYANAN = {
    "35.08.12": [
        "Surat keterangan (domisili, usaha, tidak mampu)",
        "Rekomendasi izin keramaian",
        "Legalisasi dokumen",
        "Dispensasi nikah",
        "Pengantar administrasi kependudukan",
    ],
    "35.08.10": [
        "Surat keterangan (domisili, usaha, tidak mampu)",
        "Rekomendasi izin keramaian",
        "Legalisasi dokumen",
        "Dispensasi nikah",
        "Izin mendirikan bangunan skala kecil",
    ],
}
SEED = {"35.08.12": 1412, "35.08.10": 1410}
PENGGUNA_PER_TAHUN = {"35.08.12": 900, "35.08.10": 2400}
# How generous each kecamatan's public is, per unsur: the chance of answering 4, 3, 2, 1.
BOBOT = {"35.08.12": (35, 50, 12, 3), "35.08.10": (25, 55, 16, 4)}


@transaction.atomic
def skm_demo_load(*, hari_ini: datetime.date) -> int:
    jumlah = 0
    for kode, layanan in LAYANAN.items():
        kecamatan = Kecamatan.objects.get(kode=kode)
        jenis = [
            JenisLayanan.objects.get_or_create(kecamatan=kecamatan, nama=nama, defaults={"urutan": i})[0]
            for i, nama in enumerate(layanan, start=1)
        ]
        for tahun in range(hari_ini.year - 1, hari_ini.year + 1):
            PenggunaLayanan.objects.get_or_create(
                kecamatan=kecamatan, tahun=tahun, defaults={"jumlah": PENGGUNA_PER_TAHUN[kode]}
            )
        if Responden.objects.filter(kecamatan=kecamatan).exists():
            continue
        rng = random.Random(SEED[kode])
        mulai = datetime.date(hari_ini.year - 1, 1, 1)
        kuesioner = kuesioner_berlaku(mulai)
        baru = []
        for _ in range(240):
            tanggal = mulai + datetime.timedelta(days=rng.randrange((hari_ini - mulai).days + 1))
            nilai = rng.choices((4, 3, 2, 1), weights=BOBOT[kode], k=9)
            baru.append(
                Responden(
                    kecamatan=kecamatan,
                    kuesioner=kuesioner,
                    jenis_layanan=rng.choice(jenis),
                    tanggal=tanggal,
                    usia=rng.randint(18, 70),
                    jenis_kelamin=rng.choice(Responden.JenisKelamin.values),
                    pendidikan=rng.choice(Responden.Pendidikan.values),
                    pekerjaan=rng.choice(Responden.Pekerjaan.values),
                    saran=rng.choice(["", "", "", "Antrean agar lebih tertib.", "Ruang tunggu perlu kipas angin."]),
                    sumber=rng.choice([Responden.Sumber.DARING, Responden.Sumber.KERTAS]),
                    **{f"u{i}": v for i, v in enumerate(nilai, start=1)},
                )
            )
        Responden.objects.bulk_create(baru)
        versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
        jumlah += len(baru)
    return jumlah
