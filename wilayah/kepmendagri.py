"""Reading the shipped Kepmendagri region codes."""

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

WILAYAH_CSV = Path(__file__).resolve().parent / "data" / "wilayah_indonesia.csv.gz"

TINGKAT_BY_PARTS = {1: "provinsi", 2: "kabupaten", 3: "kecamatan", 4: "desa"}


@dataclass(frozen=True)
class BarisWilayah:
    kode: str
    nama: str
    tingkat: str


class KodeWilayahTidakDikenal(ValueError):
    pass


def tingkat_kode(kode: str) -> str:
    parts = kode.split(".")
    if len(parts) not in (1, 2, 3) or not all(p.isdigit() and len(p) == 2 for p in parts):
        raise KodeWilayahTidakDikenal(
            f"Kode wilayah {kode!r} tidak sah: gunakan kode provinsi (35), kabupaten (35.08) atau kecamatan (35.08.12)."
        )
    return TINGKAT_BY_PARTS[len(parts)]


def rows_under(kode: str, path: Path = WILAYAH_CSV) -> list[BarisWilayah]:
    """The region ``kode``, its ancestors, and everything below it, in file order."""
    tingkat_kode(kode)
    parts = kode.split(".")
    ancestors = {".".join(parts[:i]) for i in range(1, len(parts))}
    prefix = kode + "."
    found = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["kode"]
            if code == kode or code.startswith(prefix) or code in ancestors:
                found.append(BarisWilayah(kode=code, nama=row["nama"].strip(), tingkat=row["tingkat"]))
    if not any(row.kode == kode for row in found):
        raise KodeWilayahTidakDikenal(f"Kode wilayah {kode} tidak ditemukan dalam data Kepmendagri.")
    return found
