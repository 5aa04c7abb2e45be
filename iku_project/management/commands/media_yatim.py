"""Uploaded files that no row of the database refers to: list them, or move them aside.

After a restore, files uploaded after the backup are still in MEDIA_ROOT although the
restored database knows nothing of them (scripts/restore.sh moves them aside). A file
a historical record still names is kept: the history may be shown or restored.
"""

import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import models


def berkas_dirujuk() -> set[str]:
    """Every stored name in a FileField, or in the column a history table keeps for one."""
    nama = set()
    for model in apps.get_models():
        asal = getattr(model, "instance_type", None)  # simple-history: the tracked model
        sumber = asal if asal is not None else model
        for field in sumber._meta.concrete_fields:
            if isinstance(field, models.FileField):
                nilai = model._default_manager.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
                nama.update(nilai.values_list(field.name, flat=True).iterator())
    return nama


def berkas_yatim(media_root: Path) -> list[Path]:
    dirujuk = berkas_dirujuk()
    return sorted(
        path
        for path in media_root.rglob("*")
        if path.is_file() and path.relative_to(media_root).as_posix() not in dirujuk
    )


class Command(BaseCommand):
    help = "Daftar (atau pindahkan) berkas unggahan di MEDIA_ROOT yang tidak dirujuk basis data."

    def add_arguments(self, parser):
        parser.add_argument("--pindahkan-ke", metavar="DIR", help="pindahkan berkas yatim ke folder ini")

    def handle(self, *args, pindahkan_ke=None, **options):
        if settings.STORAGE_BACKEND != "local":
            raise CommandError("Hanya untuk STORAGE_BACKEND=local; berkas di S3 dipulihkan lewat versi bucket.")
        media_root = Path(settings.MEDIA_ROOT).resolve()
        if not media_root.is_dir():
            self.stdout.write(f"{media_root} tidak ada: tidak ada berkas yatim.")
            return
        yatim = berkas_yatim(media_root)
        if pindahkan_ke is None:
            for path in yatim:
                self.stdout.write(path.relative_to(media_root).as_posix())
            self.stdout.write(f"{len(yatim)} berkas yatim (tidak dipindahkan).")
            return
        tujuan = Path(pindahkan_ke).resolve()
        if tujuan == media_root or media_root in tujuan.parents:
            raise CommandError("Folder tujuan tidak boleh berada di dalam MEDIA_ROOT.")
        for path in yatim:
            target = tujuan / path.relative_to(media_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
        self.stdout.write(f"{len(yatim)} berkas yatim dipindahkan ke {tujuan}.")
