"""Writes for the SKM: one transaction each, the rule checked here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from skm.models import JUMLAH_UNSUR, JenisLayanan, Responden
from skm.selectors import kuesioner_berlaku


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
    return responden
