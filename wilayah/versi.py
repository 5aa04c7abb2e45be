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

from django.db.models import Count, F, Max, Sum

from wilayah.models import Kecamatan


def versi_data_naikkan(*, kecamatan_ids: Iterable[int]) -> None:
    """Bump the data version of these kecamatan (call inside the writing transaction)."""
    ids = sorted({i for i in kecamatan_ids if i is not None})
    if ids:
        # Sorted ids: two transactions bumping overlapping sets lock the rows in the same order.
        Kecamatan.objects.filter(pk__in=ids).update(versi_data=F("versi_data") + 1)


def versi_data_kunci(*, kecamatan_qs) -> str:
    """A short key that changes whenever any kecamatan of the set is written or the set changes.

    Each bump adds one to exactly one counter, so the sum changes with every write; the count and
    the largest id catch a kecamatan added to or removed from the set.
    """
    agregat = kecamatan_qs.order_by().aggregate(n=Count("pk"), jumlah=Sum("versi_data"), id_maks=Max("pk"))
    return f"{agregat['n']}.{agregat['jumlah'] or 0}.{agregat['id_maks'] or 0}"
