# The moved models get this app's table names (the final models need no db_table), and their
# content types follow them, so admin log entries and any permission granted on them stay attached.
#
# The foreign keys of other tables follow a rename by themselves: PostgreSQL keeps them by table
# oid, SQLite (3.26+, legacy_alter_table off, as Django sets it) rewrites them in place.

from django.db import migrations

# model -> the app it came from
ASAL = {"provinsi": "kecamatan", "kabupaten": "kecamatan", "kecamatan": "kecamatan", "desa": "desa"}


def _jenis_konten_pindah(apps, schema_editor, *, ke_wilayah):
    ContentType = apps.get_model("contenttypes", "ContentType")
    rows = ContentType.objects.using(schema_editor.connection.alias)
    for model, app_lama in ASAL.items():
        dari, ke = (app_lama, "wilayah") if ke_wilayah else ("wilayah", app_lama)
        # A fresh database has no content types yet (post_migrate makes them afterwards); a row
        # already under the new label is kept, and the old one left for remove_stale_contenttypes.
        if not rows.filter(app_label=ke, model=model).exists():
            rows.filter(app_label=dari, model=model).update(app_label=ke)


def maju(apps, schema_editor):
    _jenis_konten_pindah(apps, schema_editor, ke_wilayah=True)


def mundur(apps, schema_editor):
    _jenis_konten_pindah(apps, schema_editor, ke_wilayah=False)


class Migration(migrations.Migration):

    dependencies = [
        ("wilayah", "0001_initial"),
        # The old models are gone from every app's state before their tables change name.
        ("kecamatan", "0008_wilayah_dipindah"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="provinsi", table=None),
        migrations.AlterModelTable(name="kabupaten", table=None),
        migrations.AlterModelTable(name="kecamatan", table=None),
        migrations.AlterModelTable(name="desa", table=None),
        migrations.RunPython(maju, mundur),
    ]
