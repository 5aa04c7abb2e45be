"""Synthetic benchmark data on top of the real Kepmendagri codes (used by run.py, national.py, load.sh).

Everything is deterministic (``random.Random(seed)``) and written with ``bulk_create``;
nothing here is imported by the application. Call ``django.setup()`` first.
"""

import datetime
import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction

# S=1 is Lumajang; S=10 adds nine more kabupaten of Jawa Timur chosen so that the ten hold
# 210 kecamatan, ten times Lumajang's 21 (kecamatan counts in brackets).
KABUPATEN_S10 = [
    "35.08",  # Lumajang (21)
    "35.02",  # Ponorogo (21)
    "35.04",  # Tulungagung (19)
    "35.05",  # Blitar (22)
    "35.11",  # Bondowoso (23)
    "35.13",  # Probolinggo (24)
    "35.17",  # Jombang (21)
    "35.18",  # Nganjuk (20)
    "35.21",  # Ngawi (19)
    "35.23",  # Tuban (20)
]


KETERANGAN = [
    "Rapat koordinasi di balai desa",
    "Pendampingan penyusunan dokumen",
    "Monitoring pelaksanaan program",
    "Fasilitasi musyawarah desa",
    "Rekomendasi atas permohonan warga",
]
OUTPUT = ["Notulen rapat", "Berita acara", "Laporan hasil monitoring", "Surat rekomendasi", "Daftar hadir"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", flush=True)


@dataclass
class HasilData:
    kecamatan: int = 0
    desa: int = 0
    kegiatan: int = 0
    bukti: int = 0
    desa_kegiatan: int = 0
    dokumen_desa: int = 0
    detik: dict = field(default_factory=dict)


def wilayah_load(kode_list: list[str]) -> None:
    from wilayah.services import wilayah_import

    for kode in kode_list:
        wilayah_import(kode=kode)


def organisasi_load(
    *, kecamatan_qs, hari_ini: datetime.date, tahun_list: list[int], demo: bool = True, dokumen_iku: bool = True
) -> None:
    """Seksi for every kecamatan, IKU documents, targets, and the demo users (Senduro, Lumajang, admin)."""
    from decimal import Decimal

    from indikator.demo import SEKSI_STANDAR as STANDAR
    from indikator.demo import organisasi_demo_load
    from indikator.models import KodeIndikator, TargetIKU
    from indikator.services import dokumen_iku_prepare
    from kecamatan.models import Seksi

    kecamatan = list(kecamatan_qs.order_by("kode"))
    ada = set(Seksi.objects.filter(kecamatan__in=kecamatan_qs).values_list("kecamatan_id", flat=True))
    Seksi.objects.bulk_create(
        [
            Seksi(kecamatan=k, nama=nama, jenis=jenis, urutan=urutan)
            for k in kecamatan
            if k.pk not in ada
            for urutan, (jenis, nama) in enumerate(STANDAR, start=1)
        ],
        batch_size=2000,
    )
    if dokumen_iku:
        dokumen_iku_prepare(kecamatan_list=kecamatan)
    TargetIKU.objects.bulk_create(
        [
            TargetIKU(kecamatan=k, indikator=ind, tahun=t, target=Decimal("80"))
            for k in kecamatan
            for t in tahun_list
            for ind in KodeIndikator
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    if demo:
        organisasi_demo_load(hari_ini=hari_ini, kabupaten_kode="35.08")


def _katalog():
    from kecamatan.models import JenisBukti, UraianAktivitas

    uraian = list(UraianAktivitas.objects.aktif().filter(jenis__aktif=True).select_related("jenis").order_by("pk"))
    jenis_bukti = list(JenisBukti.objects.aktif().order_by("urutan"))
    return uraian, jenis_bukti


def kegiatan_load(
    *,
    kecamatan_qs,
    tahun_list: list[int],
    per_tahun: int,
    hari_ini: datetime.date,
    seed: int,
    hasil: HasilData,
    desa_link: bool = True,
) -> None:
    """``per_tahun`` kegiatan per kecamatan per year, most carried out with an output and bukti.

    Dates of the current year only run up to ``hari_ini``. Bukti have no file ("tanpa berkas"),
    3 % of them are removed; half the kegiatan name one desa.
    """
    from kecamatan.models import BuktiPendukung, Kegiatan, Seksi
    from wilayah.models import Desa

    rng = random.Random(seed)
    uraian, jenis_bukti = _katalog()
    seksi_by = {}
    for s in Seksi.objects.filter(kecamatan__in=kecamatan_qs).order_by("urutan"):
        seksi_by.setdefault(s.kecamatan_id, []).append(s)
    desa_by = {}
    for pk, kec in Desa.objects.filter(kecamatan__in=kecamatan_qs).values_list("pk", "kecamatan_id"):
        desa_by.setdefault(kec, []).append(pk)
    Through = Kegiatan.desa.through
    now = datetime.datetime.now(datetime.UTC)
    for kec_id in kecamatan_qs.order_by("kode").values_list("pk", flat=True):
        objs = []
        for tahun in tahun_list:
            awal = datetime.date(tahun, 1, 1)
            akhir = min(datetime.date(tahun, 12, 31), hari_ini)
            span = (akhir - awal).days
            for _ in range(per_tahun):
                u = rng.choice(uraian)
                tanggal = awal + datetime.timedelta(days=rng.randint(0, span))
                r = rng.random()
                status = "dilaksanakan" if r < 0.9 else ("rencana" if r < 0.95 else "dibatalkan")
                output, tanggal_output = "", None
                if status == "dilaksanakan" and rng.random() < 0.85:
                    output = rng.choice(OUTPUT)
                    tanggal_output = tanggal + datetime.timedelta(days=rng.randint(0, 30))
                k = Kegiatan(
                    kecamatan_id=kec_id,
                    tanggal=tanggal,
                    seksi=rng.choice(seksi_by[kec_id]) if kec_id in seksi_by else None,
                    keterangan=rng.choice(KETERANGAN),
                    status=status,
                    output=output,
                    tanggal_output=tanggal_output,
                    dibuat_pada=now,
                    diubah_pada=now,
                )
                k.snapshot_katalog(u)
                objs.append(k)
        with transaction.atomic():
            Kegiatan.objects.bulk_create(objs, batch_size=1000)
            bukti, links = [], []
            for k in objs:
                if k.output:
                    n = 1 if rng.random() < 0.85 else 2
                elif rng.random() < 0.1:
                    n = 1  # a bukti without output: still not followed up
                else:
                    n = 0
                for _ in range(n):
                    bukti.append(
                        BuktiPendukung(
                            kegiatan_id=k.pk,
                            jenis=rng.choice(jenis_bukti),
                            nomor=f"{rng.randint(1, 999)}/{k.tanggal.year}",
                            tanggal=k.tanggal_output or k.tanggal,
                            diunggah_pada=now,
                            dihapus_pada=now if rng.random() < 0.03 else None,
                        )
                    )
                if desa_link and kec_id in desa_by and rng.random() < 0.5:
                    links.append(Through(kegiatan_id=k.pk, desa_id=rng.choice(desa_by[kec_id])))
            BuktiPendukung.objects.bulk_create(bukti, batch_size=2000)
            Through.objects.bulk_create(links, batch_size=5000)
        hasil.kegiatan += len(objs)
        hasil.bukti += len(bukti)
        hasil.desa_kegiatan += len(links)


def dokumen_load(*, kecamatan_qs, tahun_list: list[int], hari_ini: datetime.date, seed: int, hasil: HasilData) -> None:
    """Every (document, TA) the measurement years need, per desa: 85 % present, 80 % of those on time."""
    from desa.models import DokumenDesa
    from desa.selectors import iku2_basis
    from desa.tenggat import dokumen_wajib
    from wilayah.models import Desa

    rng = random.Random(seed)
    wajib = sorted({w for t in tahun_list for w in dokumen_wajib(t, iku2_basis())})
    desa_ids = list(
        Desa.objects.filter(kecamatan__in=kecamatan_qs, jenis=Desa.Jenis.DESA)
        .order_by("kode")
        .values_list("pk", flat=True)
    )
    objs = []
    for desa_id in desa_ids:
        for w in wajib:
            if rng.random() >= 0.85:
                continue
            if rng.random() < 0.8:
                tanggal = w.tenggat - datetime.timedelta(days=rng.randint(0, 60))
            else:
                tanggal = w.tenggat + datetime.timedelta(days=rng.randint(1, 90))
            if tanggal > hari_ini:
                continue
            objs.append(
                DokumenDesa(
                    desa_id=desa_id,
                    jenis=w.jenis,
                    tahun_anggaran=w.tahun_anggaran,
                    tanggal=tanggal,
                    nomor=f"{rng.randint(1, 20)}/{w.tahun_anggaran}",
                )
            )
    DokumenDesa.objects.bulk_create(objs, batch_size=5000, ignore_conflicts=True)
    hasil.dokumen_desa += len(objs)


def analyze() -> None:
    """Fresh statistics, as autovacuum would eventually give them, so plans are those of a live database."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def skala_load(
    *, skala: int, hari_ini: datetime.date, tahun_list: list[int], per_tahun: int = 600, seed: int = 7
) -> HasilData:
    from wilayah.models import Desa, Kecamatan

    if skala == 1:
        kode_list = ["35.08"]
    elif skala == 10:
        kode_list = KABUPATEN_S10
    else:
        raise SystemExit("skala harus 1 atau 10")
    hasil = HasilData()
    t = time.perf_counter()
    wilayah_load(kode_list)
    hasil.detik["wilayah"] = time.perf_counter() - t
    kecamatan_qs = Kecamatan.objects.filter(kabupaten__kode__in=kode_list)
    t = time.perf_counter()
    organisasi_load(kecamatan_qs=kecamatan_qs, hari_ini=hari_ini, tahun_list=tahun_list)
    hasil.detik["organisasi"] = time.perf_counter() - t
    log(f"  wilayah dan organisasi: {kecamatan_qs.count()} kecamatan")
    t = time.perf_counter()
    kegiatan_load(
        kecamatan_qs=kecamatan_qs, tahun_list=tahun_list, per_tahun=per_tahun, hari_ini=hari_ini, seed=seed, hasil=hasil
    )
    hasil.detik["kegiatan"] = time.perf_counter() - t
    log(f"  {hasil.kegiatan} kegiatan, {hasil.bukti} bukti dalam {hasil.detik['kegiatan']:.0f} s")
    t = time.perf_counter()
    dokumen_load(kecamatan_qs=kecamatan_qs, tahun_list=tahun_list, hari_ini=hari_ini, seed=seed + 1, hasil=hasil)
    hasil.detik["dokumen"] = time.perf_counter() - t
    analyze()
    hasil.kecamatan = kecamatan_qs.count()
    hasil.desa = Desa.objects.filter(kecamatan__in=kecamatan_qs).count()
    return hasil
