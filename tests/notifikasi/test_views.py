"""The bell, the list, mark as read (HTMX and plain) and the email preference."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kecamatan.models import Peran
from notifikasi.models import Notifikasi, PreferensiNotifikasi
from notifikasi.services import email_aktif


@pytest.fixture
def kasi(make_user, senduro):
    return make_user(Peran.KASI, kecamatan=senduro)


def _buat(user, n=1, awal=0):
    return [
        Notifikasi.objects.create(
            penerima=user, jenis="pengingat", kunci=f"uji:{i}", judul=f"Pengingat {i}", isi="Isi", url="/desa/tenggat/"
        )
        for i in range(awal, awal + n)
    ]


def test_the_bell_shows_the_unread_count_in_one_query(client_for, kasi):
    _buat(kasi, 3)
    client = client_for(kasi)
    page = client.get("/notifikasi/").content.decode()
    assert 'data-belum-dibaca="3"' in page
    with CaptureQueriesContext(connection) as ctx:
        client.get("/notifikasi/pengaturan/")
    assert sum("notifikasi_notifikasi" in q["sql"] for q in ctx.captured_queries) == 1
    _buat(kasi, 30, awal=3)  # many more: still one query for the count
    with CaptureQueriesContext(connection) as ctx:
        client.get("/notifikasi/pengaturan/")
    assert sum("notifikasi_notifikasi" in q["sql"] for q in ctx.captured_queries) == 1


def test_mark_as_read_by_htmx_swaps_the_row_and_the_bell(client_for, kasi):
    (n,) = _buat(kasi)
    response = client_for(kasi).post(f"/notifikasi/{n.pk}/baca/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-dibaca="ya"' in html and 'hx-swap-oob="true"' in html
    assert "data-belum-dibaca" not in html
    n.refresh_from_db()
    assert n.dibaca_pada is not None


def test_mark_as_read_without_javascript_goes_on_to_the_page(client_for, kasi):
    (n,) = _buat(kasi)
    client = client_for(kasi)
    response = client.post(f"/notifikasi/{n.pk}/baca/", {"lanjut": "/desa/tenggat/"})
    assert response.status_code == 302 and response.url == "/desa/tenggat/"
    (m,) = Notifikasi.objects.filter(pk=n.pk)
    assert m.dibaca_pada is not None
    # An address outside the site is not followed.
    lain = Notifikasi.objects.create(penerima=kasi, jenis="pengingat", kunci="x", judul="x", isi="x")
    response = client.post(f"/notifikasi/{lain.pk}/baca/", {"lanjut": "https://jahat.example/"})
    assert response.url == "/notifikasi/"


def test_another_users_notification_is_404_and_get_is_refused(client_for, kasi, make_user, senduro):
    (n,) = _buat(kasi)
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    assert client.post(f"/notifikasi/{n.pk}/baca/").status_code == 404
    assert "Pengingat 0" not in client.get("/notifikasi/").content.decode()
    assert client_for(kasi).get(f"/notifikasi/{n.pk}/baca/").status_code == 405
    n.refresh_from_db()
    assert n.dibaca_pada is None


def test_mark_all_as_read(client_for, kasi):
    _buat(kasi, 3)
    client_for(kasi).post("/notifikasi/baca-semua/")
    assert not Notifikasi.objects.filter(dibaca_pada__isnull=True).exists()


def test_a_user_switches_email_off_and_on(client_for, kasi):
    client = client_for(kasi)
    assert email_aktif(user=kasi)
    assert "checked" in client.get("/notifikasi/pengaturan/").content.decode()
    client.post("/notifikasi/pengaturan/", {})
    assert not email_aktif(user=kasi) and PreferensiNotifikasi.objects.get(user=kasi).email_aktif is False
    client.post("/notifikasi/pengaturan/", {"email_aktif": "on"})
    assert email_aktif(user=kasi)


def test_the_operator_reaches_its_notifications(client_for, make_user, senduro):
    from wilayah.models import Desa

    operator = make_user(Peran.OPERATOR_DESA, desa=Desa.objects.filter(kecamatan=senduro).first())
    _buat(operator)
    client = client_for(operator)
    assert client.get("/notifikasi/").status_code == 200
    assert client.get("/notifikasi/pengaturan/").status_code == 200
