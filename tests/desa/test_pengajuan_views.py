"""The desa operator's pages and the kasi's one-click decision on the matrix (docs/DESIGN.md §2.7)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from desa.models import DokumenDesa, PengajuanDokumenDesa
from kecamatan.models import Peran
from tests.desa.conftest import PDF_BYTES
from wilayah.models import Desa

D = datetime.date


@pytest.fixture
def desa_senduro(senduro):
    return Desa.objects.get(kode="35.08.12.2001")


@pytest.fixture
def operator(make_user, desa_senduro):
    return make_user(Peran.OPERATOR_DESA, desa=desa_senduro)


def _kirim(client, jenis="lppdes", ta=2025, tanggal="2026-03-20"):
    return client.post(
        f"/desa/desa-saya/ajukan/{jenis}/{ta}/",
        {"tanggal": tanggal, "nomor": "140/7/2026", "berkas": SimpleUploadedFile("lppdes.pdf", PDF_BYTES)},
    )


def test_the_operator_lands_on_its_desa_page_with_three_documents_per_ta(client_for, operator, hari_ini):
    client = client_for(operator)
    assert client.get("/").url == "/desa/desa-saya/"
    page = client.get("/desa/desa-saya/").content.decode()
    assert "Desa Kandangtepus" in page
    for ta in (2025, 2026, 2027):
        assert f"Tahun anggaran {ta}" in page
    # LPPDes TA 2025 is due 31 March 2026; RKPDes TA 2027 on 30 September 2026 (docs/DESIGN.md §2.3).
    assert "tenggat 31 Maret 2026" in page and "tenggat 30 September 2026" in page
    assert page.count("Ajukan ") >= 9


def test_submit_from_the_form_then_the_kasi_accepts_in_one_click(
    client, client_for, operator, make_user, senduro, hari_ini
):
    client = client_for(operator)
    response = _kirim(client)
    assert response.status_code == 302 and response.url == "/desa/desa-saya/"
    pengajuan = PengajuanDokumenDesa.objects.get()
    page = client.get("/desa/desa-saya/").content.decode()
    assert "Menunggu pemeriksaan" in page
    # The scan is served to its operator through the checking view.
    scan = client.get(f"/desa/pengajuan/{pengajuan.pk}/pindaian/")
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == PDF_BYTES

    kasi = make_user(Peran.KASI, kecamatan=senduro)
    client.force_login(kasi)
    matriks = client.get("/desa/dokumen/", {"tahun": 2026}).content.decode()
    assert 'id="pengajuan-menunggu"' in matriks and "pengajuan menunggu" in matriks
    response = client.post(f"/desa/pengajuan/{pengajuan.pk}/terima/", {"tahun": 2026})
    assert response.status_code == 302
    dokumen = DokumenDesa.objects.get()
    assert dokumen.tanggal == D(2026, 3, 20)
    matriks = client.get("/desa/dokumen/", {"tahun": 2026}).content.decode()
    assert 'id="pengajuan-menunggu"' not in matriks
    assert f'id="sel-{dokumen.desa_id}-lppdes-2025" data-status="tepat_waktu"' in matriks


def test_the_kasi_returns_with_a_reason_the_operator_reads(client_for, client, operator, make_user, senduro, hari_ini):
    _kirim(client_for(operator))
    pengajuan = PengajuanDokumenDesa.objects.get()
    client.force_login(make_user(Peran.KASI, kecamatan=senduro))
    assert client.post(f"/desa/pengajuan/{pengajuan.pk}/kembalikan/", {"alasan": ""}).status_code == 302
    assert PengajuanDokumenDesa.objects.get().status == "menunggu"
    client.post(f"/desa/pengajuan/{pengajuan.pk}/kembalikan/", {"alasan": "Tanda tangan kepala desa belum ada"})
    assert PengajuanDokumenDesa.objects.get().status == "dikembalikan"
    client.force_login(operator)
    page = client.get("/desa/desa-saya/").content.decode()
    assert "Dikembalikan" in page and "Tanda tangan kepala desa belum ada" in page
    assert not DokumenDesa.objects.exists()


def test_a_staf_or_another_kecamatans_kasi_cannot_decide(
    client_for, client, operator, make_user, senduro, lumajang, hari_ini
):
    _kirim(client_for(operator))
    pengajuan = PengajuanDokumenDesa.objects.get()
    client.force_login(make_user(Peran.STAF, kecamatan=senduro))
    assert client.post(f"/desa/pengajuan/{pengajuan.pk}/terima/").status_code == 403
    client.force_login(make_user(Peran.KASI, kecamatan=lumajang))
    assert client.post(f"/desa/pengajuan/{pengajuan.pk}/terima/").status_code == 404
    assert client.get(f"/desa/pengajuan/{pengajuan.pk}/pindaian/").status_code == 404
    assert PengajuanDokumenDesa.objects.get().status == "menunggu"


def test_an_operator_gets_404_for_another_desas_submission_and_documents(
    client_for, operator, make_user, senduro, hari_ini
):
    lain = Desa.objects.get(kode="35.08.12.2002")
    operator_lain = make_user(Peran.OPERATOR_DESA, desa=lain)
    _kirim(client_for(operator_lain))
    pengajuan = PengajuanDokumenDesa.objects.get()
    dokumen = DokumenDesa.objects.create(desa=lain, jenis="rkpdes", tahun_anggaran=2026, tanggal=D(2025, 9, 1))
    client = client_for(operator)
    assert client.get(f"/desa/pengajuan/{pengajuan.pk}/pindaian/").status_code == 404
    assert client.get(f"/desa/dokumen/{dokumen.pk}/pindaian/").status_code == 404
    assert client.get(f"/desa/dokumen/sel/{lain.pk}/rkpdes/2026/").status_code == 404
    assert client.get("/desa/dokumen/").status_code == 404
    assert "Kandangan" not in client.get("/desa/desa-saya/").content.decode()


def test_a_bad_upload_is_refused_on_the_form(client_for, operator, hari_ini):
    response = client_for(operator).post(
        "/desa/desa-saya/ajukan/apbdes/2026/",
        {"tanggal": "2025-12-20", "berkas": SimpleUploadedFile("apbdes.pdf", b"<script>alert(1)</script>")},
    )
    assert response.status_code == 400
    # The content check's message stands at the scan's field, not above the form.
    errors = response.context["form"].errors
    assert "Isi berkas bukan" in " ".join(errors["berkas"]) and "__all__" not in errors
    assert not PengajuanDokumenDesa.objects.exists()


def test_an_unknown_document_or_year_is_404(client_for, operator, hari_ini):
    client = client_for(operator)
    assert client.get("/desa/desa-saya/ajukan/perdes/2026/").status_code == 404
    assert client.get("/desa/desa-saya/ajukan/lppdes/2019/").status_code == 404


def test_the_kabupaten_sees_operators_and_waiting_submissions_per_kecamatan_in_constant_queries(
    client_for, make_user, senduro, lumajang, operator, hari_ini
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _kirim(client_for(operator))
    lain = Desa.objects.get(kode="35.08.12.2002")
    make_user(Peran.OPERATOR_DESA, desa=lain)
    make_user(Peran.OPERATOR_DESA, desa=lain)  # two operators of one desa: still one desa
    admin = make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten)
    client = client_for(admin)
    response = client.get("/desa/operator-desa/")
    html = response.content.decode()
    baris = {k.kode: k for k in response.context["baris"]}
    assert (baris[senduro.kode].jumlah_desa, baris[senduro.kode].desa_beroperator) == (3, 2)
    assert baris[senduro.kode].pengajuan_menunggu == 1
    assert (baris[lumajang.kode].jumlah_desa, baris[lumajang.kode].desa_beroperator) == (2, 0)
    assert "Operator desa per kecamatan" in html
    with CaptureQueriesContext(connection) as sedikit:
        client.get("/desa/operator-desa/")
    from tests.factories import DesaFactory, KecamatanFactory

    for i in range(5):
        kecamatan = KecamatanFactory(kode=f"35.08.{30 + i}", kabupaten=senduro.kabupaten)
        make_user(Peran.OPERATOR_DESA, desa=DesaFactory(kecamatan=kecamatan))
    with CaptureQueriesContext(connection) as banyak:
        client.get("/desa/operator-desa/")
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)


def test_kecamatan_roles_cannot_open_the_kabupaten_view(client_for, make_user, senduro):
    assert client_for(make_user(Peran.PIMPINAN, kecamatan=senduro)).get("/desa/operator-desa/").status_code == 403


def test_the_pimpinan_switches_an_operator_off_and_on(client_for, operator, make_user, senduro):
    from django.test import Client

    from tests.conftest import PASSWORD

    url = f"/desa/operator-desa/kelola/{operator.pk}/aktif/"
    pimpinan = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    assert pimpinan.get(url).status_code == 405
    response = pimpinan.post(url, {"aktif": "0"})
    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.is_active is False
    # The account stays, for the history; it simply cannot log in any more.
    tamu = Client()  # client_for logged the shared client in as the pimpinan
    masuk = tamu.post("/masuk/", {"username": operator.username, "password": PASSWORD})
    assert masuk.status_code == 200 and "_auth_user_id" not in tamu.session
    pimpinan.post(url, {"aktif": "1"})
    operator.refresh_from_db()
    assert operator.is_active is True


def test_only_the_operators_kecamatan_pimpinan_or_admin_switches_it(client_for, operator, make_user, senduro, lumajang):
    url = f"/desa/operator-desa/kelola/{operator.pk}/aktif/"
    # Another kecamatan's pimpinan: the operator does not exist for them.
    assert client_for(make_user(Peran.PIMPINAN, kecamatan=lumajang)).post(url, {"aktif": "0"}).status_code == 404
    # A kasi of the same kecamatan sees the desa but may not manage its operator.
    assert client_for(make_user(Peran.KASI, kecamatan=senduro)).post(url, {"aktif": "0"}).status_code == 403
    # A user id that is no operator (the kasi's own): 404 too.
    kasi = make_user(Peran.KASI, kecamatan=senduro)
    pimpinan = client_for(make_user(Peran.PIMPINAN, kecamatan=senduro))
    assert pimpinan.post(f"/desa/operator-desa/kelola/{kasi.pk}/aktif/", {"aktif": "0"}).status_code == 404
    operator.refresh_from_db()
    kasi.refresh_from_db()
    assert operator.is_active and kasi.is_active
    admin_kab = client_for(make_user(Peran.ADMIN_KABUPATEN, kecamatan=senduro))
    assert admin_kab.post(url, {"aktif": "0"}).status_code == 302
    operator.refresh_from_db()
    assert operator.is_active is False
