"""Views that answer HTMX with a fragment say so in Vary, and history restore never gets a fragment."""

import pytest
from django.urls import reverse
from django.utils.cache import cc_delim_re

from kecamatan.models import Peran
from wilayah.models import Desa

# (URL name, args, role, HX-Target): every view that swaps its template on HX-Request.
VIEWS_HTMX = [
    ("kecamatan:katalog", [], Peran.STAF, None),
    ("kecamatan:kegiatan-list", [], Peran.KASI, "hasil-kegiatan"),
    ("kecamatan:kegiatan-perlu-tindak-lanjut", [], Peran.KASI, "hasil-kegiatan"),
    ("indikator:dasbor-kecamatan", ["35.08.11"], Peran.PIMPINAN, None),
    ("indikator:dasbor-kabupaten", [], Peran.ADMIN_KABUPATEN, None),
    ("desa:sel", None, Peran.KASI, None),
]


def _vary(response) -> set[str]:
    return {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h.strip()}


@pytest.mark.parametrize(("name", "args", "peran", "target"), VIEWS_HTMX, ids=[v[0] for v in VIEWS_HTMX])
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "page"])
def test_fragment_views_vary_on_hx_request(client_for, make_user, senduro, name, args, peran, target, htmx):
    if args is None:
        args = [Desa.objects.filter(kecamatan=senduro, jenis=Desa.Jenis.DESA).first().pk, "rkpdes", 2027]
    elif args:
        args = [senduro.kode]
    client = client_for(make_user(peran, kecamatan=senduro))
    headers = {"HTTP_HX_REQUEST": "true", **({"HTTP_HX_TARGET": target} if target else {})} if htmx else {}
    response = client.get(reverse(name, args=args), **headers)
    assert response.status_code == 200
    assert {"hx-request", "hx-target"} <= _vary(response)


def test_the_fragment_and_the_page_differ(client_for, make_user, senduro):
    # What the Vary guards against: the same URL answers two bodies.
    client = client_for(make_user(Peran.STAF, kecamatan=senduro))
    page = client.get(reverse("kecamatan:katalog")).content
    fragment = client.get(reverse("kecamatan:katalog"), HTTP_HX_REQUEST="true").content
    assert b"<html" in page and b"<html" not in fragment


def test_history_restore_reloads_the_whole_page(client_for, make_user, senduro):
    # No history snapshot is kept, and a miss reloads the page instead of fetching a fragment.
    page = client_for(make_user(Peran.STAF, kecamatan=senduro)).get(reverse("kecamatan:katalog")).content.decode()
    assert '"historyCacheSize": 0' in page
    assert '"refreshOnHistoryMiss": true' in page
