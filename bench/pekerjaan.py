"""Job latency, request to download, of the Laporan Capaian PDF (issue 11.7): python bench/pekerjaan.py [--runs 3]

On the data of bench/pdf.py (Kecamatan Lumajang with 1,000 kegiatan, var/bench/pdf.sqlite3), with the real
worker (`manage.py pekerjaan_worker`, the database queue) in its own process: the report link is requested
through django.test.Client, the status page polled every 0.1 s until the job is done, and the file
downloaded. Cold: the data version is bumped first, so the rendering is new; warm: the same request again,
answered from the finished job (the rendered-report cache). The queue overhead is the latency minus the
worker's own time on the job (its start to its end). ``--json PATH`` writes the figures.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
VAR = BASE / "var" / "bench"


SASARAN_HANGAT_S = 1.0
SASARAN_PDF_S = 5.0
SASARAN_ANTREAN_S = 1.0


def _pekerja(env) -> subprocess.Popen:
    cmd = [sys.executable, "manage.py", "pekerjaan_worker", "--interval", "0.2", "--verbosity", "0"]
    return subprocess.Popen(cmd, cwd=BASE, env=env)  # noqa: S603 - our own command


def _unduh(client, url, query) -> tuple[float, int, object]:
    """Seconds from the request to the downloaded file, its size, and the job."""
    from pekerjaan.models import Pekerjaan

    t = time.perf_counter()
    r = client.get(url, query)
    lokasi = r["Location"]
    if not lokasi.endswith("/unduh/"):
        while True:
            status = client.get(lokasi, headers={"HX-Request": "true"})
            if 'data-status="selesai"' in status.content.decode():
                break
            if 'data-status="gagal"' in status.content.decode():
                raise SystemExit(f"pekerjaan gagal: {status.content.decode()[:500]}")
            time.sleep(0.1)
        lokasi = f"{lokasi}unduh/"
    berkas = b"".join(client.get(lokasi).streaming_content)
    detik = time.perf_counter() - t
    assert berkas.startswith(b"%PDF-")
    pekerjaan = Pekerjaan.objects.filter(pk=lokasi.split("/")[2]).first()
    return detik, len(berkas), pekerjaan


def ukur(runs: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from pdf import data_siap

    from wilayah.versi import versi_data_naikkan

    hari_ini = timezone.localdate()
    tahun = hari_ini.year - 1
    kecamatan = data_siap(hari_ini, tahun)
    User = get_user_model()
    user = User.objects.filter(username="bench.pekerjaan").first() or User.objects.create_superuser(
        "bench.pekerjaan", password=None
    )
    client = Client()
    client.force_login(user)
    url, query = f"/laporan/kecamatan/{kecamatan.kode}/capaian.pdf", {"tahun": str(tahun)}
    pekerja = _pekerja(dict(os.environ))
    try:
        time.sleep(3)  # the worker process starts (Django set-up) before the first request
        dingin, hangat = [], []
        for _ in range(runs):
            versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
            detik, ukuran, pekerjaan = _unduh(client, url, query)
            kerja = (pekerjaan.selesai - pekerjaan.mulai).total_seconds()
            ambil = (pekerjaan.mulai - pekerjaan.dibuat).total_seconds()
            dingin.append({"detik": detik, "kerja": kerja, "antrean": detik - kerja, "ambil": ambil, "bytes": ukuran})
            hangat.append(_unduh(client, url, query)[0])
    finally:
        pekerja.terminate()
        pekerja.wait(timeout=60)
    return {
        "kegiatan": kecamatan.kegiatan.filter(tanggal__year=tahun).count(),
        "dingin_s": statistics.median(d["detik"] for d in dingin),
        "kerja_s": statistics.median(d["kerja"] for d in dingin),
        "antrean_s": statistics.median(d["antrean"] for d in dingin),
        "ambil_s": statistics.median(d["ambil"] for d in dingin),
        "hangat_s": statistics.median(hangat),
        "runs": runs,
        "dingin": dingin,
        "hangat": hangat,
    }


def baris(h: dict) -> list[str]:
    """The lines `make bench` prints: cold and warm latency beside their goals."""

    def tanda(ok):
        return "LULUS" if ok else "GAGAL"

    cold_goal = SASARAN_PDF_S + SASARAN_ANTREAN_S
    return [
        f"Pekerjaan Laporan Capaian PDF ({h['kegiatan']} kegiatan), permintaan → unduhan, median {h['runs']}×:",
        f"  dingin {h['dingin_s']:.2f} s (pekerja {h['kerja_s']:.2f} s + antrean {h['antrean_s']:.2f} s, "
        f"di antaranya {h['ambil_s']:.2f} s sampai pekerja mengambilnya); "
        f"sasaran ≤{cold_goal:.0f} s: {tanda(h['dingin_s'] <= cold_goal)}; "
        f"antrean ≤{SASARAN_ANTREAN_S:.0f} s: {tanda(h['antrean_s'] <= SASARAN_ANTREAN_S)}",
        f"  hangat (hasil tersimpan) {h['hangat_s']:.3f} s; sasaran ≤{SASARAN_HANGAT_S:.0f} s: "
        f"{tanda(h['hangat_s'] <= SASARAN_HANGAT_S)}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    sys.path[:0] = [str(BASE), str(BASE / "bench")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iku_project.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("MEDIA_ROOT", str(VAR / "media-pekerjaan"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR / 'pdf.sqlite3'}")
    hasil = ukur(args.runs)
    print("\n".join(baris(hasil)))
    if args.json:
        Path(args.json).write_text(json.dumps(hasil, indent=2))


if __name__ == "__main__":
    main()
