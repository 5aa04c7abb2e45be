"""Issue 15: approved reports carry a verifiable PAdES signature (pyHanko), with a test CA made here."""

import asyncio
import hashlib
import io
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from indikator.laporan import tte
from indikator.laporan.services import laporan_sahkan
from indikator.models import PengesahanLaporan
from kecamatan.models import Pejabat, Peran, SertifikatPejabat
from kecamatan.periode import tahunan
from kecamatan.services import sertifikat_pejabat_unggah
from tests.indikator import laporan_util, tte_util
from tests.indikator.laporan_util import AS_OF, teks_pdf
from tests.indikator.tte_util import FRASA

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root
pki_dasar = tte_util.pki_dasar
pki = tte_util.pki

TAHUN_2024 = {"tahun": "2024"}
# The approval proper: the form of the confirmation page, which is also where the passphrase is typed.
SAHKAN_2024 = {**TAHUN_2024, "konfirmasi": "1"}
TTD = {"tempat": "Senduro", "baris_jabatan": ["CAMAT SENDURO"], "nama": "W. PUJIANTO", "nip": "19681114 199003 1 004"}


@pytest.fixture
def hari_ini(monkeypatch):
    # Only the pages' date: signing checks the certificates (made for the real now) against the real
    # clock, so the jam fixture, which moves the whole clock, does not fit here.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: AS_OF)
    return AS_OF


@pytest.fixture
def camat(laporan_2024):
    return Pejabat.objects.get(kecamatan=laporan_2024, nama="W. PUJIANTO")


@pytest.fixture
def pimpinan(make_user, laporan_2024):
    return make_user(Peran.PIMPINAN, kecamatan=laporan_2024, username="camat-senduro")


@pytest.fixture
def sertifikat_camat(pki, camat, pimpinan):
    return sertifikat_pejabat_unggah(
        user=pimpinan,
        pejabat=camat,
        berkas=io.BytesIO(pki.camat.pkcs12()),
        frasa_sandi=FRASA,
        sekarang=timezone.now(),
    )


def _sahkan(user, rahasia=FRASA, kecamatan=None):
    return laporan_sahkan(
        user=user,
        kecamatan=kecamatan or user.keanggotaan.kecamatan,
        periode=tahunan(2024),
        hari_ini=AS_OF,
        url_dasar="http://testserver/",
        rahasia_tte=rahasia,
    )


