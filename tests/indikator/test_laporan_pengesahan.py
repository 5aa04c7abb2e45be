"""Approving the Laporan Capaian: who may, what is frozen, versions, downloads and the public verification."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from indikator.laporan.services import laporan_sahkan
from indikator.models import PengesahanLaporan
from kecamatan.models import BuktiPendukung, Kegiatan, Peran
from kecamatan.periode import tahunan
from tests.indikator import laporan_util
from tests.indikator.laporan_util import AS_OF, D, baris_pdf, teks_pdf

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root

TAHUN_2024 = {"tahun": "2024"}


@pytest.fixture
def hari_ini(jam):
    """The pages' "today" is 15 January 2025, so the 2024 report is the one of the facts above."""
    jam.pindah(AS_OF)
    return AS_OF


@pytest.fixture
def orang(make_user, laporan_2024, lumajang):
    return {
        peran: make_user(peran, kecamatan=laporan_2024, username=peran)
        for peran in (Peran.STAF, Peran.KASI, Peran.PIMPINAN, Peran.PEMERIKSA, Peran.ADMIN_KABUPATEN)
    } | {"camat_lumajang": make_user(Peran.PIMPINAN, kecamatan=lumajang, username="camat_lumajang")}


def _sahkan(client_for, user, url=None, data=TAHUN_2024):
    # As the confirmation page's form sends it (the first post only shows what would be frozen).
    return laporan_util.sahkan_post(client_for(user), url or reverse("laporan:sahkan"), data)


def test_camat_approves_and_the_pdf_is_signed_with_a_qr_and_no_draft_mark(client_for, orang, hari_ini):
    response = _sahkan(client_for, orang[Peran.PIMPINAN])
    assert response.status_code == 302
    pengesahan = PengesahanLaporan.objects.get()
    assert (pengesahan.versi, pengesahan.revisi, pengesahan.tanggal) == (1, False, AS_OF)
    assert pengesahan.data["iku1"]["numerator"] == 3 and pengesahan.data["iku1"]["percent"] == "50.00"
    assert pengesahan.penandatangan["nama"] == "W. PUJIANTO"
    assert len(pengesahan.token) >= 40
    content = pengesahan.berkas.read()
    teks = teks_pdf(content)
    assert "DRAF" not in teks
    assert "Disahkan · versi 1" in teks
    assert "W. PUJIANTO" in teks and "NIP. 19681114 199003 1 004" in teks
    assert laporan_util.rapat(f"/laporan/verifikasi/{pengesahan.token}/") in laporan_util.rapat(teks)
    assert "http://testserver/laporan/verifikasi/" in teks
    assert "3 6 50,00% 90,00% 55,56%" in baris_pdf(content)
    # The page lists the approved version.
    page = client_for(orang[Peran.PIMPINAN]).get(reverse("laporan:index"), TAHUN_2024)
    assert reverse("laporan:unduh-disahkan", args=[pengesahan.pk]) in page.content.decode()


def test_every_report_download_is_a_sandboxed_attachment_never_cached(client_for, orang, hari_ini, unduh):
    _sahkan(client_for, orang[Peran.PIMPINAN])
    pengesahan = PengesahanLaporan.objects.get()
    unduhan = {
        Peran.PIMPINAN: [
            reverse("laporan:capaian-pdf") + "?tahun=2024",
            reverse("laporan:capaian-xlsx") + "?tahun=2024",
            reverse("laporan:dokumen-pdf"),
            reverse("laporan:unduh-disahkan", args=[pengesahan.pk]),
        ],
        Peran.ADMIN_KABUPATEN: [reverse("laporan:rekap-pdf") + "?tahun=2024"],
    }
    for peran, urls in unduhan.items():
        client = client_for(orang[peran])
        for url in urls:
            response = unduh(client, url)
            assert response.status_code == 200, url
            assert response["Content-Disposition"].startswith("attachment"), url
            assert "no-store" in response["Cache-Control"], url
            if response["Content-Type"] == "application/pdf":
                # /OpenAction JavaScript in a PDF must not run in the site's origin.
                assert "sandbox" in response["Content-Security-Policy"].split("; "), url
                assert response["X-Content-Type-Options"] == "nosniff", url
    # The page that lists them is not cached either.
    assert "no-store" in client_for(orang[Peran.PIMPINAN]).get(reverse("laporan:index"))["Cache-Control"]


