"""The notifikasi app's access function (docs/DESIGN.md §3.4): a user reaches only their own
notifications; anyone else's, like a missing one, answers the same 404."""

from kecamatan.akses import Akses, ambil_dalam_lingkup
from notifikasi.models import Notifikasi


def access_notifikasi_by_id(user, notifikasi_id, *, untuk=Akses.BACA) -> Notifikasi:
    """The notification, if it is ``user``'s own; ``Akses.UBAH`` (marking it read) needs nothing more."""
    if untuk not in (Akses.BACA, Akses.UBAH):
        raise ValueError(f"Akses {untuk!r} tidak dikenal di sini.")
    return ambil_dalam_lingkup(
        Notifikasi.objects.filter(penerima=user), pesan="Notifikasi tidak ditemukan.", pk=notifikasi_id
    )
