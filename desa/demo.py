"""Demo desa documents for the first-run command (RKPDes, APBDes, LPPDes of the demo kecamatan).

Deterministic (one seeded generator per kecamatan) and idempotent: once the
demo kecamatan have any document, a second run adds nothing, so documents a
user entered by hand are never overwritten.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from desa.models import DokumenDesa
from desa.tenggat import Basis, JenisDokumen, dokumen_wajib
from wilayah.models import Desa
from wilayah.versi import versi_data_naikkan

# kode → the demo kasi who is recorded as having entered them.
DEMO_KECAMATAN = {"35.08.12": "senduro.kasi", "35.08.10": "lumajang.kasi"}

# (outcome, weight): the demo must show every status, including the boundary days.
HASIL = [
    ("lebih_awal", 50),
    ("tepat_hari_tenggat", 15),
    ("sehari_terlambat", 12),
    ("terlambat", 8),
    ("belum_ada", 15),
]


def _pasangan_demo(hari_ini: datetime.date) -> list[tuple[str, int, datetime.date]]:
    """(jenis, TA, tenggat) of the last three measurement years under both bases."""
    pasangan = set()
    for tahun in range(hari_ini.year - 2, hari_ini.year + 1):
        for basis in Basis.values:
            for wajib in dokumen_wajib(tahun, basis):
                pasangan.add((wajib.jenis, wajib.tahun_anggaran, wajib.tenggat))
    return sorted(pasangan, key=lambda p: (p[2], p[0]))


def _tanggal(rng: random.Random, tenggat: datetime.date) -> datetime.date | None:
    hasil = rng.choices([h for h, _ in HASIL], weights=[w for _, w in HASIL])[0]
    if hasil == "lebih_awal":
        return tenggat - datetime.timedelta(days=rng.randint(1, 75))
    if hasil == "tepat_hari_tenggat":
        return tenggat
    if hasil == "sehari_terlambat":
        return tenggat + datetime.timedelta(days=1)
    if hasil == "terlambat":
        return tenggat + datetime.timedelta(days=rng.randint(2, 60))
    return None


def _nomor(rng: random.Random, jenis: str, desa: Desa, tanggal: datetime.date) -> str:
    if jenis == JenisDokumen.LPPDES:
        return f"140/{rng.randint(10, 250)}/{desa.kode.rsplit('.', 1)[-1]}/{tanggal.year}"
    return f"Perdes Nomor {rng.randint(1, 12)} Tahun {tanggal.year}"


@transaction.atomic
def dokumen_desa_demo_load(*, hari_ini: datetime.date) -> int:
    """Create the demo documents; returns how many were created (0 when already present)."""
    kecamatan_desa = Desa.objects.filter(kecamatan__kode__in=DEMO_KECAMATAN).select_related("kecamatan")
    if DokumenDesa.objects.filter(desa__in=kecamatan_desa).exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_KECAMATAN.values())}
    pasangan = _pasangan_demo(hari_ini)
    jumlah = 0
    for kode, username in DEMO_KECAMATAN.items():
        rng = random.Random(f"dokumen-desa-demo-{kode}")
        user = users.get(username)
        dokumen = []
        for desa in kecamatan_desa.filter(kecamatan__kode=kode).desa_saja().order_by("kode"):
            for jenis, tahun_anggaran, tenggat in pasangan:
                tanggal = _tanggal(rng, tenggat)
                # A document is never dated after "today": the future has not happened yet.
                if tanggal is None or tanggal > hari_ini:
                    continue
                dokumen.append(
                    DokumenDesa(
                        desa=desa,
                        jenis=jenis,
                        tahun_anggaran=tahun_anggaran,
                        tanggal=tanggal,
                        nomor=_nomor(rng, jenis, desa, tanggal),
                        diubah_oleh=user,
                    )
                )
        bulk_create_with_history(dokumen, DokumenDesa, batch_size=500, default_user=user)
        jumlah += len(dokumen)
    # A bulk insert sends no signals: the demo kecamatan get their new data version here.
    versi_data_naikkan(kecamatan_ids={d.kecamatan_id for d in kecamatan_desa})
    return jumlah