def test_draft_has_draf_and_no_qr(client_for, orang, hari_ini, unduh):
    response = unduh(client_for(orang[Peran.STAF]), reverse("laporan:capaian-pdf"), TAHUN_2024)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    teks = teks_pdf(response.content)
    assert "DRAF" in teks and "verifikasi" not in teks.lower()


def test_approved_report_does_not_change_after_edits(client_for, orang, hari_ini, unduh):
    camat = orang[Peran.PIMPINAN]
    _sahkan(client_for, camat)
    pengesahan = PengesahanLaporan.objects.get()
    url = reverse("laporan:unduh-disahkan", args=[pengesahan.pk])
    before = b"".join(client_for(camat).get(url).streaming_content)
    data_before = pengesahan.data
    # Follow up the kegiatan that lacked a bukti, and add a new one: the live figures move…
    kegiatan = Kegiatan.objects.get(kecamatan=pengesahan.kecamatan, tanggal=D(2024, 6, 1))
    BuktiPendukung.objects.create(kegiatan=kegiatan, jenis_id=1, nomor="BARU", tanggal=D(2024, 6, 3))
    Kegiatan.objects.filter(pk=kegiatan.pk).update(keterangan="diubah sesudah pengesahan")
    draft = unduh(client_for(camat), reverse("laporan:capaian-pdf"), TAHUN_2024)
    assert "4 6 66,67%" in baris_pdf(draft.content)
    # …the approved version does not.
    after = b"".join(client_for(camat).get(url).streaming_content)
    pengesahan.refresh_from_db()
    assert after == before
    assert pengesahan.data == data_before
    assert "3 6 50,00%" in baris_pdf(after)


def test_reapproval_is_version_2_and_version_1_still_downloads(client_for, orang, hari_ini):
    camat = orang[Peran.PIMPINAN]
    _sahkan(client_for, camat)
    v1 = PengesahanLaporan.objects.get()
    v1_bytes = v1.berkas.read()
    response = _sahkan(client_for, camat)
    assert response.status_code == 302
    v2 = PengesahanLaporan.objects.get(versi=2)
    assert v2.revisi and v2.token != v1.token
    assert "Disahkan · versi 2 (revisi)" in teks_pdf(v2.berkas.read())
    old = client_for(orang[Peran.PEMERIKSA]).get(reverse("laporan:unduh-disahkan", args=[v1.pk]))
    assert old.status_code == 200
    assert b"".join(old.streaming_content) == v1_bytes
    assert 'filename="laporan-capaian-iku-senduro-tahun-2024-versi-1.pdf"' in old["Content-Disposition"]


