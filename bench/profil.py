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
    from kecamatan.periode import tahunan
    from wilayah.models import Kecamatan

    hari_ini = timezone.localdate()
    periode = tahunan(hari_ini.year - 1)
    basis = iku2_basis()
    kab = Kecamatan.objects.filter(kabupaten__kode="35.08")

    from django.core.cache import cache

    from indikator.iku import iku_compute_uncached

    for nama, qs in (("kabupaten", kab), ("satu kecamatan", Kecamatan.objects.filter(kode="35.08.12"))):
        anggota = list(qs.values_list("pk", flat=True))
        args_ = {"kecamatan_qs": qs, "periode_list": [periode], "as_of": hari_ini, "basis": basis}
        print(f"Fasa iku_compute, {nama}-tahun (jalur miss tembolok):")
        fakta = fakta_load(**args_, agregat=True, kecamatan_ids=anggota)
        fase(
            "fetch.fakta_load (satu pernyataan, indikator/agregat.py)",
            lambda a=args_, m=anggota: fakta_load(**a, agregat=True, kecamatan_ids=m),
        )
        fase(
            "calculations.hitung (Python murni)",
            lambda f=fakta: hitung(f, periode=periode, as_of=hari_ini, basis=basis),
        )
        fase("iku_compute_uncached", lambda a=args_, m=anggota: iku_compute_uncached(**a, kecamatan_ids=m))
        fase(
            "fetch.fakta_load baris per baris (rujukan)",
            lambda a=args_: fakta_load(**a, agregat=False),
        )

        def dingin(qs=qs):
            cache.clear()
            iku_compute(kecamatan_qs=qs, periode=periode, as_of=hari_ini, basis=basis)

        fase("iku_compute, tembolok kosong", dingin)
        fase(
            "iku_compute, dari tembolok",
            lambda qs=qs: iku_compute(kecamatan_qs=qs, periode=periode, as_of=hari_ini, basis=basis),
        )

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
