# Provinsi, Kabupaten and Kecamatan (from kecamatan) and Desa (from desa) move into this app.
#
# State only: the tables already exist (kecamatan 0001, desa 0001) and keep their rows. Django's
# documented way of moving a model between apps: this migration declares the models here on the
# old tables; the apps that point at them re-point their foreign keys in state (kecamatan 0007,
# desa 0003, indikator 0006, skm 0005); kecamatan 0008 and desa 0003 then forget the old models;
# wilayah 0002 finally renames the tables to wilayah_*. See docs/adr/0001-app-wilayah.md.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("kecamatan", "0001_initial"),
        ("desa", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Provinsi",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kode", models.CharField(max_length=2, unique=True, verbose_name="kode")),
                        ("nama", models.CharField(max_length=100, verbose_name="nama")),
                    ],
                    options={
                        "verbose_name": "provinsi",
                        "verbose_name_plural": "provinsi",
                        "ordering": ["kode"],
                        "db_table": "kecamatan_provinsi",
                    },
                ),
                migrations.CreateModel(
                    name="Kabupaten",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kode", models.CharField(max_length=5, unique=True, verbose_name="kode")),
                        ("nama", models.CharField(max_length=100, verbose_name="nama")),
                        (
                            "provinsi",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="kabupaten",
                                to="wilayah.provinsi",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kabupaten/kota",
                        "verbose_name_plural": "kabupaten/kota",
                        "ordering": ["kode"],
                        "db_table": "kecamatan_kabupaten",
                    },
                ),
                migrations.CreateModel(
                    name="Kecamatan",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kode", models.CharField(max_length=8, unique=True, verbose_name="kode")),
                        ("nama", models.CharField(max_length=100, verbose_name="nama")),
                        ("tugas", models.TextField(blank=True, verbose_name="tugas")),
                        (
                            "fungsi",
                            models.TextField(
                                blank=True,
                                help_text="Satu fungsi per baris, berurutan (akan diberi huruf a, b, c…).",
                                verbose_name="fungsi",
                            ),
                        ),
                        (
                            "tempat_penandatanganan",
                            models.CharField(
                                blank=True,
                                help_text="Nama tempat pada blok tanda tangan; kosong berarti nama kecamatan.",
                                max_length=100,
                                verbose_name="tempat penandatanganan",
                            ),
                        ),
                        (
                            "kabupaten",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="kecamatan",
                                to="wilayah.kabupaten",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kecamatan",
                        "verbose_name_plural": "kecamatan",
                        "ordering": ["kode"],
                        "db_table": "kecamatan_kecamatan",
                    },
                ),
                migrations.CreateModel(
                    name="Desa",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kode", models.CharField(max_length=13, unique=True, verbose_name="kode")),
                        ("nama", models.CharField(max_length=100, verbose_name="nama")),
                        (
                            "jenis",
                            models.CharField(
                                choices=[("desa", "Desa"), ("kelurahan", "Kelurahan")],
                                editable=False,
                                max_length=10,
                                verbose_name="jenis",
                            ),
                        ),
                        (
                            "kecamatan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="desa",
                                to="wilayah.kecamatan",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "desa/kelurahan",
                        "verbose_name_plural": "desa/kelurahan",
                        "ordering": ["kode"],
                        "db_table": "desa_desa",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
