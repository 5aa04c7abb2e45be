"""Attaching the scan to a bukti registered without one (docs/DESIGN.md §2.2: "until the scan is attached")."""

import datetime

import pytest

from kecamatan.models import BuktiPendukung
from tests.kecamatan.contoh import pdf_bytes, upload


@pytest.fixture
def bukti_tanpa_berkas(orang, senduro, seksi_pemerintahan, make_kegiatan, jenis_bukti):
    kegiatan = make_kegiatan(senduro, seksi=seksi_pemerintahan, output="BA", tanggal_output=datetime.date(2026, 3, 3))
    return BuktiPendukung.objects.create(
        kegiatan=kegiatan, jenis=jenis_bukti, nomor="BA/12/2026", tanggal=datetime.date(2026, 3, 3)
    )


def url(bukti):
    return f"/kegiatan/{bukti.kegiatan_id}/bukti/{bukti.pk}/lampirkan/"


def test_kasi_attaches_the_scan_and_the_badge_goes(client_for, orang, bukti_tanpa_berkas):
    client = client_for(orang["kasi"])
    detail = client.get(f"/kegiatan/{bukti_tanpa_berkas.kegiatan_id}/").content.decode()
    assert "tanpa berkas" in detail and "Lampirkan berkas" in detail
    response = client.post(url(bukti_tanpa_berkas), {"berkas": upload("ba.pdf", pdf_bytes(), "application/pdf")})
    assert response.status_code == 302
    bukti_tanpa_berkas.refresh_from_db()
    assert bukti_tanpa_berkas.berkas.name.endswith(".pdf")
    assert bukti_tanpa_berkas.nama_berkas_asli == "ba.pdf"
    assert bukti_tanpa_berkas.history.first().history_user == orang["kasi"]
    assert (
        client.get(f"/kegiatan/{bukti_tanpa_berkas.kegiatan_id}/bukti/{bukti_tanpa_berkas.pk}/unduh/").status_code
        == 200
    )


def test_content_is_checked_and_nothing_is_stored_when_refused(client_for, orang, bukti_tanpa_berkas):
    client = client_for(orang["kasi"])
    html = upload("ba.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client.post(url(bukti_tanpa_berkas), {"berkas": html}, follow=True)
    assert "Isi berkas bukan PDF, JPEG, PNG, DOCX atau XLSX." in response.content.decode()
    bukti_tanpa_berkas.refresh_from_db()
    assert not bukti_tanpa_berkas.berkas


def test_a_bukti_that_has_its_file_is_not_overwritten(client_for, orang, bukti_tanpa_berkas):
    client = client_for(orang["kasi"])
    client.post(url(bukti_tanpa_berkas), {"berkas": upload("a.pdf", pdf_bytes("pertama"), "application/pdf")})
    bukti_tanpa_berkas.refresh_from_db()
    first = bukti_tanpa_berkas.berkas.name
    response = client.post(
        url(bukti_tanpa_berkas), {"berkas": upload("b.pdf", pdf_bytes("kedua"), "application/pdf")}, follow=True
    )
    assert "sudah memiliki berkas" in response.content.decode()
    bukti_tanpa_berkas.refresh_from_db()
    assert bukti_tanpa_berkas.berkas.name == first


@pytest.mark.parametrize("who", ["staf", "pimpinan", "pemeriksa", "admin_kabupaten", "kasi_trantib"])
def test_only_the_kasi_of_the_seksi_attaches(client_for, orang, bukti_tanpa_berkas, who):
    client = client_for(orang[who])
    response = client.post(url(bukti_tanpa_berkas), {"berkas": upload("a.pdf", pdf_bytes(), "application/pdf")})
    assert response.status_code == 403
    bukti_tanpa_berkas.refresh_from_db()
    assert not bukti_tanpa_berkas.berkas


def test_another_kecamatan_gets_404(client_for, orang, bukti_tanpa_berkas):
    client = client_for(orang["kasi_lumajang"])
    response = client.post(url(bukti_tanpa_berkas), {"berkas": upload("a.pdf", pdf_bytes(), "application/pdf")})
    assert response.status_code == 404
    bukti_tanpa_berkas.refresh_from_db()
    assert not bukti_tanpa_berkas.berkas
