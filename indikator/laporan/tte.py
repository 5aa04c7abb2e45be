"""Tanda tangan elektronik (TTE) on approved reports: PAdES signing and verification with pyHanko.

Signing: the approved PDF gets a PAdES signature (B-B; B-T when ``IKU_TTE_TSA_URL`` is set;
B-LT when ``IKU_TTE_LTV`` is on and revocation data can be had) in a visible field laid over
the space of the signature block. Two signer types: a PKCS#12 file per pejabat (opened with a
passphrase typed at approval, never stored) and a PKCS#11 token configured by settings
(PIN typed at approval). See docs/tanda-tangan.md.

Verification: the first signature of a PDF, checked for integrity, later modifications and
its certificate chain against ``IKU_TTE_TRUST_ROOTS``; the verdict reads in Bahasa Indonesia.
"""

import asyncio
import contextlib
import datetime
import hashlib
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.views.decorators.debug import sensitive_variables
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.ades.report import AdESIndeterminate, AdESSubIndic
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

NAMA_FIELD = "TTE_Pengesahan"
ID_KOTAK = "kotak-tte"
# WeasyPrint lays out in CSS px (96 per inch); PDF user space is in points (72 per inch).
PX_KE_PT = 0.75

JENIS_PKCS12 = "pkcs12"
JENIS_PKCS11 = "pkcs11"


class GagalTandaTangan(ValidationError):
    """Signing could not be done; the message says why in Bahasa Indonesia. Nothing is approved."""


