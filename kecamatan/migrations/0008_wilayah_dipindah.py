# Provinsi, Kabupaten and Kecamatan now belong to the wilayah app (wilayah 0001): kecamatan forgets
# them. State only: the tables and their rows stay, renamed by wilayah 0002. Every foreign key that
# pointed at them must have moved first, hence the dependencies on desa, indikator and skm: the old
# models may not vanish from the state while a field still names them.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("kecamatan", "0007_relasi_ke_wilayah"),
        ("desa", "0003_desa_ke_wilayah"),
        ("indikator", "0006_relasi_ke_wilayah"),
        ("skm", "0005_relasi_ke_wilayah"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Kecamatan"),
                migrations.DeleteModel(name="Kabupaten"),
                migrations.DeleteModel(name="Provinsi"),
            ],
            database_operations=[],
        ),
    ]
