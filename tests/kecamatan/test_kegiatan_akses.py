"""Every role against every kegiatan page and action; another kecamatan's ids; CSRF on every POST."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iku_project.kirim_sekali import token_baru
from kecamatan.models import BuktiPendukung, Kegiatan
from tests.kecamatan.contoh import pdf_bytes, upload

SEMUA = [
    "staf",
    "staf_lain",
    "kasi",
    "kasi_trantib",
    "pimpinan",
    "pemeriksa",
    "admin_kabupaten",
    "staf_lumajang",
    "kasi_lumajang",
]


@pytest.fixture
def fakta(orang, senduro, seksi_pemerintahan, make_kegiatan, make_bukti, uraian):
    """A Senduro kegiatan logged by ``staf`` in Seksi Pemerintahan, with one bukti that has a file."""
    kegiatan = make_kegiatan(
        senduro,
        seksi=seksi_pemerintahan,
        dibuat_oleh=orang["staf"],
        tanggal=timezone.localdate() - datetime.timedelta(days=3),
    )
    bukti = make_bukti(kegiatan, berkas=upload("ba.pdf", pdf_bytes()))
    return {"kegiatan": kegiatan, "bukti": bukti, "uraian": uraian}


def _kegiatan_post(fakta, **overrides):
    kegiatan = fakta["kegiatan"]
    data = {
        "uraian": fakta["uraian"].pk,
        "tanggal": kegiatan.tanggal.isoformat(),
        "status": "dilaksanakan",
        "seksi": kegiatan.seksi_id,
        "keterangan": "diubah",
        "versi": kegiatan.versi,
        "token_kirim": token_baru(),
    }
    return data | overrides


def _requests(fakta, jenis_bukti):
    """(name, method, url, data) for every kegiatan page and action."""
    k, b = fakta["kegiatan"], fakta["bukti"]
    hari_ini = timezone.localdate().isoformat()
    return {
        "list": ("get", reverse("kecamatan:kegiatan-list"), None),
        "export": ("get", reverse("kecamatan:kegiatan-list") + "?export=xlsx", None),
        "perlu": ("get", reverse("kecamatan:kegiatan-perlu-tindak-lanjut"), None),
        "create_form": ("get", reverse("kecamatan:kegiatan-create"), None),
        "create": ("post", reverse("kecamatan:kegiatan-create"), _kegiatan_post(fakta)),
        "pilihan": ("get", reverse("kecamatan:kegiatan-pilihan") + "?kategori=fasilitasi", None),
        "detail": ("get", reverse("kecamatan:kegiatan-detail", args=[k.pk]), None),
        "update_form": ("get", reverse("kecamatan:kegiatan-update", args=[k.pk]), None),
        "update": ("post", reverse("kecamatan:kegiatan-update", args=[k.pk]), _kegiatan_post(fakta)),
        "output": (
            "post",
            reverse("kecamatan:kegiatan-output", args=[k.pk]),
            {"output": "BA", "tanggal_output": hari_ini, "versi": k.versi},
        ),
        "bukti_create": (
            "post",
            reverse("kecamatan:bukti-create", args=[k.pk]),
            {
                "jenis": jenis_bukti.pk,
                "nomor": "9",
                "tanggal": hari_ini,
                "berkas": upload("x.pdf", pdf_bytes()),
                "token_kirim": token_baru(),
            },
        ),
        "download": ("get", reverse("kecamatan:bukti-download", args=[k.pk, b.pk]), None),
        "preview": ("get", reverse("kecamatan:bukti-preview", args=[k.pk, b.pk]), None),
        "remove_form": ("get", reverse("kecamatan:bukti-remove", args=[k.pk, b.pk]), None),
        "remove": ("post", reverse("kecamatan:bukti-remove", args=[k.pk, b.pk]), {}),
    }


OK_GET, OK_POST, DENIED, NOT_FOUND = 200, 302, 403, 404
PENULIS = {"staf", "staf_lain", "kasi", "kasi_trantib", "staf_lumajang", "kasi_lumajang"}
PEMBACA_SENDURO = {"staf", "staf_lain", "kasi", "kasi_trantib", "pimpinan", "pemeriksa", "admin_kabupaten"}


def expected(peran: str, action: str) -> int:
    if action in ("list", "export", "perlu"):
        return OK_GET
    if action in ("create_form", "create", "pilihan"):
        if peran not in PENULIS:
            return DENIED
        if action == "create" and peran not in PEMBACA_SENDURO:
            return OK_GET  # the form re-shows: Senduro's seksi is not a choice for Lumajang
        return OK_POST if action == "create" else OK_GET
    if peran not in PEMBACA_SENDURO:
        return NOT_FOUND  # another kecamatan's kegiatan does not exist for Lumajang
    if action in ("detail", "download", "preview"):
        return OK_GET
    boleh = {
        "update_form": {"staf", "kasi"},
        "update": {"staf", "kasi"},
        "output": {"kasi"},
        "bukti_create": {"kasi"},
        "remove_form": {"kasi"},
        "remove": {"kasi"},
    }[action]
    if peran not in boleh:
        return DENIED
    return OK_POST if action in ("update", "output", "bukti_create", "remove") else OK_GET


def _snapshot():
    return (
        list(Kegiatan.objects.order_by("pk").values()),
        list(BuktiPendukung.objects.order_by("pk").values()),
        Kegiatan.history.count(),
        BuktiPendukung.history.count(),
    )


ACTIONS = [
    "list",
    "export",
    "perlu",
    "create_form",
    "create",
    "pilihan",
    "detail",
    "update_form",
    "update",
    "output",
    "bukti_create",
    "download",
    "preview",
    "remove_form",
    "remove",
]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("peran", SEMUA)
def test_role_matrix(client, orang, fakta, jenis_bukti, peran, action):
    method, url, data = _requests(fakta, jenis_bukti)[action]
    client.force_login(orang[peran])
    before = _snapshot()
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code == expected(peran, action), response.content[:300]
    if method == "post" and response.status_code != OK_POST:
        assert _snapshot() == before


def test_anonymous_is_sent_to_login(client, fakta, jenis_bukti):
    for method, url, data in _requests(fakta, jenis_bukti).values():
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/masuk/")


def test_staf_cannot_edit_once_an_output_is_recorded(client_for, orang, fakta):
    kegiatan = fakta["kegiatan"]
    Kegiatan.objects.filter(pk=kegiatan.pk).update(output="BA", tanggal_output=kegiatan.tanggal)
    client = client_for(orang["staf"])
    assert client.get(reverse("kecamatan:kegiatan-update", args=[kegiatan.pk])).status_code == 403
    html = client.get(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])).content.decode()
    assert "Ubah kegiatan" not in html
    assert client_for(orang["kasi"]).get(reverse("kecamatan:kegiatan-update", args=[kegiatan.pk])).status_code == 200


def test_a_locked_kegiatan_says_why_and_links_back(client_for, orang, fakta):
    kegiatan = fakta["kegiatan"]
    assert kegiatan.dibuat_oleh == orang["staf"]
    Kegiatan.objects.filter(pk=kegiatan.pk).update(output="BA", tanggal_output=kegiatan.tanggal)
    for peran, alasan in [
        ("staf", "Kegiatan ini terkunci: kasi sudah mencatat outputnya"),
        ("staf_lain", "Staf hanya dapat mengubah kegiatan yang dicatatnya sendiri"),
        ("kasi_trantib", "Kegiatan ini milik seksi lain"),
        ("pimpinan", "Peran Anda hanya dapat melihat kegiatan"),
    ]:
        response = client_for(orang[peran]).get(reverse("kecamatan:kegiatan-update", args=[kegiatan.pk]))
        html = response.content.decode()
        assert response.status_code == 403 and alasan in html, peran
        assert f'href="{reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])}"' in html
        assert "Kembali ke kegiatan" in html
    html = client_for(orang["staf"]).get(reverse("kecamatan:kegiatan-update", args=[kegiatan.pk])).content.decode()
    assert "Hanya kasi seksinya yang dapat mengubahnya".lower() in html.lower()


def test_lists_and_exports_never_show_another_kecamatan(client_for, orang, fakta, lumajang, make_kegiatan):
    milik_lumajang = make_kegiatan(lumajang, keterangan="Kegiatan Lumajang")
    client = client_for(orang["kasi_lumajang"])
    for url in (reverse("kecamatan:kegiatan-list"), reverse("kecamatan:kegiatan-perlu-tindak-lanjut")):
        response = client.get(url)
        assert [k.pk for k in response.context["halaman"]] == [milik_lumajang.pk]
        # A kecamatan filter naming Senduro cannot widen the scope.
        response = client.get(url, {"kecamatan": fakta["kegiatan"].kecamatan_id})
        assert fakta["kegiatan"].pk not in [k.pk for k in response.context["halaman"]]
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(client.get(reverse("kecamatan:kegiatan-list") + "?export=xlsx").content)).active
    texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "Kegiatan Lumajang" in texts
    assert "Rapat di balai desa" not in texts  # Senduro's keterangan


def test_kabupaten_roles_see_every_kecamatan_of_their_kabupaten(client_for, orang, fakta, lumajang, make_kegiatan):
    milik_lumajang = make_kegiatan(lumajang)
    for peran in ("pemeriksa", "admin_kabupaten"):
        response = client_for(orang[peran]).get(reverse("kecamatan:kegiatan-list"))
        assert {k.pk for k in response.context["halaman"]} == {fakta["kegiatan"].pk, milik_lumajang.pk}
        narrowed = client_for(orang[peran]).get(reverse("kecamatan:kegiatan-list"), {"kecamatan": lumajang.pk})
        assert [k.pk for k in narrowed.context["halaman"]] == [milik_lumajang.pk]


def test_bukti_of_another_kegiatan_id_pair_is_404(client_for, orang, fakta, lumajang, make_kegiatan):
    """A Lumajang kegiatan id combined with a Senduro bukti id must not reach the file."""
    milik_lumajang = make_kegiatan(lumajang)
    client = client_for(orang["kasi_lumajang"])
    for name in ("kecamatan:bukti-download", "kecamatan:bukti-preview", "kecamatan:bukti-remove"):
        assert client.get(reverse(name, args=[milik_lumajang.pk, fakta["bukti"].pk])).status_code == 404
    assert (
        client.post(reverse("kecamatan:bukti-remove", args=[milik_lumajang.pk, fakta["bukti"].pk])).status_code == 404
    )
    fakta["bukti"].refresh_from_db()
    assert fakta["bukti"].dihapus_pada is None


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_csrf_is_enforced_on_every_post(orang, fakta, jenis_bukti):
    requests = _requests(fakta, jenis_bukti)
    client = _csrf_client(orang["kasi"])
    before = _snapshot()
    posts = [name for name, (method, _, _) in requests.items() if method == "post"]
    assert posts == ["create", "update", "output", "bukti_create", "remove"]
    for name in posts:
        _, url, data = requests[name]
        response = client.post(url, data)
        assert response.status_code == 403, name
        assert b"CSRF" in response.content
    assert _snapshot() == before


def test_csrf_token_from_the_page_lets_the_post_through(orang, fakta):
    client = _csrf_client(orang["kasi"])
    kegiatan = fakta["kegiatan"]
    page = client.get(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk]))
    token = page.context["csrf_token"]
    response = client.post(
        reverse("kecamatan:kegiatan-output", args=[kegiatan.pk]),
        {"output": "BA", "tanggal_output": kegiatan.tanggal.isoformat(), "versi": 1, "csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 302
    kegiatan.refresh_from_db()
    assert kegiatan.output == "BA"


def _fill(kecamatan, make_kegiatan, make_bukti, seksi, count):
    desa = list(kecamatan.desa.all())
    for index in range(count):
        kegiatan = make_kegiatan(
            kecamatan,
            seksi=seksi,
            tanggal=datetime.date(2026, 1, 1) + datetime.timedelta(days=index),
            output="BA",
            tanggal_output=datetime.date(2026, 6, 1),
            desa=desa[: 1 + index % len(desa)],
        )
        make_bukti(kegiatan)


@pytest.mark.parametrize("url_name", ["kecamatan:kegiatan-list", "kecamatan:kegiatan-perlu-tindak-lanjut"])
def test_list_query_count_does_not_grow_with_rows(
    client_for, orang, senduro, make_kegiatan, make_bukti, seksi_pemerintahan, django_assert_max_num_queries, url_name
):
    client = client_for(orang["pimpinan"])
    url = reverse(url_name)
    params = {"tindak_lanjut": "ya"} if url_name == "kecamatan:kegiatan-list" else {}
    counts = []
    for total in (5, 50):
        _fill(senduro, make_kegiatan, make_bukti, seksi_pemerintahan, total - Kegiatan.objects.count())
        if url_name == "kecamatan:kegiatan-perlu-tindak-lanjut":
            BuktiPendukung.objects.update(dihapus_pada=timezone.now())
        client.get(url, params)  # warm the session and content-type caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.context["halaman"].paginator.count == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get(url, params)