def _tanpa_loop(fungsi, *args, **kwargs):
    """Call one of pyHanko's sync wrappers, which use ``asyncio.run()``.

    Under a running event loop (an ASGI server, Playwright's sync API in the tests) that call
    would fail, so there it runs in a short-lived thread of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fungsi(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fungsi, *args, **kwargs).result()


# ---------------------------------------------------------------- signers


@dataclass(frozen=True)
class KotakTTE:
    """Where the visible signature goes: page index and (x1, y1, x2, y2) in PDF points."""

    halaman: int
    kotak: tuple[float, float, float, float]


@dataclass(frozen=True)
class KonfigurasiPKCS11:
    modul: str
    token: str
    kunci: str
    sertifikat: str
    nip: str


def konfigurasi_pkcs11() -> KonfigurasiPKCS11 | None:
    """The PKCS#11 token from settings, checked; ``None`` when no token is configured.

    ``IKU_TTE_PKCS11`` is a dict with MODULE (path of the PKCS#11 library), TOKEN_LABEL,
    KEY_LABEL, optionally CERT_LABEL (default: the key label) and NIP (the pejabat who owns
    the token: the key signs only that pejabat's approvals).
    """
    conf = getattr(settings, "IKU_TTE_PKCS11", None) or {}
    if not conf.get("MODULE"):
        return None
    from kecamatan.nip import normalize_nip, validate_nip

    kurang = [k for k in ("TOKEN_LABEL", "KEY_LABEL", "NIP") if not str(conf.get(k) or "").strip()]
    if kurang:
        raise ImproperlyConfigured(f"IKU_TTE_PKCS11: {', '.join(kurang)} harus diisi bila MODULE diisi.")
    if not Path(conf["MODULE"]).is_file():
        raise ImproperlyConfigured(f"IKU_TTE_PKCS11: modul PKCS#11 {conf['MODULE']} tidak ditemukan.")
    nip = normalize_nip(str(conf["NIP"]))
    try:
        validate_nip(nip)
    except ValidationError as exc:
        raise ImproperlyConfigured(f"IKU_TTE_PKCS11: NIP tidak sah ({' '.join(exc.messages)}).") from exc
    return KonfigurasiPKCS11(
        modul=str(conf["MODULE"]),
        token=str(conf["TOKEN_LABEL"]),
        kunci=str(conf["KEY_LABEL"]),
        sertifikat=str(conf.get("CERT_LABEL") or conf["KEY_LABEL"]),
        nip=nip,
    )


@dataclass(frozen=True)
class Penanda:
    """Who signs an approval electronically: the pejabat's PKCS#12 file, or the configured token."""

    jenis: str
    pejabat_id: int
    sertifikat: object = None  # kecamatan.SertifikatPejabat for PKCS#12
    pkcs11: KonfigurasiPKCS11 | None = None

    @property
    def label_rahasia(self) -> str:
        return "PIN token" if self.jenis == JENIS_PKCS11 else "Frasa sandi sertifikat"


def penanda_untuk(pejabat) -> Penanda | None:
    """The signer type of ``pejabat`` (a Pejabat or None): PKCS#12 on file wins over the token."""
    if pejabat is None:
        return None
    sertifikat = getattr(pejabat, "sertifikat_tte", None)
    if sertifikat is not None:
        return Penanda(jenis=JENIS_PKCS12, pejabat_id=pejabat.pk, sertifikat=sertifikat)
    pkcs11 = konfigurasi_pkcs11()
    if pkcs11 is not None and pkcs11.nip == pejabat.nip:
        return Penanda(jenis=JENIS_PKCS11, pejabat_id=pejabat.pk, pkcs11=pkcs11)
    return None


def penanda_laporan(kecamatan, tanggal: datetime.date) -> Penanda | None:
    """The electronic signer of ``kecamatan``'s report signed on ``tanggal`` (same pejabat as the printed block)."""
    from kecamatan.models import Pejabat
    from kecamatan.penandatangan import blok_tanda_tangan_kecamatan

    blok = blok_tanda_tangan_kecamatan(kecamatan, tanggal)
    if blok is None or blok.pejabat_id is None:
        return None
    return penanda_untuk(Pejabat.objects.select_related("sertifikat_tte").filter(pk=blok.pejabat_id).first())


PESAN_FRASA_KOSONG = "Masukkan frasa sandi sertifikat penandatangan. Laporan tidak disahkan."
PESAN_PIN_KOSONG = "Masukkan PIN token penandatangan. Laporan tidak disahkan."
PESAN_FRASA_SALAH = "Frasa sandi sertifikat salah: berkas sertifikat tidak dapat dibuka. Laporan tidak disahkan."


@sensitive_variables("rahasia")
def rahasia_wajib(penanda: Penanda | None, rahasia: str) -> None:
    """Refuse, as the signer would, an approval whose signer needs a passphrase or PIN that was not typed.

    Asked before the approval job starts, so the form answers at once; the signer asks again.
    """
    if penanda is not None and not rahasia:
        raise GagalTandaTangan(PESAN_PIN_KOSONG if penanda.jenis == JENIS_PKCS11 else PESAN_FRASA_KOSONG)


@sensitive_variables("frasa_sandi")
def _signer_pkcs12(data: bytes, frasa_sandi: str) -> signers.SimpleSigner:
    if not frasa_sandi:
        raise GagalTandaTangan(PESAN_FRASA_KOSONG)
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=frasa_sandi.encode())
    except ValueError as exc:
        raise GagalTandaTangan(PESAN_FRASA_SALAH, code="frasa") from exc


@contextlib.contextmanager
def _signer_pkcs11(conf: KonfigurasiPKCS11, pin: str):
    # Imported here: python-pkcs11 loads a native library, needed only where a token is configured.
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11 as hanko_pkcs11

    if not pin:
        raise GagalTandaTangan(PESAN_PIN_KOSONG)
    try:
        session = hanko_pkcs11.open_pkcs11_session(
            conf.modul, token_criteria=TokenCriteria(label=conf.token), user_pin=pin
        )
    except Exception as exc:
        # The PIN never goes into the message or the log.
        logger.warning("PKCS#11 session could not be opened (%s)", type(exc).__name__)
        raise GagalTandaTangan(
            "Token tidak dapat dibuka: PIN salah, token tidak terpasang, atau labelnya tidak cocok. "
            "Laporan tidak disahkan.",
            code="pin",
        ) from exc
    try:
        yield hanko_pkcs11.PKCS11Signer(session, key_label=conf.kunci, cert_label=conf.sertifikat)
    finally:
        session.close()


# ---------------------------------------------------------------- signing


def _akar_tepercaya() -> list[asn1_x509.Certificate]:
    berkas = list(getattr(settings, "IKU_TTE_TRUST_ROOTS", []) or [])
    try:
        return list(load_certs_from_pemder(berkas))
    except OSError as exc:
        raise ImproperlyConfigured(f"IKU_TTE_TRUST_ROOTS: berkas tidak dapat dibaca ({exc}).") from exc


def konteks_validasi(*, untuk_tanda_tangan: bool = False, boleh_ambil: bool = True) -> ValidationContext:
    """Trust roots from settings; revocation data fetched only where allowed (never in tests).

    ``boleh_ambil=False`` never fetches, whatever the settings: the certificates of a file someone
    uploaded name the CRL/OCSP/AIA URLs, and fetching them would let anyone make the server call any
    address (SSRF).
    """
    ambil = boleh_ambil and (settings.IKU_TTE_AMBIL_REVOKASI or (untuk_tanda_tangan and settings.IKU_TTE_LTV))
    return ValidationContext(
        trust_roots=_akar_tepercaya(),
        allow_fetching=ambil,
        # soft-fail: a certificate without reachable CRL/OCSP is not rejected for that alone.
        revocation_mode="soft-fail",
    )


def metadata_tanda_tangan(*, alasan: str, lokasi: str, nama: str):
    """PdfSignatureMetadata and timestamper for the configured PAdES level (B-B, B-T, B-LT)."""
    tsa = getattr(settings, "IKU_TTE_TSA_URL", "")
    ltv = bool(getattr(settings, "IKU_TTE_LTV", False))
    meta = signers.PdfSignatureMetadata(
        field_name=NAMA_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=alasan,
        location=lokasi,
        name=nama,
        embed_validation_info=ltv,
        validation_context=konteks_validasi(untuk_tanda_tangan=True) if ltv else None,
    )
    timestamper = timestamps.HTTPTimeStamper(tsa) if tsa else None
    return meta, timestamper


def level_pades() -> str:
    if getattr(settings, "IKU_TTE_LTV", False):
        return "PAdES B-LT" if settings.IKU_TTE_TSA_URL else "PAdES B-B + data validasi"
    return "PAdES B-T" if settings.IKU_TTE_TSA_URL else "PAdES B-B"


def teks_cap(ttd: dict, waktu: datetime.datetime) -> str:
    """The visible stamp: who signed (jabatan with Plt./Plh./a.n., name, NIP) and when."""
    lokal = waktu.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    baris = [
        "Ditandatangani secara elektronik",
        *ttd.get("baris_jabatan", []),
        ttd.get("nama", ""),
        f"NIP. {ttd.get('nip', '')}",
        f"{lokal:%d-%m-%Y %H.%M} WIB",
    ]
    return "\n".join(b for b in baris if b)


def _tanda_tangani(pdf: bytes, signer, *, kotak: KotakTTE | None, ttd: dict, waktu: datetime.datetime) -> bytes:
    meta, timestamper = metadata_tanda_tangan(
        alasan="Pengesahan Laporan Capaian IKU", lokasi=ttd.get("tempat", ""), nama=ttd.get("nama", "")
    )
    spec = None
    if kotak is not None:
        spec = fields.SigFieldSpec(sig_field_name=NAMA_FIELD, on_page=kotak.halaman, box=kotak.kotak)
    gaya = TextStampStyle(
        stamp_text=teks_cap(ttd, waktu),
        text_box_style=TextBoxStyle(font_size=7, leading=8),
        border_width=1,
        background=None,
    )
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=gaya, new_field_spec=spec)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    hasil = _tanpa_loop(pdf_signer.sign_pdf, writer)
    return hasil.getvalue()