def test_verification_page_matches_the_stored_figures(client, client_for, orang, hari_ini):
    _sahkan(client_for, orang[Peran.PIMPINAN])
    pengesahan = PengesahanLaporan.objects.get()
    client.logout()
    response = client.get(reverse("laporan:verifikasi", args=[pengesahan.token]))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = " ".join(response.content.decode().split())
    assert "Kecamatan Senduro, Kabupaten Lumajang" in html
    assert "Tahun 2024" in html and "1 Januari 2024 s.d. 31 Desember 2024" in html
    assert '<dd class="col-sm-8" data-testid="versi">1</dd>' in html
    assert "15 Januari 2025" in html
    iku1, iku2 = pengesahan.data["iku1"], pengesahan.data["iku2"]
    assert iku1["percent"] == "50.00" and iku2["percent"] == "44.44"
    for figure in ("50,00%", "90,00%", "55,56%", "44,44%", "W. PUJIANTO", pengesahan.sha256):
        assert figure in html
    assert 'data-testid="iku1-pembilang">3 kegiatan ditindaklanjuti<' in html
    assert 'data-testid="iku1-penyebut">6 kegiatan dilaksanakan<' in html
    # The public page names the signatory but not the NIP (it encodes a birth date).
    assert "19681114" not in html
    # Unknown or guessed tokens answer 404.
    assert client.get(reverse("laporan:verifikasi", args=["x" * 43])).status_code == 404
    assert client.get(reverse("laporan:verifikasi", args=[pengesahan.token[:-1]])).status_code == 404


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PEMERIKSA, Peran.ADMIN_KABUPATEN])
def test_only_pimpinan_approves(client_for, orang, hari_ini, peran):
    url = reverse("laporan:sahkan-kecamatan", args=["35.08.12"])
    response = _sahkan(client_for, orang[peran], url=url)
    assert response.status_code == 403
    assert not PengesahanLaporan.objects.exists()


def test_approve_is_post_only_and_scoped(client_for, orang, hari_ini):
    camat = orang[Peran.PIMPINAN]
    assert client_for(camat).get(reverse("laporan:sahkan")).status_code == 405
    # Another kecamatan's approval: 404, nothing saved.
    other = _sahkan(client_for, camat, url=reverse("laporan:sahkan-kecamatan", args=["35.08.10"]))
    assert other.status_code == 404
    assert not PengesahanLaporan.objects.exists()


def test_service_refuses_superuser_and_other_pimpinan(orang, laporan_2024, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="x")
    for user in (superuser, orang["camat_lumajang"], orang[Peran.KASI]):
        with pytest.raises(PermissionDenied):
            laporan_sahkan(user=user, kecamatan=laporan_2024, periode=tahunan(2024), hari_ini=AS_OF)
    assert not PengesahanLaporan.objects.exists()


def test_another_kecamatan_reports_are_404(client_for, orang, hari_ini, unduh):
    _sahkan(client_for, orang[Peran.PIMPINAN])
    pengesahan = PengesahanLaporan.objects.get()
    lumajang = client_for(orang["camat_lumajang"])
    assert lumajang.get(reverse("laporan:unduh-disahkan", args=[pengesahan.pk])).status_code == 404
    for name in ("capaian-pdf-kecamatan", "capaian-xlsx-kecamatan", "dokumen-pdf-kecamatan", "kecamatan"):
        assert lumajang.get(reverse(f"laporan:{name}", args=["35.08.12"])).status_code == 404
    # Their own report shows their own data only.
    own = unduh(lumajang, reverse("laporan:capaian-xlsx"), TAHUN_2024)
    sheet = load_workbook(io.BytesIO(own.content))["Capaian"]
    assert "Lumajang" in sheet["A1"].value


def test_pemeriksa_downloads_everything_of_the_kabupaten(client_for, orang, hari_ini, unduh):
    _sahkan(client_for, orang[Peran.PIMPINAN])
    pemeriksa = client_for(orang[Peran.PEMERIKSA])
    pilih = pemeriksa.get(reverse("laporan:index"), TAHUN_2024)
    assert pilih.status_code == 200
    # The picker links each kecamatan of the kabupaten with the chosen period kept.
    assert 'href="/laporan/kecamatan/35.08.12/?tahun=2024"' in pilih.content.decode()
    page = pemeriksa.get(reverse("laporan:kecamatan", args=["35.08.12"]), TAHUN_2024)
    assert page.status_code == 200 and "Sahkan laporan" not in page.content.decode()
    pengesahan = PengesahanLaporan.objects.get()
    assert pemeriksa.get(reverse("laporan:unduh-disahkan", args=[pengesahan.pk])).status_code == 200
    for name in ("capaian-pdf-kecamatan", "capaian-xlsx-kecamatan", "dokumen-pdf-kecamatan", "dokumen-xlsx-kecamatan"):
        response = unduh(pemeriksa, reverse(f"laporan:{name}", args=["35.08.12"]), TAHUN_2024)
        assert response.status_code == 200, name
        assert response["Content-Disposition"].startswith("attachment"), name
    rekap = unduh(pemeriksa, reverse("laporan:rekap-pdf"), TAHUN_2024)
    assert rekap.status_code == 200 and "Senduro 3 6 50,00%" in baris_pdf(rekap.content)
    assert unduh(pemeriksa, reverse("laporan:rekap-xlsx"), TAHUN_2024).status_code == 200


