"""Fetch-and-check of notifications: a user reaches only their own; anyone else's answers 404."""

from django.shortcuts import get_object_or_404

from notifikasi.models import Notifikasi

BACA, TANDAI = "baca", "tandai"


def access_notifikasi_by_id(user, notifikasi_id: int, *, untuk: str = BACA) -> Notifikasi:
    """The notification, if it is ``user``'s own (reading and marking need the same: being its recipient)."""
    if untuk not in (BACA, TANDAI):
        raise ValueError(f"untuk tidak dikenal: {untuk!r}")
    return get_object_or_404(Notifikasi, pk=notifikasi_id, penerima=user)
