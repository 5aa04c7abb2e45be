"""The matrix, the cell editor and the deadlines page: roles, tenancy and statuses on the page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from desa.models import DokumenDesa
from desa.services import dokumen_desa_create
from kecamatan.models import Peran
from tests.desa.conftest import PDF_BYTES
from wilayah.models import Desa

D = datetime.date
MATRIKS = "/desa/dokumen/"


def sel_url(desa, jenis="rkpdes", tahun_anggaran=2027):
    return reverse("desa:sel", args=[desa.pk, jenis, tahun_anggaran])


@pytest.fixture
def desa(senduro):
    return {d.nama: d for d in Desa.objects.filter(kecamatan=senduro)}


def test_matrix_shows_columns_statuses_and_totals(client_for, make_user, senduro, desa, make_dokumen, hari_ini):
    make_dokumen(desa["Kandangtepus"], "rkpdes", 2027, D(2026, 9, 30), nomor="7 Tahun 2026")
    make_dokumen(desa["Kandangan"], "rkpdes", 2027, D(2026, 10, 1))
    make_dokumen(desa["Argosari"], "lppdes", 2025, D(2026, 3, 31))
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    response = client.get(MATRIKS, {"tahun": 2026})
    html = response.content.decode()
    assert response.status_code == 200
    for header in ["RKPDes TA 2027", "tenggat 30 September 2026", "APBDes TA 2027", "tenggat 31 Desember 2026"]:
        assert header in html
    assert "LPPDes TA 2025" in html and "tenggat 31 Maret 2026" in html
    assert "tahun pengukuran 2026" in html and "<title>Dokumen desa 2026" in html
    assert "basis tahun jatuh tempo" in html and "status per 23 November 2026" in html
    assert f'href="{sel_url(desa["Argosari"])}?tahun=2026"' in html
    cells = {
        key: response.context["m"].baris[i].sel[j].status
        for i, baris in enumerate(response.context["m"].baris)
        for j, key in enumerate([(baris.desa.nama, k.wajib.jenis) for k in response.context["m"].kolom])
    }
    assert cells[("Kandangtepus", "rkpdes")] == "tepat_waktu"
    assert cells[("Kandangan", "rkpdes")] == "terlambat"
    assert cells[("Argosari", "rkpdes")] == "belum_ada"
    assert cells[("Kandangtepus", "apbdes")] == "belum_jatuh_tempo"
    assert cells[("Argosari", "lppdes")] == "tepat_waktu"
    assert "30 September 2026" in html and "7 Tahun 2026" in html
    assert html.count('data-status="belum_jatuh_tempo"') == 3
    assert "1 dari 3 desa tepat waktu" in html  # RKPDes and LPPDes columns
    assert "0 dari 3 desa tepat waktu" in html  # APBDes column


def test_tahun_anggaran_basis_changes_the_columns(client_for, make_user, senduro, hari_ini, settings):
    settings.IKU2_BASIS = "tahun_anggaran"
    html = client_for(make_user(Peran.KASI, kecamatan=senduro)).get(MATRIKS, {"tahun": 2026}).content.decode()
    assert "RKPDes TA 2026" in html and "APBDes TA 2026" in html and "LPPDes TA 2026" in html
    assert "tenggat 31 Maret 2027" in html and "basis tahun anggaran" in html


def test_kelurahan_are_listed_apart_as_not_required(client_for, make_user, lumajang, hari_ini):
    response = client_for(make_user(Peran.KASI, kecamatan=lumajang)).get(MATRIKS)
    assert [b.desa.nama for b in response.context["m"].baris] == ["Denok", "Blukon"]
    html = response.content.decode()
    assert "Kelurahan Jogotrunan — tidak wajib" in html and "Kelurahan Kepuharjo — tidak wajib" in html
    assert "0 dari 2 desa tepat waktu" in html


def test_kecamatan_without_desa_says_not_applicable(client_for, make_user, kabupaten, hari_ini):
    from wilayah.models import Kecamatan

    kota = Kecamatan.objects.create(kode="35.08.99", nama="Kota", kabupaten=kabupaten)
    Desa.objects.create(kode="35.08.99.1001", nama="Pusat", kecamatan=kota)
    html = client_for(make_user(Peran.PIMPINAN, kecamatan=kota)).get(MATRIKS).content.decode()
    assert "IKU 2 tidak berlaku" in html
    assert "desa tepat waktu" not in html


def test_kasi_enters_a_cell_with_a_plain_form(client_for, make_user, senduro, desa, hari_ini):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    form = client.get(sel_url(desa["Argosari"]), {"tahun": 2026})
    assert form.status_code == 200 and "Tanggal penetapan" in form.content.decode()
    response = client.post(sel_url(desa["Argosari"]), {"tahun": 2026, "tanggal": "2026-09-30", "nomor": "5"})
    assert response.status_code == 302 and response.url == "/desa/dokumen/?tahun=2026"
    dokumen = DokumenDesa.objects.get()
    assert (dokumen.desa, dokumen.jenis, dokumen.tahun_anggaran, dokumen.tanggal) == (
        desa["Argosari"],
        "rkpdes",
        2027,
        D(2026, 9, 30),
    )
    # A second post on the same cell corrects it instead of adding a duplicate.
    client.post(sel_url(desa["Argosari"]), {"tahun": 2026, "tanggal": "2026-10-01", "nomor": "5"})
    assert DokumenDesa.objects.get().tanggal == D(2026, 10, 1)


def test_htmx_post_returns_the_cell_and_the_totals(client_for, make_user, senduro, desa, hari_ini):
    client = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    url = sel_url(desa["Argosari"])
    inline = client.get(url, {"tahun": 2026}, headers={"HX-Request": "true"}).content.decode()
    assert inline.strip().startswith("<td") and "<html" not in inline
    assert f'hx-post="{url}"' in inline and 'name="tahun" value="2026"' in inline
    response = client.post(url, {"tahun": 2026, "tanggal": "2026-09-30"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="sel-{desa["Argosari"].pk}-rkpdes-2027" data-status="tepat_waktu"' in html
    assert "Tepat waktu" in html
    assert 'id="total-rkpdes" class="fw-semibold" hx-swap-oob="true">1 dari 3 desa tepat waktu' in html
    cancel = client.get(url, {"tahun": 2026, "batal": 1}, headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="tepat_waktu"' in cancel


def test_invalid_date_is_shown_back_and_nothing_saved(client_for, make_user, senduro, desa, hari_ini):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    response = client.post(sel_url(desa["Argosari"]), {"tahun": 2026, "tanggal": ""}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Isi tanggalnya." in response.content.decode()
    assert not DokumenDesa.objects.exists()


def test_a_future_date_is_refused_at_the_cell_and_a_save_is_confirmed(client_for, make_user, senduro, desa, hari_ini):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    url = sel_url(desa["Argosari"], "apbdes", 2027)
    # The page's as-of date is 23 November 2026 (Asia/Jakarta); the next day has not happened yet.
    response = client.post(url, {"tahun": 2026, "tanggal": "2026-11-24"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-status="sunting"' in html
    assert "Tanggal penetapan tidak boleh setelah hari ini." in html and "is-invalid" in html
    assert "tersimpan" not in html
    assert not DokumenDesa.objects.exists()
    # The plain form refuses it too.
    response = client.post(url, {"tahun": 2026, "tanggal": "2026-11-24"})
    assert (
        response.status_code == 200 and "Tanggal penetapan tidak boleh setelah hari ini." in response.content.decode()
    )
    assert not DokumenDesa.objects.exists()
    # Today is accepted, and the refreshed cell says so.
    response = client.post(url, {"tahun": 2026, "tanggal": "2026-11-23"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'data-status="tepat_waktu"' in html and "tersimpan" in html
    assert DokumenDesa.objects.get().tanggal == D(2026, 11, 23)
    # A cancelled edit shows the cell without the confirmation.
    cancel = client.get(url, {"tahun": 2026, "batal": 1}, headers={"HX-Request": "true"}).content.decode()
    assert "tersimpan" not in cancel


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.PEMERIKSA, Peran.ADMIN_KABUPATEN])
def test_read_only_roles_see_the_matrix_but_cannot_write(client_for, make_user, senduro, desa, hari_ini, peran):
    client = client_for(make_user(peran, kecamatan=senduro))
    url = MATRIKS if peran == Peran.STAF else "/desa/dokumen/kecamatan/35.08.12/"
    response = client.get(url)
    assert response.status_code == 200
    assert "hx-get" not in response.content.decode()
    assert client.get(sel_url(desa["Argosari"])).status_code == 403
    assert client.post(sel_url(desa["Argosari"]), {"tanggal": "2026-09-30"}).status_code == 403
    assert not DokumenDesa.objects.exists()


def test_kabupaten_role_chooses_a_kecamatan(client_for, make_user, senduro, lumajang, hari_ini):
    client = client_for(make_user(Peran.PEMERIKSA, kecamatan=senduro))
    html = client.get(MATRIKS).content.decode()
    assert "Pilih kecamatan" in html and "/desa/dokumen/kecamatan/35.08.10/" in html
    assert client.get("/desa/dokumen/kecamatan/35.08.10/").context["kecamatan"] == lumajang


def test_another_kecamatan_answers_404_and_nothing_is_saved(
    client_for, make_user, senduro, lumajang, make_dokumen, hari_ini, media_root
):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    denok = Desa.objects.get(kode="35.08.10.2001")
    assert client.get("/desa/dokumen/kecamatan/35.08.10/").status_code == 404
    assert client.get("/desa/tenggat/kecamatan/35.08.10/").status_code == 404
    assert client.get(sel_url(denok)).status_code == 404
    assert client.post(sel_url(denok), {"tanggal": "2026-09-30"}).status_code == 404
    assert not DokumenDesa.objects.exists()
    lain = dokumen_desa_create(
        user=make_user(Peran.KASI, kecamatan=lumajang),
        desa=denok,
        jenis="apbdes",
        tahun_anggaran=2027,
        tanggal=D(2026, 11, 1),
        berkas=SimpleUploadedFile("apb.pdf", PDF_BYTES),
    )
    assert client.get(reverse("desa:scan", args=[lain.pk])).status_code == 404
    assert client.post(reverse("desa:hapus", args=[lain.pk])).status_code == 404
    assert DokumenDesa.objects.filter(pk=lain.pk).exists()


def test_kelurahan_cell_is_refused(client_for, make_user, lumajang, hari_ini):
    client = client_for(make_user(Peran.KASI, kecamatan=lumajang))
    kelurahan = Desa.objects.get(kode="35.08.10.1001")
    response = client.post(sel_url(kelurahan), {"tahun": 2026, "tanggal": "2026-09-30"})
    assert response.status_code == 400
    assert "kelurahan tidak menyusun RKPDes" in response.content.decode()
    assert not DokumenDesa.objects.exists()


def test_unknown_document_kind_is_404(client_for, make_user, senduro, desa, hari_ini):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    assert client.get(reverse("desa:sel", args=[desa["Argosari"].pk, "perdes", 2027])).status_code == 404


def test_scan_is_served_to_the_kecamatan_and_the_pemeriksa(client_for, make_user, senduro, desa, hari_ini, media_root):
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    client = client_for(kasi)
    client.post(
        sel_url(desa["Argosari"]),
        {"tahun": 2026, "tanggal": "2026-09-30", "berkas": SimpleUploadedFile("Perdes RKP.pdf", PDF_BYTES)},
    )
    dokumen = DokumenDesa.objects.get()
    response = client.get(reverse("desa:scan", args=[dokumen.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf" and "Perdes RKP.pdf" in response["Content-Disposition"]
    # A PDF may carry JavaScript: always a sandboxed download, never kept in a cache.
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert "pindaian" in client.get(MATRIKS).content.decode()
    pemeriksa = client_for(make_user(Peran.PEMERIKSA, kecamatan=senduro))
    assert pemeriksa.get(reverse("desa:scan", args=[dokumen.pk])).status_code == 200


def test_delete_from_the_full_form(client_for, make_user, senduro, desa, make_dokumen, hari_ini):
    dokumen = make_dokumen(desa["Argosari"], "rkpdes", 2027, D(2026, 9, 30))
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    response = client.post(reverse("desa:hapus", args=[dokumen.pk]), {"tahun": 2026})
    assert response.status_code == 302 and not DokumenDesa.objects.exists()


def test_deadlines_ahead_and_overdue(client_for, make_user, senduro, desa, make_dokumen, hari_ini):
    hari_ini(D(2026, 8, 15))
    make_dokumen(desa["Kandangtepus"], "rkpdes", 2027, D(2026, 8, 1))
    make_dokumen(desa["Kandangtepus"], "lppdes", 2025, D(2026, 3, 1))
    make_dokumen(desa["Kandangan"], "lppdes", 2025, D(2026, 4, 10))  # late but on record: not overdue
    # Dated after today: still missing as of today.
    make_dokumen(desa["Argosari"], "rkpdes", 2027, D(2026, 8, 20))
    response = client_for(make_user(Peran.STAF, kecamatan=senduro)).get("/desa/tenggat/")
    d = response.context["d"]
    mendatang = [(i.wajib.label, [x.nama for x in i.desa], i.sisa_hari) for i in d.mendatang]
    assert mendatang == [("RKPDes TA 2027", ["Kandangan", "Argosari"], 46)]
    terlambat = [(i.wajib.label, [x.nama for x in i.desa]) for i in d.terlambat]
    assert terlambat == [
        ("LPPDes TA 2025", ["Argosari"]),
        ("APBDes TA 2026", ["Kandangtepus", "Kandangan", "Argosari"]),
        ("RKPDes TA 2026", ["Kandangtepus", "Kandangan", "Argosari"]),
        ("LPPDes TA 2024", ["Kandangtepus", "Kandangan", "Argosari"]),
    ]
    html = response.content.decode()
    assert "tenggat 30 September 2026 · 46 hari lagi" in html
    assert "Tenggat sejak 1 Januari 2025" in html


def test_deadline_day_is_ahead_not_overdue(client_for, make_user, senduro, hari_ini):
    hari_ini(D(2026, 9, 30))
    d = client_for(make_user(Peran.KASI, kecamatan=senduro)).get("/desa/tenggat/").context["d"]
    assert d.mendatang[0].wajib.label == "RKPDes TA 2027" and d.mendatang[0].sisa_hari == 0
    assert "RKPDes TA 2027" not in [i.wajib.label for i in d.terlambat]
    hari_ini(D(2026, 10, 1))
    d = client_for(make_user(Peran.KASI, kecamatan=senduro)).get("/desa/tenggat/").context["d"]
    assert d.terlambat[0].wajib.label == "RKPDes TA 2027" and d.terlambat[0].lewat_hari == 1


def test_navigation_links(client_for, make_user, senduro, hari_ini):
    html = client_for(make_user(Peran.STAF, kecamatan=senduro)).get(MATRIKS).content.decode()
    assert 'href="/desa/dokumen/">Dokumen desa</a>' in html and 'href="/desa/tenggat/">Tenggat</a>' in html
