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

import hashlib
import pickle
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from django.core.cache import cache

from wilayah.versi import versi_data_kunci, versi_data_per_kecamatan

T = TypeVar("T")

# Raised whenever the shape of a cached result changes: entries written by older code are ignored.
SKEMA = 2  # 2: HasilIKU1 keeps its lists of kegiatan as `daftar`/`sumber` (loaded on read)
AWALAN = f"iku:{SKEMA}"


def _sidik(*bagian: Hashable) -> str:
    """A short stable digest of the arguments (dates, periods, strings, ids): repr is deterministic for these."""
    return hashlib.blake2b(repr(bagian).encode(), digest_size=16).hexdigest()


def kunci(nama: str, *, versi: str, argumen: tuple) -> str:
    return f"{AWALAN}:{nama}:{_sidik(versi, argumen)}"


def tersimpan(nama: str, *, kecamatan_qs, argumen: tuple, hitung: Callable[[], T], versi: str | None = None) -> T:
    """``hitung()`` for the kecamatan of ``kecamatan_qs``, from the cache while none of them was written.

    ``argumen`` is everything else the result depends on (period, as-of date, basis, …). ``versi`` is
    the set's ``versi_data_kunci`` when the caller already has it (one query fewer).
    """
    if versi is None:
        versi = versi_data_kunci(kecamatan_qs=kecamatan_qs)
    k = kunci(nama, versi=versi, argumen=argumen)
    hasil = cache.get(k, _TIDAK_ADA)
    if hasil is _TIDAK_ADA:
        hasil = hitung()
        cache.set(k, hasil)
    return hasil


_TIDAK_ADA = object()


def iku_per_kabupaten(
    *,
    kecamatan_qs,
    argumen: tuple,
    hitung: Callable[[object], Sequence[list]],
    kode: Callable[[object], str],
) -> list[list]:
    """Results per kecamatan for each of several computations, cached one entry per kabupaten of the set.

    ``hitung(qs)`` computes, for the kecamatan of ``qs``, a sequence of lists (one per period, say) of
    results per kecamatan; ``kode(result)`` is the result's kecamatan code, the order of the merged lists.
    One query reads the members and their versions; the kabupaten found in the cache cost nothing more;
    the others are computed together by one ``hitung`` call on the original queryset narrowed to them.
    """
    anggota: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, kabupaten_id, versi in versi_data_per_kecamatan(kecamatan_qs=kecamatan_qs):
        anggota[kabupaten_id].append((pk, versi))
    if not anggota:
        return list(hitung(kecamatan_qs))
    kunci_kab = {
        kab: kunci("iku-kabupaten", versi=_sidik(sorted(rows)), argumen=(kab, *argumen))
        for kab, rows in anggota.items()
    }
    ada = cache.get_many(list(kunci_kab.values()))
    hilang = [kab for kab, k in kunci_kab.items() if k not in ada]
    bagian = [ada[kunci_kab[kab]] for kab in kunci_kab if kab not in hilang]
    if hilang:
        qs = kecamatan_qs if len(hilang) == len(anggota) else kecamatan_qs.filter(kabupaten_id__in=hilang)
        baru = list(hitung(qs))
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
