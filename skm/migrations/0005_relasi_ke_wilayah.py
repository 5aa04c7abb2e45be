# The kecamatan of the SKM models is now wilayah.Kecamatan (wilayah 0001).
# State only: the columns already reference the same table.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("skm", "0004_rencana_tindak_lanjut"),
        ("wilayah", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="jenislayanan",
                    name="kecamatan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="jenis_layanan_skm",
                        to="wilayah.kecamatan",
                    ),
                ),
                migrations.AlterField(
                    model_name="penggunalayanan",
                    name="kecamatan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pengguna_layanan_skm",
                        to="wilayah.kecamatan",
                    ),
                ),
                migrations.AlterField(
                    model_name="responden",
                    name="kecamatan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="responden_skm", to="wilayah.kecamatan"
                    ),
                ),
                migrations.AlterField(
                    model_name="rencanatindaklanjut",
                    name="kecamatan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="rtl_skm", to="wilayah.kecamatan"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
