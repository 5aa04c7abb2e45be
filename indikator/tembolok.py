"""Computed figures kept in Django's cache under the data versions they were computed from (issue 11.5).

A key names everything a result depends on: the exact kecamatan (ids) with their data versions
(wilayah/versi.py, bumped by every write that can change them), the period(s), the as-of date and the
IKU 2 basis. A write changes a version, so the next read builds a new key and computes afresh: nothing
is ever evicted by hand, and a write is visible at once. Stale entries are never read again and age
out (TIMEOUT, or the local-memory cache's MAX_ENTRIES).

The versions are read before the facts are loaded: a write committed in between yields facts newer
than the key, never older, so no reader is ever served figures older than its key's versions.

The IKU results are kept one entry per kabupaten of the set (``iku_per_kabupaten``): a kabupaten
dashboard is one entry, and a national roll-up reuses the kabupaten entries it finds and computes
only the kabupaten whose data changed, in one load of the facts.
"""

import functools
import hashlib
import logging
import pickle
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from indikator.calculations import tanpa_pengumpul_siklus
from wilayah.versi import versi_data_kunci, versi_data_per_kecamatan

T = TypeVar("T")
log = logging.getLogger(__name__)

# Raised by hand only for a change the fingerprint below cannot see (a dependency's pickled class, say).
SKEMA = 2  # 2: HasilIKU1 keeps its lists of kegiatan as `daftar`/`sumber` (loaded on read)

# The code the entries depend on: the computations and the classes they pickle, the dashboards' views,
# templates and tags. A deploy that changes any of them changes every key's prefix, so neither old
# rendered HTML nor pickles of old classes are read again (they age out).
_KODE_TEMBOLOK = [
    "indikator/tembolok.py",
    "indikator/calculations.py",
    "indikator/iku.py",
    "indikator/fetch.py",
    "indikator/agregat.py",
    "indikator/selectors.py",
    "indikator/models.py",
    "indikator/tujuan.py",
    "indikator/charts.py",
    "indikator/forms.py",
    "indikator/views/dasbor.py",
    "indikator/templatetags",
    "templates/indikator",
    "kecamatan/periode.py",
    "desa/tenggat.py",
    "desa/selectors.py",
    "wilayah/models.py",
]


def sidik_kode(bagian: Iterable[str]) -> str:
    """A fingerprint of the contents of these files and directories (paths relative to BASE_DIR).

    What the report renderings (``indikator.laporan.tugas.sidik_tampilan``) and the cache's prefix
    (``awalan``) are keyed by, so a deploy that changes their code never serves what older code made.
    Compiled bytecode is left out: it differs between processes for the same source.
    """
    dasar = Path(settings.BASE_DIR)
    h = hashlib.sha256()
    for nama in bagian:
        jalur = dasar / nama
        for berkas in sorted(jalur.rglob("*")) if jalur.is_dir() else [jalur]:
            if berkas.is_file() and "__pycache__" not in berkas.parts and berkas.suffix != ".pyc":
                h.update(str(berkas.relative_to(dasar) if berkas.is_relative_to(dasar) else berkas).encode())
                h.update(berkas.read_bytes())
    return h.hexdigest()[:12]


@functools.cache
def awalan() -> str:
    """The prefix of every key: the schema number and the code's fingerprint, computed once per process."""
    return f"iku:{SKEMA}:{sidik_kode(_KODE_TEMBOLOK)}"


def _sidik(*bagian: Hashable) -> str:
    """A short stable digest of the arguments (dates, periods, strings, ids): repr is deterministic for these."""
    return hashlib.blake2b(repr(bagian).encode(), digest_size=16).hexdigest()


def kunci(nama: str, *, versi: str, argumen: tuple) -> str:
    return f"{awalan()}:{nama}:{_sidik(versi, argumen)}"


def baca(k: str, default=None):
    """The entry under ``k``, or ``default`` when there is none or it cannot be read back.

    An entry a process of other code wrote (a rolling deploy, a SKEMA not raised) may no longer unpickle:
    that is a miss to recompute and overwrite, never an error page.
    """
    try:
        return cache.get(k, default)
    except Exception:
        log.warning("Entri tembolok %s tidak terbaca; dihitung ulang", k, exc_info=True)
        return default


