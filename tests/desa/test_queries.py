"""The matrix loads desa and documents in a fixed number of queries, whatever the number of desa."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desa.models import DokumenDesa, PengajuanDokumenDesa
from kecamatan.models import Peran
from wilayah.models import Desa, Kecamatan

# 8 to build the page (one of them the waiting submissions), 1 for the bell's unread count, 2 for the
# session that is saved on every request (idle timeout), and one spare; the real check is that 3 and
# 30 desa cost the same.
MAX_QUERIES = 12


def _kecamatan(kabupaten, kode, jumlah_desa):
    kecamatan = Kecamatan.objects.create(kode=kode, nama=f"Uji {jumlah_desa}", kabupaten=kabupaten)
    for i in range(jumlah_desa):
        desa = Desa.objects.create(kode=f"{kode}.{2001 + i}", nama=f"Desa {i}", kecamatan=kecamatan)
        for jenis, ta in [("rkpdes", 2027), ("apbdes", 2027), ("lppdes", 2025)]:
            DokumenDesa.objects.create(desa=desa, jenis=jenis, tahun_anggaran=ta, tanggal=datetime.date(2026, 3, 1))
        # A waiting submission per desa (docs/DESIGN.md §2.7): listed apart, still no query per row.
        PengajuanDokumenDesa.objects.create(
            desa=desa, jenis="lppdes", tahun_anggaran=2025, tanggal=datetime.date(2026, 3, 1), berkas="x.pdf",
            diajukan_oleh=get_user_model().objects.get_or_create(username="operator-uji")[0],
        )  # fmt: skip
    Desa.objects.create(kode=f"{kode}.1001", nama="Kelurahan", kecamatan=kecamatan)
    return kecamatan


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"tahun": 2026})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("export", [False, True])
def test_matrix_queries_do_not_grow_with_desa(
    client_for, make_user, kabupaten, hari_ini, django_assert_max_num_queries, export
):
    kecil = _kecamatan(kabupaten, "35.08.01", 3)
    besar = _kecamatan(kabupaten, "35.08.02", 30)
    client = client_for(make_user(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten))
    suffix = "?export=xlsx" if export else ""
    url_kecil = f"/desa/dokumen/kecamatan/{kecil.kode}/{suffix}"
    url_besar = f"/desa/dokumen/kecamatan/{besar.kode}/{suffix}"
    client.get(url_kecil)  # warm the session and the user caches
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url_kecil, {"tahun": 2026})
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url_besar, {"tahun": 2026})
    assert _count(client, url_kecil) == _count(client, url_besar)


def test_tenggat_queries_do_not_grow_with_desa(client_for, make_user, kabupaten, hari_ini):
    kecil = _kecamatan(kabupaten, "35.08.01", 3)
    besar = _kecamatan(kabupaten, "35.08.02", 30)
    client = client_for(make_user(Peran.PEMERIKSA, kabupaten=kabupaten))
    assert _count(client, f"/desa/tenggat/kecamatan/{kecil.kode}/") == _count(
        client, f"/desa/tenggat/kecamatan/{besar.kode}/"
    )


def test_htmx_cell_save_queries_do_not_grow_with_desa(client_for, make_user, kabupaten, hari_ini):
    counts = []
    for kode, jumlah in [("35.08.01", 3), ("35.08.02", 30)]:
        kecamatan = _kecamatan(kabupaten, kode, jumlah)
        client = client_for(make_user(Peran.KASI, kecamatan=kecamatan))
        desa = Desa.objects.filter(kecamatan=kecamatan).desa_saja().first()
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                f"/desa/dokumen/sel/{desa.pk}/rkpdes/2027/",
                {"tahun": 2026, "tanggal": "2026-09-30"},
                headers={"HX-Request": "true"},
            )
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