def test_rekap_is_for_kabupaten_roles_only(client_for, orang, hari_ini):
    for peran in (Peran.STAF, Peran.PIMPINAN):
        assert client_for(orang[peran]).get(reverse("laporan:rekap-pdf")).status_code == 403


def test_camat_page_has_the_approve_button_and_the_nav_link(client_for, orang, hari_ini):
    page = client_for(orang[Peran.PIMPINAN]).get(reverse("laporan:index"), TAHUN_2024)
    html = page.content.decode()
    assert "Sahkan laporan Tahun 2024" in html and "csrfmiddlewaretoken" in html
    assert f'href="{reverse("laporan:index")}"' in html and ">Laporan</a>" in html
    staf = client_for(orang[Peran.STAF]).get(reverse("laporan:index"), TAHUN_2024).content.decode()
    assert "Sahkan laporan" not in staf and "Unduh draf (PDF)" in staf


def test_anonymous_users_go_to_login(client):
    for name in ("index", "capaian-pdf", "rekap-pdf"):
        response = client.get(reverse(f"laporan:{name}"))
        assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_no_signatory_no_approval(client_for, orang, hari_ini):
    orang[Peran.PIMPINAN].keanggotaan.kecamatan.pejabat.update(selesai=datetime.date(2020, 1, 1), mulai=None)
    response = client_for(orang[Peran.PIMPINAN]).post(reverse("laporan:sahkan"), TAHUN_2024, follow=True)
    assert "Tidak ada Camat atau Sekretaris Camat" in response.content.decode()
    assert not PengesahanLaporan.objects.exists()


def test_configured_public_address_is_printed_instead_of_the_request_host(client_for, orang, hari_ini, settings):
    settings.IKU_URL_DASAR = "https://iku.lumajangkab.go.id/"
    _sahkan(client_for, orang[Peran.PIMPINAN])
    pengesahan = PengesahanLaporan.objects.get()
    teks = laporan_util.rapat(teks_pdf(pengesahan.berkas.read()))
    assert laporan_util.rapat(f"https://iku.lumajangkab.go.id/laporan/verifikasi/{pengesahan.token}/") in teks
    assert "testserver" not in teks


@pytest.mark.parametrize("data", [{}, {"tahun": "1999"}, {"tahun": "2024", "bagian": "tw9"}, {"bagian": "tw1"}])
def test_an_invalid_or_missing_period_approves_nothing(client_for, orang, hari_ini, data):
    # An approval cannot be undone, so it never falls back to the default period.
    response = _sahkan(client_for, orang[Peran.PIMPINAN], data=data)
    assert response.status_code == 302
    assert not PengesahanLaporan.objects.exists()
    page = client_for(orang[Peran.PIMPINAN]).get(response.url)
    assert "Laporan tidak disahkan" in page.content.decode()


def test_a_failed_approval_leaves_no_file_behind(orang, laporan_2024, media_root, monkeypatch):
    def gagal(self, *args, **kwargs):
        raise RuntimeError("database hilang")

    monkeypatch.setattr(PengesahanLaporan, "save", gagal)
    with pytest.raises(RuntimeError):
        laporan_sahkan(user=orang[Peran.PIMPINAN], kecamatan=laporan_2024, periode=tahunan(2024), hari_ini=AS_OF)
    assert not [p for p in media_root.rglob("*") if p.is_file()]