def _teks_di(data: bytes, halaman: int, x: float, y: float, w: float, h: float) -> str:
    """Text of one page inside a rectangle given in points from the top-left corner (pdftotext at 72 dpi)."""
    args = ["-f", str(halaman), "-l", str(halaman), "-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w))]
    hasil = subprocess.run(
        [laporan_util.PDFTOTEXT, *args, "-H", str(int(h)), "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return " ".join(hasil.stdout.decode().split())


def _tanda_tangani(identitas, pdf: bytes | None = None) -> bytes:
    """A PDF signed directly with ``identitas`` (no upload checks: for expired or foreign certificates)."""
    from weasyprint import HTML

    pdf = pdf or HTML(string="<p>Laporan uji</p>").write_pdf()
    signer = tte._signer_pkcs12(identitas.pkcs12(), FRASA)
    return tte._tanda_tangani(pdf, signer, kotak=tte.KotakTTE(0, (300, 500, 520, 560)), ttd=TTD, waktu=timezone.now())


# ---------------------------------------------------------------- signing at approval


def test_approval_signs_the_pdf_and_pyhanko_finds_it_intact_and_trusted(pki, sertifikat_camat, pimpinan):
    pengesahan = _sahkan(pimpinan)
    data = pengesahan.berkas.read()
    # What is frozen and served is the signed PDF, and its fingerprint is the signed file's.
    assert pengesahan.sha256 == hashlib.sha256(data).hexdigest()
    reader = PdfFileReader(io.BytesIO(data))
    (sig,) = reader.embedded_signatures
    status = validate_pdf_signature(
        sig, signer_validation_context=ValidationContext(trust_roots=tte._akar_tepercaya(), allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == "W. PUJIANTO"
    # PAdES (ETSI.CAdES.detached), a visible field with a real rectangle in the signature block's page.
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    rect = [float(v) for v in sig.sig_field["/Rect"]]
    assert rect[2] - rect[0] > 100 and rect[3] - rect[1] > 30
    # The field lies in the signature block: the jabatan line just above it, the name just below.
    halaman = [p.idnum for p in reader.root["/Pages"]["/Kids"]].index(sig.sig_field.raw_get("/P").idnum) + 1
    tinggi = float(reader.root["/Pages"]["/Kids"][halaman - 1]["/MediaBox"][3])
    assert "CAMAT SENDURO" in _teks_di(data, halaman, rect[0], tinggi - rect[3] - 20, rect[2] - rect[0], 20)
    assert "W. PUJIANTO" in _teks_di(data, halaman, rect[0], tinggi - rect[1], rect[2] - rect[0], 16)
    # The QR code's verification address is still printed.
    assert laporan_util.rapat(f"/laporan/verifikasi/{pengesahan.token}/") in laporan_util.rapat(teks_pdf(data))
    # The stamp names the signer with jabatan, name, NIP and date.
    ap = sig.sig_field["/AP"]["/N"].data.decode("latin-1")
    # (pyHanko writes "." as the octal escape \056 in the content stream.)
    for bagian in ("CAMAT SENDURO", "PUJIANTO", "NIP\\056 19681114 199003 1 004", "WIB"):
        assert bagian in ap


def test_stamp_text_carries_plt_and_an_lines():
    teks = tte.teks_cap(
        {"baris_jabatan": ["a.n. CAMAT SENDURO", "Plt. Sekretaris Camat"], "nama": "SITI", "nip": "1"},
        timezone.now(),
    )
    assert "a.n. CAMAT SENDURO\nPlt. Sekretaris Camat\nSITI\nNIP. 1" in teks


def test_our_verdict_on_a_freshly_signed_report(pki, sertifikat_camat, pimpinan):
    hasil = tte.pdf_verifikasi(_sahkan(pimpinan).berkas.read())
    assert hasil.valid and hasil.penandatangan == "W. PUJIANTO" and hasil.waktu_tanda_tangan is not None
    assert hasil.ringkasan == "Tanda tangan elektronik SAH."


def test_a_byte_changed_after_signing_is_reported_as_modified(pki):
    data = bytearray(_tanda_tangani(pki.camat))
    posisi = bytes(data).index(b"/Type /Page") if b"/Type /Page" in data else len(data) // 3
    data[posisi + 1] = ord("X")  # inside the signed byte range
    hasil = tte.pdf_verifikasi(bytes(data))
    assert hasil.ada_tanda_tangan and not hasil.utuh and not hasil.valid
    assert "TIDAK UTUH" in " ".join(hasil.pesan)


def test_an_incremental_update_after_signing_is_reported(pki):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = _tanda_tangani(pki.camat)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    # Someone slips a new page content in after the signature.
    halaman = writer.root["/Pages"]["/Kids"][0]
    halaman["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 12 Tf (PALSU) Tj ET"))
    writer.update_container(halaman)
    out = io.BytesIO()
    writer.write(out)
    hasil = tte.pdf_verifikasi(out.getvalue())
    assert hasil.utuh and not hasil.tidak_diubah and not hasil.valid
    assert "DIUBAH setelah ditandatangani" in " ".join(hasil.pesan)


def test_an_expired_certificate_is_reported_as_such(pki):
    hasil = tte.pdf_verifikasi(_tanda_tangani(pki.kedaluwarsa))
    assert hasil.utuh and not hasil.tepercaya and hasil.masalah == "kedaluwarsa"
    assert "kedaluwarsa" in " ".join(hasil.pesan)


def test_an_untrusted_certificate_is_reported_as_such(pki):
    hasil = tte.pdf_verifikasi(_tanda_tangani(pki.asing))
    assert hasil.utuh and not hasil.tepercaya and hasil.masalah == "tidak_tepercaya"
    assert "TIDAK TEPERCAYA" in " ".join(hasil.pesan)


def test_without_configured_trust_roots_nothing_is_trusted(pki, settings):
    settings.IKU_TTE_TRUST_ROOTS = []
    assert tte.pdf_verifikasi(_tanda_tangani(pki.camat)).masalah == "tidak_tepercaya"


def test_unsigned_and_non_pdf_verdicts():
    from weasyprint import HTML

    assert tte.pdf_verifikasi(HTML(string="<p>x</p>").write_pdf()).pesan == [
        "PDF ini tidak memuat tanda tangan elektronik."
    ]
    hasil = tte.pdf_verifikasi(b"bukan pdf")
    assert not hasil.pdf and not hasil.valid and hasil.pesan == ["Berkas bukan PDF yang dapat dibaca."]
    assert not tte.pdf_verifikasi(b"%PDF-1.7\n garbage %%EOF").valid


# ---------------------------------------------------------------- failures approve nothing


def _tanpa_pengesahan():
    assert PengesahanLaporan.objects.count() == 0


def test_wrong_passphrase_approves_nothing_and_says_why(client_for, pki, sertifikat_camat, pimpinan, hari_ini):
    data = {**SAHKAN_2024, "rahasia_tte": "salah"}
    response = laporan_util.sahkan_post(client_for(pimpinan), reverse("laporan:sahkan"), data, follow=True)
    _tanpa_pengesahan()
    assert "Frasa sandi sertifikat salah" in response.content.decode()
    assert "Laporan tidak disahkan" in response.content.decode()


def test_right_passphrase_through_the_page_approves_signed(client_for, pki, sertifikat_camat, pimpinan, hari_ini):
    response = laporan_util.sahkan_post(
        client_for(pimpinan), reverse("laporan:sahkan"), {**SAHKAN_2024, "rahasia_tte": FRASA}, follow=True
    )
    assert "disahkan (versi 1). Ditandatangani secara elektronik." in response.content.decode()
    assert tte.pdf_verifikasi(PengesahanLaporan.objects.get().berkas.read()).valid


def test_signing_and_verifying_work_under_a_running_event_loop(pki):
    async def di_dalam_loop():
        return tte.pdf_verifikasi(_tanda_tangani(pki.camat))

    # A thread of its own: the main thread may already run Playwright's loop, where asyncio.run() itself fails.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, di_dalam_loop()).result().valid


def test_missing_passphrase_approves_nothing(client_for, pki, sertifikat_camat, pimpinan, hari_ini):
    response = laporan_util.sahkan_post(client_for(pimpinan), reverse("laporan:sahkan"), SAHKAN_2024, follow=True)
    _tanpa_pengesahan()
    assert "Masukkan frasa sandi sertifikat" in response.content.decode()


def test_passphrase_never_reaches_the_database(pki, sertifikat_camat, pimpinan):
    _sahkan(pimpinan)
    from django.db import connection

    with connection.cursor() as cursor:
        for model in (SertifikatPejabat, PengesahanLaporan):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608 - our own table names
            assert FRASA not in repr(cursor.fetchall())


def test_a_certificate_expired_since_upload_approves_nothing(pki, sertifikat_camat, pimpinan, hari_ini):
    SertifikatPejabat.objects.filter(pk=sertifikat_camat.pk).update(berkas=_simpan_p12(pki.kedaluwarsa))
    with pytest.raises(tte.GagalTandaTangan, match="kedaluwarsa"):
        _sahkan(pimpinan)
    _tanpa_pengesahan()


def _simpan_p12(identitas) -> str:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    return default_storage.save("tte/uji.p12", ContentFile(identitas.pkcs12()))


def test_without_certificate_approval_is_unsigned_and_the_page_says_so(client_for, pimpinan, hari_ini, pki):
    page = client_for(pimpinan).post(reverse("laporan:sahkan"), TAHUN_2024)
    assert 'data-testid="tanpa-tte"' in page.content.decode()
    assert 'name="rahasia_tte"' not in page.content.decode()
    response = laporan_util.sahkan_post(client_for(pimpinan), reverse("laporan:sahkan"), SAHKAN_2024, follow=True)
    pesan = "Tanpa tanda tangan elektronik: pejabat penandatangan belum memiliki sertifikat."
    assert pesan in response.content.decode()
    pengesahan = PengesahanLaporan.objects.get()
    assert not tte.pdf_verifikasi(pengesahan.berkas.read()).ada_tanda_tangan


def test_with_certificate_the_approval_form_asks_for_the_passphrase(client_for, sertifikat_camat, pimpinan, hari_ini):
    page = client_for(pimpinan).post(reverse("laporan:sahkan"), TAHUN_2024).content.decode()
    assert 'type="password" name="rahasia_tte"' in page and "Frasa sandi sertifikat" in page
    assert 'data-testid="tanpa-tte"' not in page


def test_signing_failure_leaves_no_file_in_storage(pki, sertifikat_camat, pimpinan, media_root):
    with pytest.raises(tte.GagalTandaTangan):
        _sahkan(pimpinan, rahasia="salah")
    laporan_dir = media_root / "laporan"
    assert not laporan_dir.exists() or not any(laporan_dir.rglob("*.pdf"))


# ---------------------------------------------------------------- configuration: PAdES level, PKCS#11


def test_default_level_is_b_b_without_timestamper(pki):
    meta, timestamper = tte.metadata_tanda_tangan(alasan="a", lokasi="b", nama="c")
    assert meta.subfilter == fields.SigSeedSubFilter.PADES and timestamper is None
    assert not meta.embed_validation_info and tte.level_pades() == "PAdES B-B"


def test_tsa_url_gives_b_t_and_ltv_embeds_validation_info(pki, settings):
    settings.IKU_TTE_TSA_URL = "http://tsa.contoh.go.id/tsr"
    settings.IKU_TTE_LTV = True
    meta, timestamper = tte.metadata_tanda_tangan(alasan="a", lokasi="b", nama="c")
    assert timestamper.url == "http://tsa.contoh.go.id/tsr"
    assert meta.embed_validation_info and meta.validation_context is not None
    assert tte.level_pades() == "PAdES B-LT"


def test_pkcs11_is_off_without_a_module(settings):
    settings.IKU_TTE_PKCS11 = {"MODULE": "", "TOKEN_LABEL": "", "KEY_LABEL": "", "NIP": ""}
    assert tte.konfigurasi_pkcs11() is None


@pytest.mark.parametrize(
    ("conf", "pesan"),
    [
        ({"TOKEN_LABEL": "", "KEY_LABEL": "k", "NIP": "196811141990031004"}, "TOKEN_LABEL"),
        ({"TOKEN_LABEL": "t", "KEY_LABEL": "", "NIP": ""}, "KEY_LABEL, NIP"),
        ({"TOKEN_LABEL": "t", "KEY_LABEL": "k", "NIP": "196811141990031004", "MODULE": "/tidak/ada.so"}, "tidak"),
        ({"TOKEN_LABEL": "t", "KEY_LABEL": "k", "NIP": "196813141990031004"}, "NIP tidak sah"),
    ],
)
def test_pkcs11_configuration_is_checked(settings, tmp_path, conf, pesan):
    modul = tmp_path / "libtoken.so"
    modul.write_bytes(b"")
    settings.IKU_TTE_PKCS11 = {"MODULE": str(modul), **conf}
    with pytest.raises(ImproperlyConfigured, match=pesan):
        tte.konfigurasi_pkcs11()


def test_pkcs11_token_signs_for_its_pejabat_only(settings, tmp_path, camat, pimpinan, client_for, hari_ini):
    """No token here: only the configuration path (which signer is chosen, what the page asks) is tested."""
    modul = tmp_path / "libtoken.so"
    modul.write_bytes(b"")
    settings.IKU_TTE_PKCS11 = {
        "MODULE": str(modul),
        "TOKEN_LABEL": "BSrE",
        "KEY_LABEL": "ttd",
        "NIP": "19681114 199003 1 004",
    }
    penanda = tte.penanda_untuk(camat)
    assert penanda.jenis == tte.JENIS_PKCS11 and penanda.pkcs11.kunci == "ttd" and penanda.pkcs11.sertifikat == "ttd"
    page = client_for(pimpinan).post(reverse("laporan:sahkan"), TAHUN_2024).content.decode()
    assert "PIN token" in page
    settings.IKU_TTE_PKCS11 = {**settings.IKU_TTE_PKCS11, "NIP": "197001012000011001"}
    assert tte.penanda_untuk(camat) is None


def test_pkcs11_without_pin_approves_nothing(settings, tmp_path, camat, pimpinan):
    modul = tmp_path / "libtoken.so"
    modul.write_bytes(b"")
    settings.IKU_TTE_PKCS11 = {"MODULE": str(modul), "TOKEN_LABEL": "t", "KEY_LABEL": "k", "NIP": camat.nip}
    with pytest.raises(tte.GagalTandaTangan, match="PIN"):
        _sahkan(pimpinan, rahasia="")
    _tanpa_pengesahan()


def test_broken_pkcs11_configuration_is_shown_on_the_approval_form(settings, pimpinan, client_for, hari_ini):
    settings.IKU_TTE_PKCS11 = {"MODULE": "/tidak/ada.so", "TOKEN_LABEL": "t", "KEY_LABEL": "k", "NIP": "x"}
    page = client_for(pimpinan).post(reverse("laporan:sahkan"), TAHUN_2024).content.decode()
    assert "Konfigurasi tanda tangan elektronik salah" in page
    laporan_util.sahkan_post(client_for(pimpinan), reverse("laporan:sahkan"), SAHKAN_2024)
    _tanpa_pengesahan()


# ---------------------------------------------------------------- the public verification page


@pytest.fixture
def disahkan(pki, sertifikat_camat, pimpinan):
    return _sahkan(pimpinan)


def test_verification_page_validates_the_stored_signature_without_the_nip(client, disahkan):
    page = client.get(reverse("laporan:verifikasi", args=[disahkan.token])).content.decode()
    assert "Tanda tangan elektronik SAH." in page
    assert "W. PUJIANTO" in page and disahkan.sha256 in page
    assert "19681114" not in page


def test_verification_page_of_an_unsigned_report_says_so(client, pimpinan, pki):
    pengesahan = _sahkan(pimpinan, rahasia="")
    page = client.get(reverse("laporan:verifikasi", args=[pengesahan.token])).content.decode()
    assert "tanpa tanda tangan elektronik" in page


def _unggah(client, pengesahan, data: bytes, nama="laporan.pdf"):
    return client.post(
        reverse("laporan:verifikasi", args=[pengesahan.token]),
        {"berkas": SimpleUploadedFile(nama, data, content_type="application/pdf")},
    )


def test_uploaded_identical_copy_is_identical_and_valid(client, disahkan):
    page = _unggah(client, disahkan, disahkan.berkas.read()).content.decode()
    assert "Berkas identik" in page and "Tanda tangan elektronik SAH." in page


def test_uploaded_changed_copy_is_not_identical_and_not_intact(client, disahkan):
    data = bytearray(disahkan.berkas.read())
    data[len(data) // 4] ^= 0x01
    page = _unggah(client, disahkan, bytes(data)).content.decode()
    assert "Berkas TIDAK identik" in page
    assert "TIDAK SAH" in page or "bukan PDF" in page


def test_upload_that_is_not_a_pdf_is_refused(client, disahkan):
    page = _unggah(client, disahkan, b"<html><script>alert(1)</script>", nama="laporan.pdf").content.decode()
    assert "Berkas bukan PDF." in page and "Berkas identik" not in page


def test_upload_over_the_size_cap_is_refused(client, disahkan, settings):
    settings.IKU_TTE_VERIFIKASI_MAX_BYTES = 1024
    page = _unggah(client, disahkan, disahkan.berkas.read()).content.decode()
    assert "Berkas terlalu besar (maksimal 0 MB)" in page or "Berkas terlalu besar" in page
    assert "Berkas identik" not in page


def test_upload_needs_csrf(disahkan):
    client = Client(enforce_csrf_checks=True)
    assert _unggah(client, disahkan, disahkan.berkas.read()).status_code == 403


def test_upload_is_rate_limited(client, disahkan, settings):
    from django.core.cache import cache

    cache.clear()
    settings.IKU_TTE_VERIFIKASI_PER_10_MENIT = 1
    assert "Berkas identik" in _unggah(client, disahkan, disahkan.berkas.read()).content.decode()
    # A forged X-Forwarded-For does not buy a fresh quota (no proxy configured).
    page = client.post(
        reverse("laporan:verifikasi", args=[disahkan.token]),
        {"berkas": SimpleUploadedFile("l.pdf", disahkan.berkas.read(), content_type="application/pdf")},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    ).content.decode()
    assert "Terlalu banyak unggahan" in page and "Berkas identik" not in page
    cache.clear()


# ---------------------------------------------------------------- the command


def test_command_valid_signed_file_exits_zero(tmp_path, disahkan):
    berkas = tmp_path / "laporan.pdf"
    berkas.write_bytes(disahkan.berkas.read())
    out = io.StringIO()
    call_command("verifikasi_pdf", str(berkas), stdout=out)
    teks = out.getvalue()
    assert "Tanda tangan elektronik SAH." in teks and "Identik dengan laporan yang disahkan" in teks
    assert "versi 1" in teks and "W. PUJIANTO" in teks


@pytest.mark.parametrize(
    ("ubah", "kode", "pesan"),
    [
        (lambda d: d[: len(d) // 4] + bytes([d[len(d) // 4] ^ 1]) + d[len(d) // 4 + 1 :], 1, "TIDAK SAH"),
        (lambda d: b"bukan pdf", 2, "bukan PDF"),
    ],
)
def test_command_invalid_verdicts(tmp_path, disahkan, ubah, kode, pesan):
    berkas = tmp_path / "laporan.pdf"
    berkas.write_bytes(ubah(disahkan.berkas.read()))
    out = io.StringIO()
    with pytest.raises(CommandError, match=pesan) as exc:
        call_command("verifikasi_pdf", str(berkas), stdout=out)
    assert exc.value.returncode == kode
    if kode == 1:
        assert "Tidak identik" in out.getvalue()


def test_command_untrusted_and_unsigned_exit_non_zero(tmp_path, pki, db):
    from weasyprint import HTML

    for data, pesan in (
        (_tanda_tangani(pki.asing), "TIDAK SAH"),
        (HTML(string="<p>x</p>").write_pdf(), "tidak memuat tanda tangan"),
    ):
        berkas = tmp_path / "x.pdf"
        berkas.write_bytes(data)
        with pytest.raises(CommandError, match=pesan) as exc:
            call_command("verifikasi_pdf", str(berkas), stdout=io.StringIO())
        assert exc.value.returncode == 1


def test_command_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="tidak dapat dibaca") as exc:
        call_command("verifikasi_pdf", str(tmp_path / "tidak-ada.pdf"))
    assert exc.value.returncode == 2


def test_an_uploaded_file_is_validated_without_fetching_its_urls(client, disahkan, settings, monkeypatch):
    """The uploader chooses the certificates, hence the CRL/OCSP/AIA URLs: fetching them would be an SSRF."""
    settings.IKU_TTE_AMBIL_REVOKASI = True
    konteks = []
    asli = tte.ValidationContext
    # Recorded, then built without fetching: the test itself must not reach the network.
    monkeypatch.setattr(
        tte,
        "ValidationContext",
        lambda **kw: konteks.append(kw["allow_fetching"]) or asli(**{**kw, "allow_fetching": False}),
    )
    cache.clear()
    _unggah(client, disahkan, disahkan.berkas.read())
    # One validation for the stored PDF (fetching allowed by the setting), one for the upload (never).
    assert konteks == [True, False]
