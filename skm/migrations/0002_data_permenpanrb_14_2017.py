"""The nine unsur, questionnaire version 1 in the regulation's wording, and the mutu bands."""

import datetime
from decimal import Decimal

from django.db import migrations

from skm.data.permenpanrb_14_2017 import INTERVAL_MUTU, PERTANYAAN, UNSUR


def isi(apps, schema_editor):
    Unsur = apps.get_model("skm", "Unsur")
    Kuesioner = apps.get_model("skm", "Kuesioner")
    Pertanyaan = apps.get_model("skm", "Pertanyaan")
    IntervalMutu = apps.get_model("skm", "IntervalMutu")
    unsur = {}
    for urutan, (kode, nama) in enumerate(UNSUR, start=1):
        unsur[kode], _ = Unsur.objects.get_or_create(kode=kode, defaults={"nama": nama, "urutan": urutan})
    kuesioner, _ = Kuesioner.objects.get_or_create(
        versi=1,
        defaults={"berlaku_mulai": datetime.date(2017, 1, 1), "keterangan": "Contoh kuesioner PermenPANRB 14/2017"},
    )
    for kode, teks, jawaban in PERTANYAAN:
        Pertanyaan.objects.get_or_create(
            kuesioner=kuesioner,
            unsur=unsur[kode],
            defaults={"teks": teks, **{f"jawaban_{i}": j for i, j in enumerate(jawaban, start=1)}},
        )
    for mutu, kinerja, bawah, atas in INTERVAL_MUTU:
        IntervalMutu.objects.get_or_create(
            mutu=mutu, defaults={"kinerja": kinerja, "batas_bawah": Decimal(bawah), "batas_atas": Decimal(atas)}
        )


class Migration(migrations.Migration):
    dependencies = [("skm", "0001_initial")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
