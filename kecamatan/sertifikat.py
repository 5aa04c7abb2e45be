"""PKCS#12 certificates of pejabat (TTE): opened and checked on upload, the passphrase only held in memory.

Who may manage them, and what makes a file acceptable: it opens with the passphrase typed
at upload, holds a private key and its certificate, the key matches the certificate, and
the certificate is in force on the upload day and allows digital signatures.
"""

import datetime
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, pkcs12
from django.conf import settings
from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables


@dataclass(frozen=True)
class InfoSertifikat:
    subjek: str
    penerbit: str
    nomor_seri: str
    berlaku_mulai: datetime.datetime
    berlaku_sampai: datetime.datetime
    sha256_sertifikat: str


def _nama(name: x509.Name) -> str:
    cn = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else name.rfc4514_string()


@sensitive_variables("frasa_sandi")
def pkcs12_periksa(data: bytes, frasa_sandi: str, *, sekarang: datetime.datetime) -> InfoSertifikat:
    """Open and check a PKCS#12 file; a ValidationError in Bahasa Indonesia names what is wrong."""
    if len(data) > settings.IKU_TTE_PKCS12_MAX_BYTES:
        raise ValidationError("Berkas terlalu besar untuk sebuah sertifikat PKCS#12.", code="ukuran")
    try:
        kunci, sertifikat, _ = pkcs12.load_key_and_certificates(data, frasa_sandi.encode() if frasa_sandi else None)
    except (ValueError, TypeError) as exc:
        # cryptography cannot tell a wrong passphrase from a damaged file; neither can we.
        raise ValidationError(
            "Berkas tidak dapat dibuka: frasa sandi salah atau berkas bukan PKCS#12 (.p12/.pfx).", code="frasa"
        ) from exc
    if kunci is None or sertifikat is None:
        raise ValidationError("Berkas harus memuat kunci privat beserta sertifikatnya.", code="isi")
    publik = sertifikat.public_key()
    spki = Encoding.DER, PublicFormat.SubjectPublicKeyInfo
    if publik.public_bytes(*spki) != kunci.public_key().public_bytes(*spki):
        raise ValidationError("Kunci privat tidak cocok dengan sertifikat di dalam berkas.", code="isi")
    if sertifikat.not_valid_after_utc < sekarang:
        raise ValidationError(
            f"Sertifikat sudah kedaluwarsa (berlaku sampai {sertifikat.not_valid_after_utc:%d-%m-%Y}).",
            code="kedaluwarsa",
        )
    if sertifikat.not_valid_before_utc > sekarang:
        raise ValidationError("Sertifikat belum berlaku.", code="belum_berlaku")
    try:
        penggunaan = sertifikat.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        penggunaan = None
    if penggunaan is not None and not (penggunaan.digital_signature or penggunaan.content_commitment):
        raise ValidationError("Sertifikat ini tidak untuk tanda tangan digital.", code="penggunaan")
    return InfoSertifikat(
        subjek=_nama(sertifikat.subject)[:200],
        penerbit=_nama(sertifikat.issuer)[:300],
        nomor_seri=format(sertifikat.serial_number, "X")[:64],
        berlaku_mulai=sertifikat.not_valid_before_utc,
        berlaku_sampai=sertifikat.not_valid_after_utc,
        sha256_sertifikat=hashlib.sha256(sertifikat.public_bytes(Encoding.DER)).hexdigest(),
    )
