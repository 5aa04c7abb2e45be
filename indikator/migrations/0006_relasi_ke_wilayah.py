# The kecamatan of the IKU documents, targets, tujuan values and report approvals is now
# wilayah.Kecamatan (wilayah 0001). State only: the columns already reference the same table.

import django.db.models.deletion
from django.db import migrations, models


def _kecamatan(on_delete, related_name):
    return models.ForeignKey(on_delete=on_delete, related_name=related_name, to="wilayah.kecamatan")


def _kecamatan_riwayat():
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="wilayah.kecamatan",
    )


class Migration(migrations.Migration):

    dependencies = [
        ("indikator", "0005_sumber_dokumen_iku_terbaca"),
        ("wilayah", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="dokumeniku",
                    name="kecamatan",
                    field=_kecamatan(django.db.models.deletion.PROTECT, "dokumen_iku"),
                ),
                migrations.AlterField(
                    model_name="targetiku",
                    name="kecamatan",
                    field=_kecamatan(django.db.models.deletion.CASCADE, "target_iku"),
                ),
                migrations.AlterField(
                    model_name="nilaiindikatortujuan",
                    name="kecamatan",
                    field=_kecamatan(django.db.models.deletion.CASCADE, "nilai_indikator_tujuan"),
                ),
                migrations.AlterField(
                    model_name="pengesahanlaporan",
                    name="kecamatan",
                    field=_kecamatan(django.db.models.deletion.PROTECT, "pengesahan_laporan"),
                ),
                migrations.AlterField(
                    model_name="historicaldokumeniku", name="kecamatan", field=_kecamatan_riwayat()
                ),
                migrations.AlterField(model_name="historicaltargetiku", name="kecamatan", field=_kecamatan_riwayat()),
                migrations.AlterField(
                    model_name="historicalnilaiindikatortujuan", name="kecamatan", field=_kecamatan_riwayat()
                ),
            ],
            database_operations=[],
        ),
    ]
