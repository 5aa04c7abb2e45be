"""DokumenDesa takes the house's column names (those of BuktiPendukung): berkas, diubah_oleh, diubah_pada.

Renames only, so the rows, the stored file names and the history stay as they are.
"""

from django.db import migrations

GANTI_NAMA = [
    ("scan", "berkas"),
    ("scan_nama", "nama_berkas_asli"),
    ("scan_content_type", "content_type"),
    ("scan_ukuran", "ukuran"),
    ("updated_by", "diubah_oleh"),
    ("updated_at", "diubah_pada"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("desa", "0003_desa_ke_wilayah"),
    ]

    operations = [
        migrations.RenameField(model_name=model, old_name=lama, new_name=baru)
        for model in ("dokumendesa", "historicaldokumendesa")
        for lama, baru in GANTI_NAMA
    ]
