"""The Dokumen IKU page showed the seeds' internal file names as the document's source; existing
rows get the readable names the seed data now carries. Rows an admin has edited since are left alone."""

from django.db import migrations

LAMA_KE_BARU = {
    "IKU Kecamatan Senduro (seeds/000_d7c39b7e68d15e18.txt)": (
        "Dokumen IKU Kecamatan Senduro yang ditandatangani Camat Senduro (tanpa tanggal)"
    ),
    "IKU Perubahan Kecamatan Lumajang, 17 Oktober 2023 (seeds/001_edbc5473f07bf135.txt)": (
        "Dokumen IKU Perubahan Kecamatan Lumajang tanggal 17 Oktober 2023, ditandatangani Camat Lumajang"
    ),
}


def terbaca(apps, schema_editor):
    DokumenIKU = apps.get_model("indikator", "DokumenIKU")
    for lama, baru in LAMA_KE_BARU.items():
        DokumenIKU.objects.filter(sumber=lama).update(sumber=baru)


def kembali(apps, schema_editor):
    DokumenIKU = apps.get_model("indikator", "DokumenIKU")
    for lama, baru in LAMA_KE_BARU.items():
        DokumenIKU.objects.filter(sumber=baru).update(sumber=lama)


class Migration(migrations.Migration):
    dependencies = [("indikator", "0004_dokumen_iku_susunan")]

    operations = [migrations.RunPython(terbaca, kembali)]
