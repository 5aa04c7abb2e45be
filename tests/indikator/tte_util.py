"""A throw-away PKI for the TTE tests: a test CA, signer certificates (valid, expired, untrusted), PKCS#12 files.

Everything is generated with ``cryptography`` at test time; nothing is read from outside the repository.
"""

import datetime
from dataclasses import dataclass

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

FRASA = "frasa-sandi-uji-7"
SEKARANG = datetime.datetime.now(datetime.UTC)


@dataclass(frozen=True)
class Identitas:
    kunci: ec.EllipticCurvePrivateKey
    sertifikat: x509.Certificate
    rantai: tuple[x509.Certificate, ...] = ()

    def pkcs12(self, frasa: str = FRASA) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"penandatangan",
            self.kunci,
            self.sertifikat,
            list(self.rantai) or None,
            serialization.BestAvailableEncryption(frasa.encode()),
        )


def _nama(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def buat_ca(cn: str = "CA Uji IKU Kecamatan") -> Identitas:
    kunci = ec.generate_private_key(ec.SECP256R1())
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(_nama(cn))
        .issuer_name(_nama(cn))
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(SEKARANG - datetime.timedelta(days=3650))
        .not_valid_after(SEKARANG + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), critical=False)
        .sign(kunci, hashes.SHA256())
    )
    return Identitas(kunci, sertifikat)


def buat_penandatangan(
    ca: Identitas,
    cn: str = "W. PUJIANTO",
    *,
    mulai: datetime.datetime | None = None,
    sampai: datetime.datetime | None = None,
    untuk_tanda_tangan: bool = True,
) -> Identitas:
    kunci = ec.generate_private_key(ec.SECP256R1())
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(_nama(cn))
        .issuer_name(ca.sertifikat.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai or SEKARANG - datetime.timedelta(days=30))
        .not_valid_after(sampai or SEKARANG + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=untuk_tanda_tangan,
                content_commitment=untuk_tanda_tangan,
                key_encipherment=not untuk_tanda_tangan,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.kunci.public_key()), critical=False)
        .sign(ca.kunci, hashes.SHA256())
    )
    return Identitas(kunci, sertifikat, (ca.sertifikat,))


@dataclass(frozen=True)
class PKI:
    ca: Identitas
    camat: Identitas
    kedaluwarsa: Identitas
    asing: Identitas  # chains to a CA that is not a configured trust root


@pytest.fixture(scope="session")
def pki_dasar() -> PKI:
    ca = buat_ca()
    ca_asing = buat_ca("CA Asing")
    return PKI(
        ca=ca,
        camat=buat_penandatangan(ca),
        kedaluwarsa=buat_penandatangan(
            ca,
            mulai=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
            sampai=datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC),
        ),
        asing=buat_penandatangan(ca_asing),
    )


@pytest.fixture
def pki(pki_dasar, settings, tmp_path) -> PKI:
    """The test CA written as a PEM file and configured as the only trust root."""
    akar = tmp_path / "akar-uji.pem"
    akar.write_bytes(pki_dasar.ca.sertifikat.public_bytes(serialization.Encoding.PEM))
    settings.IKU_TTE_TRUST_ROOTS = [str(akar)]
    settings.IKU_TTE_TSA_URL = ""
    settings.IKU_TTE_LTV = False
    settings.IKU_TTE_AMBIL_REVOKASI = False
    return pki_dasar