def baca_banyak(keys: list[str]) -> dict:
    """``cache.get_many`` where an entry that cannot be read back is missing, not an error."""
    try:
        return cache.get_many(keys)
    except Exception:
        ada = {}
        for k in keys:
            nilai = baca(k, _TIDAK_ADA)
            if nilai is not _TIDAK_ADA:
                ada[k] = nilai
        return ada


def tersimpan(nama: str, *, kecamatan_qs, argumen: tuple, hitung: Callable[[], T], versi: str | None = None) -> T:
    """``hitung()`` for the kecamatan of ``kecamatan_qs``, from the cache while none of them was written.

    ``argumen`` is everything else the result depends on (period, as-of date, basis, …). ``versi`` is
    the set's ``versi_data_kunci`` when the caller already has it (one query fewer).
    """
    if versi is None:
        versi = versi_data_kunci(kecamatan_qs=kecamatan_qs)
    k = kunci(nama, versi=versi, argumen=argumen)
    hasil = baca(k, _TIDAK_ADA)
    if hasil is _TIDAK_ADA:
        hasil = hitung()
        cache.set(k, hasil)
    return hasil


_TIDAK_ADA = object()


def iku_per_kabupaten(
    *,
    kecamatan_qs,
    argumen: tuple,
    hitung: Callable[[object, list[int]], Sequence[list]],
    kode: Callable[[object], str],
) -> list[list]:
    """Results per kecamatan for each of several computations, cached one entry per kabupaten of the set.

    ``hitung(qs, ids)`` computes, for the kecamatan of ``qs`` (whose members are ``ids``, as read with
    their versions), a sequence of lists (one per period, say) of results per kecamatan; ``kode(result)``
    is the result's kecamatan code, the order of the merged lists. One query reads the members and their
    versions; the kabupaten found in the cache cost nothing more; the others are computed together by one
    ``hitung`` call on the original queryset narrowed to them, naming the members read: what is computed
    is exactly what the entries' keys were built from.
    """
    # Reading back, computing and storing a national roll-up builds some 400,000 small objects.
    with tanpa_pengumpul_siklus():
        return _iku_per_kabupaten(kecamatan_qs=kecamatan_qs, argumen=argumen, hitung=hitung, kode=kode)


def _iku_per_kabupaten(*, kecamatan_qs, argumen: tuple, hitung, kode) -> list[list]:
    anggota: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, kabupaten_id, versi in versi_data_per_kecamatan(kecamatan_qs=kecamatan_qs):
        anggota[kabupaten_id].append((pk, versi))
    if not anggota:
        return list(hitung(kecamatan_qs, []))
    kunci_kab = {
        kab: kunci("iku-kabupaten", versi=_sidik(sorted(rows)), argumen=(kab, *argumen))
        for kab, rows in anggota.items()
    }
    ada = baca_banyak(list(kunci_kab.values()))
    hilang = [kab for kab, k in kunci_kab.items() if k not in ada]
    bagian = [ada[kunci_kab[kab]] for kab in kunci_kab if kab not in hilang]
    if hilang:
        qs = kecamatan_qs if len(hilang) == len(anggota) else kecamatan_qs.filter(kabupaten_id__in=hilang)
        baru = list(hitung(qs, [pk for kab in hilang for pk, _ in anggota[kab]]))
        milik = {pk: kab for kab in hilang for pk, _ in anggota[kab]}
        per_kab: dict[int, list[list]] = {kab: [[] for _ in baru] for kab in hilang}
        for i, daftar in enumerate(baru):
            for h in daftar:
                per_kab[milik[_kecamatan_id(h)]][i].append(h)
        cache.set_many({kunci_kab[kab]: per_kab[kab] for kab in hilang})
        bagian += per_kab.values()
    if len(bagian) == 1:
        return bagian[0]
    jumlah = len(bagian[0])
    return [sorted((h for b in bagian for h in b[i]), key=kode) for i in range(jumlah)]


def _kecamatan_id(hasil) -> int:
    return hasil.kecamatan.id


def ukuran(nilai) -> int:
    """Bytes of a value as the cache would store it (for the benchmark's report)."""
    return len(pickle.dumps(nilai, pickle.HIGHEST_PROTOCOL))
