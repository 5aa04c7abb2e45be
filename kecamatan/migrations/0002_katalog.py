"""Load the fasilitasi catalogue (data/katalog.json) so that a bare migrate gives it."""

from django.db import migrations


def load(apps, schema_editor):
    from kecamatan.katalog_data import load_katalog

    load_katalog(
        jenis_kegiatan_model=apps.get_model("kecamatan", "JenisKegiatan"),
        uraian_model=apps.get_model("kecamatan", "UraianAktivitas"),
        jenis_bukti_model=apps.get_model("kecamatan", "JenisBukti"),
    )


class Migration(migrations.Migration):
    dependencies = [("kecamatan", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
