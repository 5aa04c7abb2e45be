"""Writes of the indikator app. Keyword-only, one transaction each."""

import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction

from indikator.models import BarisIKU, DokumenIKU, NilaiIndikatorTujuan, TargetIKU
from kecamatan.akses import boleh_atur_target_kecamatan
from kecamatan.models import Pejabat
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_naikkan

SEED_PATH = Path(__file__).resolve().parent / "data" / "dokumen_iku.json"


@cache
def _seed() -> dict:
    with SEED_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _dokumen_from_seed(kecamatan: Kecamatan, spec: dict) -> DokumenIKU:
    penandatangan = None
    if spec.get("penandatangan"):
        p = spec["penandatangan"]
        penandatangan, _ = Pejabat.objects.get_or_create(
            kecamatan=kecamatan,
            nip=p["nip"],
            jabatan=p["jabatan"],
            defaults={"nama": p["nama"], "status": p["status"]},
        )
    dokumen = DokumenIKU.objects.create(
        kecamatan=kecamatan,
        jenis=spec["jenis"],
        tahun_berlaku=spec["tahun_berlaku"],
        tanggal=datetime.date.fromisoformat(spec["tanggal"]) if spec["tanggal"] else None,
        tempat=spec["tempat"],
        tugas=spec["tugas"],
        fungsi=spec["fungsi"],
        tujuan=spec["tujuan"],
        indikator_tujuan=spec["indikator_tujuan"],
        sumber=spec["sumber"],
        letak_penjelasan=spec.get("letak_penjelasan", DokumenIKU.LetakPenjelasan.LAMPIRAN),
        judul_penandatangan=spec.get("judul_penandatangan", ""),
        penandatangan=penandatangan,
    )
    baris = spec["baris"] if spec["baris"] != "templat" else _seed()["templat"]["baris"]
    BarisIKU.objects.bulk_create(BarisIKU(dokumen=dokumen, **row) for row in baris)
    return dokumen


@transaction.atomic
def dokumen_iku_prepare(*, kecamatan_list) -> int:
    """Give every kecamatan without an IKU document its starting one.

    Senduro and Lumajang get the documents transcribed from the seeds, with
    their signatories; every other kecamatan the two standard indicators.
    Kecamatan that already have a document are left alone, so running the
    import again never touches what an admin edited. Returns how many were made.
    """
    kecamatan_list = list(kecamatan_list)
    has_document = set(DokumenIKU.objects.filter(kecamatan__in=kecamatan_list).values_list("kecamatan_id", flat=True))
    seed = _seed()
    made = 0
    for kecamatan in kecamatan_list:
        if kecamatan.pk in has_document:
            continue
        spec = seed["kecamatan"].get(kecamatan.kode, seed["templat"])
        _dokumen_from_seed(kecamatan, spec)
        if not kecamatan.tugas and not kecamatan.fungsi:
            kecamatan.tugas, kecamatan.fungsi = spec["tugas"], spec["fungsi"]
            kecamatan.save(update_fields=["tugas", "fungsi"])
        versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
        made += 1
    return made


@transaction.atomic
def target_iku_set(*, user, kecamatan, tahun: int, target: dict[str, Decimal | None]) -> None:
    """Set (or clear, with ``None``) each indicator's target for ``tahun``; pimpinan of the kecamatan only."""
    _require_pimpinan(user, kecamatan)
    for indikator, nilai in target.items():
        if nilai is None:
            TargetIKU.objects.filter(kecamatan=kecamatan, indikator=indikator, tahun=tahun).delete()
            continue
        obj = TargetIKU.objects.filter(kecamatan=kecamatan, indikator=indikator, tahun=tahun).first()
        obj = obj or TargetIKU(kecamatan=kecamatan, indikator=indikator, tahun=tahun)
        obj.target = nilai
        obj._history_user = user
        obj.full_clean()
        obj.save()
    versi_data_naikkan(kecamatan_ids=[kecamatan.pk])


@transaction.atomic
def nilai_tujuan_set(*, user, kecamatan, tahun: int, nilai, keterangan: str = "") -> None:
    _require_pimpinan(user, kecamatan)
    versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
    if nilai is None:
        NilaiIndikatorTujuan.objects.filter(kecamatan=kecamatan, tahun=tahun).delete()
        return
    obj = NilaiIndikatorTujuan.objects.filter(kecamatan=kecamatan, tahun=tahun).first()
    obj = obj or NilaiIndikatorTujuan(kecamatan=kecamatan, tahun=tahun)
    obj.nilai, obj.keterangan, obj.diisi_oleh = nilai, keterangan, user
    obj._history_user = user
    obj.full_clean()
    obj.save()


def _require_pimpinan(user, kecamatan) -> None:
    if not boleh_atur_target_kecamatan(user, kecamatan):
        raise PermissionDenied("Hanya pimpinan kecamatan ini yang boleh menetapkan target dan nilai indikator tujuan.")
