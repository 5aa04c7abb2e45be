"""Uploads kept for a moment in the private storage: a checked workbook waiting for its import job.

Each user has a folder per purpose; a file is named by an unguessable token, never by a path the client
wrote, so a token is useless to anyone else. The storage is the bukti's (``default_storage``): never
served directly, only read back by the job that owns the token.
"""

import re
import secrets

from django.core.files.storage import default_storage

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _path(*, folder: str, user, token: str) -> str | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return f"{folder}/{user.pk}/{token}.xlsx"


def berkas_sementara_simpan(*, folder: str, user, file, ganti: bool = True) -> str:
    """Keep ``file`` in the user's ``folder``; returns its token. ``ganti``: the user's other files there go."""
    if ganti:
        berkas_sementara_hapus_semua(folder=folder, user=user)
    token = secrets.token_urlsafe(24)
    file.seek(0)
    default_storage.save(_path(folder=folder, user=user, token=token), file)
    return token


def berkas_sementara_ada(*, folder: str, user, token: str) -> bool:
    path = _path(folder=folder, user=user, token=token)
    return path is not None and default_storage.exists(path)


def berkas_sementara_buka(*, folder: str, user, token: str):
    """The kept file of ``token`` for ``user``, or ``None`` (unknown, another user's, already removed)."""
    if not berkas_sementara_ada(folder=folder, user=user, token=token):
        return None
    return default_storage.open(_path(folder=folder, user=user, token=token), "rb")


def berkas_sementara_hapus(*, folder: str, user, token: str) -> None:
    path = _path(folder=folder, user=user, token=token)
    if path is not None:
        default_storage.delete(path)


def berkas_sementara_hapus_semua(*, folder: str, user) -> None:
    try:
        _, files = default_storage.listdir(f"{folder}/{user.pk}")
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        default_storage.delete(f"{folder}/{user.pk}/{name}")
