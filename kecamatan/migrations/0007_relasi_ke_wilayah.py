# The foreign keys of kecamatan's models now point at the wilayah models (wilayah 0001).
# State only: the columns and their constraints already reference the same tables.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("kecamatan", "0006_sertifikat_pejabat"),
        ("wilayah", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="keanggotaan",
                    name="kabupaten",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Untuk admin kabupaten dan pemeriksa.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="anggota",
                        to="wilayah.kabupaten",
                    ),
                ),
                migrations.AlterField(
                    model_name="keanggotaan",
                    name="kecamatan",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Untuk staf, kasi dan pimpinan.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="anggota",
                        to="wilayah.kecamatan",
                    ),
                ),
                migrations.AlterField(
                    model_name="seksi",
                    name="kecamatan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="seksi", to="wilayah.kecamatan"
                    ),
                ),
                migrations.AlterField(
                    model_name="pejabat",
                    name="kecamatan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="pejabat", to="wilayah.kecamatan"
                    ),
                ),
                migrations.AlterField(
                    model_name="kegiatan",
                    name="kecamatan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="kegiatan", to="wilayah.kecamatan"
                    ),
                ),
                # The through table kecamatan_kegiatan_desa is named after Kegiatan, and its desa_id
                # column after the model name Desa: neither changes.
                migrations.AlterField(
                    model_name="kegiatan",
                    name="desa",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="kegiatan",
                        to="wilayah.desa",
                        verbose_name="desa/kelurahan yang terlibat",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalkegiatan",
                    name="kecamatan",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wilayah.kecamatan",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalkegiatan_desa",
                    name="desa",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wilayah.desa",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
