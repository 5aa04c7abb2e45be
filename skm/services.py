"""Writes for the SKM: one transaction each, the rule checked here."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kecamatan import akses
from skm.models import JUMLAH_UNSUR, JenisLayanan, RencanaTindakLanjut, Responden, Unsur
from skm.selectors import kuesioner_berlaku
from wilayah.versi import versi_data_naikkan


@transaction.atomic
def responden_create(
    *,
    kecamatan,
    jenis_layanan: JenisLayanan,
    tanggal: datetime.date,
    usia: int,
    jenis_kelamin: str,
    pendidikan: str,
    pekerjaan: str,
    nilai: tuple[int, ...],
    saran: str = "",
    sumber: str = Responden.Sumber.DARING,
    hari_ini: datetime.date,
) -> Responden:
    """Record one questionnaire, against the questionnaire version in force on its date."""
    if jenis_layanan.kecamatan_id != kecamatan.pk:
        raise ValidationError({"jenis_layanan": "Jenis layanan ini bukan layanan kecamatan ini."})
    if tanggal > hari_ini:
        raise ValidationError({"tanggal": "Tanggal survei tidak boleh setelah hari ini."})
    if len(nilai) != JUMLAH_UNSUR or any(v not in (1, 2, 3, 4) for v in nilai):
        raise ValidationError("Setiap unsur harus dijawab dengan nilai 1 sampai 4.")
    kuesioner = kuesioner_berlaku(tanggal)
    if kuesioner is None:
        raise ValidationError({"tanggal": "Belum ada kuesioner yang berlaku pada tanggal ini."})
    responden = Responden(
        kecamatan=kecamatan,
        kuesioner=kuesioner,
        jenis_layanan=jenis_layanan,
        tanggal=tanggal,
        usia=usia,
        jenis_kelamin=jenis_kelamin,
        pendidikan=pendidikan,
        pekerjaan=pekerjaan,
        saran=saran.strip(),
        sumber=sumber,
        **{f"u{i}": v for i, v in enumerate(nilai, start=1)},
    )
    responden.full_clean()
    responden.save()
    versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
    return responden


@transaction.atomic
def rencana_tindak_lanjut_save(
    *,
    user,
    kecamatan,
    mulai: datetime.date,
    selesai: datetime.date,
    unsur_kode: str,
    rencana: str,
    penanggung_jawab: str,
    target_waktu: str,
):
    """The kasi writes (or rewrites) the plan for one weak unsur of a period of their own kecamatan."""
    if not akses.boleh_tulis_rtl(user, kecamatan):
        raise PermissionDenied("Rencana tindak lanjut SKM ditulis oleh kasi kecamatan ini.")
    if selesai < mulai:
        raise ValidationError("Tanggal akhir periode tidak boleh sebelum tanggal awalnya.")
    unsur = Unsur.objects.filter(kode=unsur_kode).first()
    if unsur is None:
        raise ValidationError({"unsur": "Unsur tidak dikenal."})
    rtl, _ = RencanaTindakLanjut.objects.update_or_create(
        kecamatan=kecamatan,
        periode_mulai=mulai,
        periode_selesai=selesai,
        unsur=unsur,
        defaults={
            "rencana": rencana.strip(),
            "penanggung_jawab": penanggung_jawab.strip(),
            "target_waktu": target_waktu.strip(),
            "ditulis_oleh": user,
        },
    )
    rtl.full_clean()
    # The plan is printed in the SKM report of the period.
    versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
    return rtl
