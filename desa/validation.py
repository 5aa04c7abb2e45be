"""The rules a desa document's facts must satisfy, in one place for the pages, the services and the import.

Like ``kecamatan.validation``: facts already parsed, errors keyed by the model's
field names, ``None`` for a fact not known (not given, or unreadable) whose rules
are then skipped. Who may write, and whether the document already exists, stay
with the service.
"""

import datetime

from django.core.exceptions import ValidationError

from desa.models import DokumenDesa, pesan_kelurahan
from wilayah.models import Desa

TAHUN_ANGGARAN_MIN, TAHUN_ANGGARAN_MAX = 2015, 2100
# A penetapan or penyampaian this many years away from its TA is a typo in the year.
SELISIH_TAHUN_WAJAR = 2


def _pesan_depan(jenis: str | None) -> str:
    ket = "penyampaian" if jenis == DokumenDesa.Jenis.LPPDES else "penetapan"
    return f"Tanggal {ket} tidak boleh setelah hari ini."


def dokumen_desa_validate(
    *,
    desa: Desa | None,
    jenis: str | None,
    tahun_anggaran: int | None,
    tanggal: datetime.date | None,
    today: datetime.date | None,
) -> None:
    """Raise a field-keyed ValidationError naming every broken rule; ``today=None`` skips the date rule."""
    errors: dict[str, list[str]] = {}
    if desa is not None and desa.is_kelurahan:
        errors.setdefault("desa", []).append(pesan_kelurahan(desa))
    if tahun_anggaran is not None and not TAHUN_ANGGARAN_MIN <= tahun_anggaran <= TAHUN_ANGGARAN_MAX:
        errors.setdefault("tahun_anggaran", []).append(
            f"Tahun anggaran harus antara {TAHUN_ANGGARAN_MIN} dan {TAHUN_ANGGARAN_MAX}."
        )
    elif None not in (tanggal, tahun_anggaran) and abs(tanggal.year - tahun_anggaran) > SELISIH_TAHUN_WAJAR:
        errors.setdefault("tanggal", []).append(
            f"Tanggal tidak wajar untuk tahun anggaran {tahun_anggaran}: periksa tahunnya."
        )
    # A future date would sit in the matrix as "belum ada" and turn "tepat waktu" by itself on that day, unseen.
    if tanggal is not None and today is not None and tanggal > today:
        errors.setdefault("tanggal", []).append(_pesan_depan(jenis))
    if errors:
        raise ValidationError(errors)
