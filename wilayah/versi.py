"""The data version of each kecamatan: what cached figures and stored renderings are keyed by.

Every service that writes something a kecamatan's figures or reports are computed from (its kegiatan,
bukti pendukung, desa and desa documents, targets, SKM answers, IKU document) calls
``versi_data_naikkan`` inside its transaction. A reader builds its cache key with ``versi_data_kunci``
in one query; any write to any kecamatan of the set changes the key, so a cached result is never
served after the data it was computed from has changed.

A counter per kecamatan rather than one per kabupaten or for the whole country: writes in different
kecamatan never wait for the same row.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Max, Sum

from wilayah.models import Kecamatan


def versi_data_naikkan(*, kecamatan_ids: Iterable[int]) -> None:
    """Bump the data version of these kecamatan (call inside the writing transaction)."""
    ids = sorted({i for i in kecamatan_ids if i is not None})
    if not ids:
        return
    if len(ids) > 1 and transaction.get_connection().in_atomic_block:
        # An UPDATE ... IN locks rows in whatever order the plan visits them; taking the locks in id
        # order first means two transactions bumping overlapping sets cannot deadlock.
        list(Kecamatan.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    Kecamatan.objects.filter(pk__in=ids).update(versi_data=F("versi_data") + 1)


def _kunci_semua_urut_id() -> None:
    """Lock every kecamatan row in id order (inside a transaction).

    A bare UPDATE of the whole table locks rows in whatever order the plan visits them; a writer bumping
    several kecamatan (``versi_data_naikkan``) locks them in id order. Taking this UPDATE's locks in the
    same order first means the two can only wait for each other, never deadlock (PostgreSQL).
    """
    list(Kecamatan.objects.select_for_update().order_by("pk").values_list("pk", flat=True))


def versi_data_naikkan_semua() -> None:
    """Bump every kecamatan at once (a catalogue or questionnaire change alters how all of them count).

    One UPDATE, not one per kecamatan: the catalogue is shared by the whole installation.
    """
    with transaction.atomic():
        _kunci_semua_urut_id()
        Kecamatan.objects.update(versi_data=F("versi_data") + 1)


def versi_data_lompati(*, detik_epoch: int) -> None:
    """After a database restore: move every version past any value it held before.

    A restore brings back the versions of the backup's day, while a shared cache (Redis) still holds
    entries made under the later versions; the next writes would count up to those numbers again and
    be answered with figures of data that no longer exists. Adding the seconds since 1970 (far more
    than the bumps of any span between a backup and its restore) puts every kecamatan above every
    number it ever had, so no old entry can be reached again.
    """
    with transaction.atomic():
        _kunci_semua_urut_id()
        Kecamatan.objects.update(versi_data=F("versi_data") + detik_epoch)


def versi_data_kunci(*, kecamatan_qs) -> str:
    """A short key that changes whenever any kecamatan of the set is written or the set changes.

    Each bump adds one to exactly one counter, so the sum changes with every write; the count, the
    sum of the ids and the largest id catch a kecamatan added to or removed from the set (two sets
    alike in all three would have to swap members of equal id sums at the same versions).
    """
    agregat = kecamatan_qs.order_by().aggregate(
        n=Count("pk"), jumlah=Sum("versi_data"), id_jumlah=Sum("pk"), id_maks=Max("pk")
    )
    return f"{agregat['n']}.{agregat['jumlah'] or 0}.{agregat['id_jumlah'] or 0}.{agregat['id_maks'] or 0}"


def versi_data_per_kecamatan(*, kecamatan_qs) -> list[tuple[int, int, int]]:
    """(kecamatan id, kabupaten id, data version) of every kecamatan of the set, in one query.

    What a cache that keeps one entry per kabupaten builds its keys from: the exact members and
    their versions, so a write in one kabupaten never evicts another's entry.
    """
    return list(kecamatan_qs.order_by().values_list("pk", "kabupaten_id", "versi_data"))