@sensitive_variables("rahasia")
def pdf_tandatangani(
    pdf: bytes, *, penanda: Penanda, rahasia: str, kotak: KotakTTE | None, ttd: dict, waktu: datetime.datetime
) -> bytes:
    """Sign ``pdf`` for ``penanda`` with ``rahasia`` (PKCS#12 passphrase or token PIN). Raises GagalTandaTangan."""
    try:
        if penanda.jenis == JENIS_PKCS12:
            with penanda.sertifikat.berkas.open("rb") as f:
                data = f.read()
            signer = _signer_pkcs12(data, rahasia)
            _periksa_masa_berlaku(signer.signing_cert.native["tbs_certificate"]["validity"], waktu)
            return _tanda_tangani(pdf, signer, kotak=kotak, ttd=ttd, waktu=waktu)
        with _signer_pkcs11(penanda.pkcs11, rahasia) as signer:
            return _tanda_tangani(pdf, signer, kotak=kotak, ttd=ttd, waktu=waktu)
    except GagalTandaTangan:
        raise
    except Exception as exc:
        logger.exception("PDF signing failed")
        raise GagalTandaTangan(
            f"Tanda tangan elektronik gagal dibuat ({type(exc).__name__}); laporan tidak disahkan."
        ) from exc


def _periksa_masa_berlaku(validity: dict, waktu: datetime.datetime) -> None:
    if not (validity["not_before"] <= waktu <= validity["not_after"]):
        raise GagalTandaTangan(
            "Sertifikat penandatangan sudah kedaluwarsa atau belum berlaku; unggah sertifikat yang berlaku. "
            "Laporan tidak disahkan."
        )


# ---------------------------------------------------------------- verification


