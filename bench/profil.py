"""Where the time goes: cProfile of iku_compute (kabupaten-year) and of both dashboards.

Against a database kept by ``bench/run.py --simpan``, e.g.
    DEBUG=1 ALLOWED_HOSTS=testserver DATABASE_URL=postgres://postgres@127.0.0.1:5432/iku_bench_s1 \
        .venv/bin/python bench/profil.py [--n 25]
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(BASE), str(BASE / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iku_project.settings")


def profil(label: str, fn, n: int, repeat: int = 5) -> None:
    fn()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(repeat):
        fn()
    prof.disable()
    for sort in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats(sort)
        stats.print_stats(n)
        print(f"\n===== {label}: {repeat} runs, sorted by {sort}")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:8000])


def fase(label: str, fn, repeat: int = 5) -> float:
    fn()
    t = time.perf_counter()
    for _ in range(repeat):
        fn()
    ms = (time.perf_counter() - t) / repeat * 1000
    print(f"{label:60} {ms:8.1f} ms")
    return ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=25)
    args = parser.parse_args()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from desa.selectors import iku2_basis
    from indikator.calculations import hitung
    from indikator.fetch import fakta_load
    from indikator.iku import iku_compute
    from kecamatan.models import Kegiatan
    from kecamatan.periode import tahunan
    from wilayah.models import Kecamatan

    hari_ini = timezone.localdate()
    periode = tahunan(hari_ini.year - 1)
    basis = iku2_basis()
    kab = Kecamatan.objects.filter(kabupaten__kode="35.08")

    print("Fasa iku_compute, kabupaten-tahun:")
    fakta = fakta_load(kecamatan_qs=kab, periode_list=[periode], as_of=hari_ini, basis=basis)
    fase(
        "fetch.fakta_load (5 query + dataclasses)",
        lambda: fakta_load(kecamatan_qs=kab, periode_list=[periode], as_of=hari_ini, basis=basis),
    )
    fase(
        "  kueri kegiatan saja, values_list mentah",
        lambda: list(
            Kegiatan.objects.filter(
                kecamatan__in=kab,
                status="dilaksanakan",
                tanggal__gte=periode.mulai,
                tanggal__lte=min(periode.selesai, hari_ini),
            ).values_list("id", "kecamatan_id", "kategori", "tanggal", "status", "output", "tanggal_output")
        ),
    )
    from django.db.models import Count, Q

    fase(
        "  kueri kegiatan + Count(bukti) (seperti fetch)",
        lambda: list(
            Kegiatan.objects.filter(
                kecamatan__in=kab,
                status="dilaksanakan",
                tanggal__gte=periode.mulai,
                tanggal__lte=min(periode.selesai, hari_ini),
            )
            .annotate(n=Count("bukti", filter=Q(bukti__dihapus_pada__isnull=True)))
            .values_list("id", "kecamatan_id", "kategori", "tanggal", "status", "output", "tanggal_output", "n")
        ),
    )
    fase("calculations.hitung (Python murni)", lambda: hitung(fakta, periode=periode, as_of=hari_ini, basis=basis))
    fase("iku_compute total", lambda: iku_compute(kecamatan_qs=kab, periode=periode, as_of=hari_ini, basis=basis))

    profil(
        "iku_compute kabupaten",
        lambda: iku_compute(kecamatan_qs=kab, periode=periode, as_of=hari_ini, basis=basis),
        args.n,
    )
    User = get_user_model()
    for username, url in (("senduro.staf", "/"), ("admin.kabupaten", "/dasbor/kabupaten/")):
        c = Client()
        c.force_login(User.objects.get(username=username))
        profil(f"GET {url} ({username})", lambda c=c, url=url: c.get(url), args.n)


if __name__ == "__main__":
    main()
