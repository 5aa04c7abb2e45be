"""Fetch-and-check of the desa app's objects: fetched through the user's scope, so another's answers 404.

``untuk`` names what the caller is about to do; a fetch allowed for reading but not for that
action answers 403 (the object is in scope, the role may not act on it).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from desa.models import PengajuanDokumenDesa
from kecamatan import akses

BACA, PUTUS = "baca", "putus"


def access_pengajuan_by_id(user, pengajuan_id: int, *, untuk: str = BACA) -> PengajuanDokumenDesa:
    """A submission of the user's scope (a desa operator: its own desa's); ``untuk=PUTUS`` to accept or return it."""
    if untuk not in (BACA, PUTUS):
        raise ValueError(f"untuk tidak dikenal: {untuk!r}")
    pengajuan = get_object_or_404(
        PengajuanDokumenDesa.objects.for_user(user).select_related("desa__kecamatan", "diajukan_oleh"),
        pk=pengajuan_id,
    )
    if untuk == PUTUS and not akses.boleh_putus_pengajuan(user, pengajuan.desa.kecamatan_id):
        raise PermissionDenied("Hanya kasi dan pimpinan kecamatan desa ini yang memeriksa pengajuannya.")
    return pengajuan
