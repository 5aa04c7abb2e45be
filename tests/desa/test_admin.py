import datetime

from kecamatan.models import Peran
from wilayah.models import Desa


def test_admin_lists_only_the_users_kecamatan(client_for, make_user, senduro, lumajang, make_dokumen):
    make_dokumen(Desa.objects.get(kode="35.08.12.2001"), "rkpdes", 2027, datetime.date(2026, 9, 1), nomor="SENDURO-1")
    make_dokumen(Desa.objects.get(kode="35.08.10.2001"), "rkpdes", 2027, datetime.date(2026, 9, 1), nomor="LUMAJANG-1")
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    html = client.get("/admin/desa/dokumendesa/").content.decode()
    assert "SENDURO-1" in html and "LUMAJANG-1" not in html
    # The desa pages are the only writer (through desa.services): the admin reads.
    assert client.get("/admin/desa/dokumendesa/add/").status_code == 403


def test_kasi_has_no_admin_and_admin_kabupaten_only_reads(client_for, make_user, senduro):
    assert client_for(make_user(Peran.KASI, kecamatan=senduro)).get("/admin/desa/dokumendesa/").status_code == 302
    admin = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro))
    assert admin.get("/admin/desa/dokumendesa/").status_code == 200
    assert admin.get("/admin/desa/dokumendesa/add/").status_code == 403
