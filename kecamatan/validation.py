"""The rules a kegiatan's facts must satisfy, in one place for the pages, the services and the import.

``kegiatan_validate`` judges facts already parsed (a date is a date, the uraian a
row of the catalogue): reading a form or a spreadsheet cell stays with its caller.
Errors are keyed by the model's field names; each caller shows them where its
user looks (the form field, or the sheet/row/column of the import).

A key absent from ``data`` is not being written (or could not be read): the
rules that need it are skipped, or read it from ``tersimpan``, the kegiatan as
stored. So an update that leaves the output alone is not judged on it, and an
unreadable cell is reported once, by the reader, not again here.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError

from kecamatan.models import Kegiatan

_KOSONG = object()

PESAN_URAIAN_PENSIUN = "Uraian aktivitas ini sudah dipensiunkan dan tidak bisa dipilih lagi."
PESAN_SEKSI_LUAR = "Seksi harus milik kecamatan ini."
PESAN_DESA_LUAR = "Desa/kelurahan harus berada di kecamatan ini."
PESAN_DILAKSANAKAN_DEPAN = "Kegiatan yang sudah dilaksanakan tidak boleh bertanggal setelah hari ini."
PESAN_OUTPUT_TANPA_TANGGAL = "Output diisi tanpa Tanggal Output: isi keduanya, atau kosongkan keduanya."
PESAN_TANGGAL_TANPA_OUTPUT = "Tanggal Output diisi tanpa Output: isi keduanya, atau kosongkan keduanya."
PESAN_OUTPUT_BELUM_DILAKSANAKAN = "Output hanya dapat dicatat untuk kegiatan berstatus dilaksanakan."
PESAN_STATUS_ADA_OUTPUT = "Kegiatan yang sudah memiliki output harus berstatus dilaksanakan."
PESAN_OUTPUT_SEBELUM = "Tanggal output tidak boleh sebelum tanggal kegiatan."
PESAN_OUTPUT_DEPAN = "Tanggal output tidak boleh setelah hari ini."


def _nilai(data: Mapping, tersimpan: Kegiatan | None, nama: str):
    """The value being written, else the stored one, else ``_KOSONG`` (unknown: skip the rule)."""
    if nama in data:
        return data[nama]
    if tersimpan is not None:
        return getattr(tersimpan, nama)
    return _KOSONG


def _cek_katalog(data: Mapping, *, kecamatan, riwayat: bool, galat) -> None:
    uraian = data.get("uraian")
    # An import of past kegiatan (``riwayat``) keeps entries retired since; the pages may not pick them.
    if uraian is not None and not riwayat and not (uraian.aktif and uraian.jenis.aktif):
        galat("uraian", PESAN_URAIAN_PENSIUN)
    seksi = data.get("seksi")
    if seksi is not None and seksi.kecamatan_id != kecamatan.pk:
        galat("seksi", PESAN_SEKSI_LUAR)
    if any(item.kecamatan_id != kecamatan.pk for item in data.get("desa") or ()):
        galat("desa", PESAN_DESA_LUAR)


def _cek_status(data: Mapping, tersimpan, *, today, galat) -> None:
    tanggal, status = _nilai(data, tersimpan, "tanggal"), _nilai(data, tersimpan, "status")
    ditulis = ("tanggal" in data or "status" in data) and today is not None
    if ditulis and status == Kegiatan.Status.DILAKSANAKAN and tanggal not in (_KOSONG, None) and tanggal > today:
        galat("tanggal", PESAN_DILAKSANAKAN_DEPAN)
    output = _nilai(data, tersimpan, "output")
    if status in (_KOSONG, None, Kegiatan.Status.DILAKSANAKAN) or output is _KOSONG or not (output or "").strip():
        return
    if "output" in data:
        galat("output", PESAN_OUTPUT_BELUM_DILAKSANAKAN)
    elif "status" in data:
        galat("status", PESAN_STATUS_ADA_OUTPUT)


def _cek_output(data: Mapping, tersimpan, *, today, galat) -> None:
    if "output" in data and "tanggal_output" in data:
        ada_output, ada_tanggal = bool(data["output"]), data["tanggal_output"] is not None
        if ada_output and not ada_tanggal:
            galat("tanggal_output", PESAN_OUTPUT_TANPA_TANGGAL)
        if ada_tanggal and not ada_output:
            galat("output", PESAN_TANGGAL_TANPA_OUTPUT)
    tanggal_output = data.get("tanggal_output")
    if tanggal_output is None:
        return
    tanggal = _nilai(data, tersimpan, "tanggal")
    if tanggal not in (_KOSONG, None) and tanggal_output < tanggal:
        galat("tanggal_output", PESAN_OUTPUT_SEBELUM)
    if today is not None and tanggal_output > today:
        galat("tanggal_output", PESAN_OUTPUT_DEPAN)


def kegiatan_validate(
    *,
    kecamatan,
    data: Mapping,
    today: datetime.date | None,
    tersimpan: Kegiatan | None = None,
    riwayat: bool = False,
) -> dict:
    """Check the facts being written; return them (output stripped) or raise a field-keyed ValidationError.

    ``data`` may hold ``uraian``, ``tanggal``, ``status``, ``seksi``, ``desa``, ``output`` and
    ``tanggal_output``; every error found is raised at once, so the import reports a row whole.
    ``today=None`` leaves the rules about today to a later caller that knows the date (a form
    whose view passes its clock to the service).
    """
    cleaned = dict(data)
    if "output" in cleaned:
        cleaned["output"] = (cleaned["output"] or "").strip()
    errors: dict[str, list[str]] = {}

    def galat(field: str, pesan: str) -> None:
        errors.setdefault(field, []).append(pesan)

    _cek_katalog(cleaned, kecamatan=kecamatan, riwayat=riwayat, galat=galat)
    _cek_status(cleaned, tersimpan, today=today, galat=galat)
    _cek_output(cleaned, tersimpan, today=today, galat=galat)
    if errors:
        raise ValidationError(errors)
    return cleaned