@dataclass
class HasilVerifikasi:
    """The verdict on one PDF: its fingerprint and its (first) signature."""

    sha256: str
    ukuran: int
    pdf: bool = True
    ada_tanda_tangan: bool = False
    utuh: bool = False
    tidak_diubah: bool = False
    tepercaya: bool = False
    masalah: str = ""  # kedaluwarsa | tidak_tepercaya | dicabut | lain
    penandatangan: str = ""
    waktu_tanda_tangan: datetime.datetime | None = None
    waktu_cap_waktu: datetime.datetime | None = None
    sertifikat_berlaku_sampai: datetime.datetime | None = None
    rincian: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.pdf and self.ada_tanda_tangan and self.utuh and self.tidak_diubah and self.tepercaya

    @property
    def pesan(self) -> list[str]:
        """The verdict, sentence by sentence, in Bahasa Indonesia."""
        if not self.pdf:
            return ["Berkas bukan PDF yang dapat dibaca."]
        if not self.ada_tanda_tangan:
            return ["PDF ini tidak memuat tanda tangan elektronik."]
        baris = [
            "Tanda tangan utuh: isi yang ditandatangani tidak berubah."
            if self.utuh
            else "Tanda tangan TIDAK UTUH: isi dokumen berubah setelah ditandatangani.",
        ]
        if not self.utuh:
            return baris
        baris.append(
            "Tidak ada perubahan setelah penandatanganan."
            if self.tidak_diubah
            else "Dokumen DIUBAH setelah ditandatangani (ada revisi tambahan yang tidak sah)."
        )
        baris.append(
            {
                "": "Sertifikat penandatangan tepercaya (rantai sampai ke akar tepercaya yang dikonfigurasi).",
                "kedaluwarsa": "Sertifikat penandatangan sudah kedaluwarsa atau belum berlaku.",
                "tidak_tepercaya": "Sertifikat penandatangan TIDAK TEPERCAYA: rantainya tidak sampai ke akar "
                "tepercaya yang dikonfigurasi.",
                "dicabut": "Sertifikat penandatangan sudah DICABUT.",
                "lain": "Sertifikat penandatangan tidak dapat divalidasi.",
            }[self.masalah if not self.tepercaya else ""]
        )
        return baris

    @property
    def ringkasan(self) -> str:
        if self.valid:
            return "Tanda tangan elektronik SAH."
        if not self.pdf or not self.ada_tanda_tangan:
            return self.pesan[0]
        return "Tanda tangan elektronik TIDAK SAH."


_KEDALUWARSA = {
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
    AdESIndeterminate.EXPIRED,
    AdESIndeterminate.NOT_YET_VALID,
}
_TIDAK_TEPERCAYA = {AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND, AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE}


def _jenis_masalah(indikasi: AdESSubIndic | None) -> str:
    if indikasi is None:
        return "lain"
    if indikasi in _KEDALUWARSA:
        return "kedaluwarsa"
    if indikasi in _TIDAK_TEPERCAYA:
        return "tidak_tepercaya"
    if indikasi in (AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE) or "REVOKED" in str(
        indikasi
    ):
        return "dicabut"
    return "lain"


def pdf_verifikasi(data: bytes, *, tersimpan: bool = False) -> HasilVerifikasi:
    """Validate the signature of ``data`` against the configured trust roots. Never raises on bad input.

    Revocation data may be fetched (when the settings allow it) only for ``tersimpan``, the PDF this
    application signed and stored; any other file is validated without a network call.
    """
    hasil = HasilVerifikasi(sha256=hashlib.sha256(data).hexdigest(), ukuran=len(data))
    # The header may sit anywhere in the first KiB (ISO 32000-1, annex H); the tail must say %%EOF.
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:
        hasil.pdf = False
        return hasil
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        tanda_tangan = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError) as exc:
        hasil.pdf = False
        hasil.rincian.append(type(exc).__name__)
        return hasil
    if not tanda_tangan:
        return hasil
    hasil.ada_tanda_tangan = True
    sig = tanda_tangan[0]
    try:
        status = _tanpa_loop(
            validate_pdf_signature, sig, signer_validation_context=konteks_validasi(boleh_ambil=tersimpan)
        )
    except Exception as exc:
        # A damaged signature dictionary or CMS blob: not intact, whatever the cause.
        logger.info("signature validation error: %s", exc)
        hasil.rincian.append(type(exc).__name__)
        return hasil
    hasil.utuh = bool(status.intact and status.valid)
    hasil.tidak_diubah = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level == ModificationLevel.LTA_UPDATES
        and status.docmdp_ok
    )
    hasil.tepercaya = bool(status.trusted)
    if not hasil.tepercaya:
        hasil.masalah = _jenis_masalah(status.trust_problem_indic)
    sertifikat = status.signing_cert
    hasil.penandatangan = sertifikat.subject.native.get("common_name", sertifikat.subject.human_friendly)
    hasil.sertifikat_berlaku_sampai = sertifikat.not_valid_after
    hasil.waktu_tanda_tangan = status.signer_reported_dt
    if status.timestamp_validity is not None:
        hasil.waktu_cap_waktu = status.timestamp_validity.timestamp
    return hasil
