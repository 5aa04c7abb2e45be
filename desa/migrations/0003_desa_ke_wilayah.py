# Desa moves to the wilayah app (wilayah 0001): the documents point at wilayah.Desa, then this app
# forgets its own Desa. State only: the table desa_desa and its rows stay until wilayah 0002
# renames it. Kegiatan.desa must have left desa.Desa first (kecamatan 0007).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("desa", "0002_historicaldokumendesa_dokumendesa"),
        ("kecamatan", "0007_relasi_ke_wilayah"),
        ("wilayah", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="dokumendesa",
                    name="desa",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="dokumen", to="wilayah.desa"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicaldokumendesa",
                    name="desa",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wilayah.desa",
                    ),
                ),
                migrations.DeleteModel(name="Desa"),
            ],
            database_operations=[],
        ),
    ]
