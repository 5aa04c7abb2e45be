"""Demo organisation for the first-run command: users of every role, seksi, pejabat, targets.

Deterministic and idempotent: a second run finds everything in place and only
resets the demo passwords, so the printed logins always work.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from indikator.models import KodeIndikator, TargetIKU
from kecamatan.models import Keanggotaan, Pejabat, Peran, Seksi
from wilayah.models import Desa, Kabupaten, Kecamatan
from wilayah.versi import versi_data_naikkan

DEMO_PASSWORD = "demo-iku-2026"
DEMO_KECAMATAN = {"35.08.12": "senduro", "35.08.10": "lumajang"}

SEKSI_STANDAR = [
    (Seksi.Jenis.SUB_BAGIAN, "Sub Bagian Umum dan Kepegawaian"),
    (Seksi.Jenis.SUB_BAGIAN, "Sub Bagian Perencanaan dan Keuangan"),
    (Seksi.Jenis.SEKSI, "Seksi Pemerintahan"),
    (Seksi.Jenis.SEKSI, "Seksi Ketenteraman dan Ketertiban Umum"),
    (Seksi.Jenis.SEKSI, "Seksi Pemberdayaan Masyarakat dan Desa"),
    (Seksi.Jenis.SEKSI, "Seksi Pelayanan Umum"),
    (Seksi.Jenis.SEKSI, "Seksi Kesejahteraan Sosial"),
]

# Fictional officials beside the real signatories of the seed documents.
SEKCAM = {
    "35.08.12": ("Drs. HARI SANTOSO, M.M.", "197205172000031003", "Pembina (IV/a)"),
    "35.08.10": ("SITI AMINAH, S.Sos., M.Si.", "197808222003122004", "Pembina (IV/a)"),
}
KASI_PEMERINTAHAN = {
    "35.08.12": ("AGUS PRASETYO, S.IP.", "198003152006041012", "Penata Tingkat I (III/d)"),
    "35.08.10": ("RINA WULANDARI, S.H.", "198511092010012015", "Penata Tingkat I (III/d)"),
}


DEMO_DESA_OPERATOR = "35.08.12.2001"  # Desa Purworejo, Kecamatan Senduro


@dataclass(frozen=True)
class DemoLogin:
    username: str
    peran: str
    lingkup: str


def _user(username, *, first_name, peran, kecamatan=None, kabupaten=None, seksi=None, desa=None):
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first_name})
    user.set_password(DEMO_PASSWORD)
    user.is_active = True
    user.save()
    Keanggotaan.objects.update_or_create(
        user=user,
        defaults={"peran": peran, "kecamatan": kecamatan, "kabupaten": kabupaten, "seksi": seksi, "desa": desa},
    )
    return DemoLogin(username=username, peran=Peran(peran).label, lingkup=str(desa or kecamatan or kabupaten))


@transaction.atomic
def organisasi_demo_load(*, hari_ini: datetime.date, kabupaten_kode: str = "35.08") -> list[DemoLogin]:
    kabupaten = Kabupaten.objects.get(kode=kabupaten_kode)
    logins = []
    for kode, slug in DEMO_KECAMATAN.items():
        kecamatan = Kecamatan.objects.get(kode=kode)
        # Seksi, pejabat and targets below appear in its figures and reports.
        versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
        seksi = {}
        for urutan, (jenis, nama) in enumerate(SEKSI_STANDAR, start=1):
            seksi[nama], _ = Seksi.objects.get_or_create(
                kecamatan=kecamatan, nama=nama, defaults={"jenis": jenis, "urutan": urutan}
            )
        pemerintahan = seksi["Seksi Pemerintahan"]
        nama, nip, pangkat = SEKCAM[kode]
        Pejabat.objects.get_or_create(
            kecamatan=kecamatan,
            nip=nip,
            jabatan=Pejabat.Jabatan.SEKRETARIS_CAMAT,
            defaults={"nama": nama, "pangkat_golongan": pangkat, "mulai": datetime.date(2022, 1, 3)},
        )
        nama, nip, pangkat = KASI_PEMERINTAHAN[kode]
        Pejabat.objects.get_or_create(
            kecamatan=kecamatan,
            nip=nip,
            jabatan=Pejabat.Jabatan.KEPALA_SEKSI,
            defaults={
                "nama": nama,
                "pangkat_golongan": pangkat,
                "seksi": pemerintahan,
                "mulai": datetime.date(2021, 7, 1),
            },
        )
        for tahun in range(hari_ini.year - 2, hari_ini.year + 1):
            for indikator in KodeIndikator:
                TargetIKU.objects.get_or_create(
                    kecamatan=kecamatan, indikator=indikator, tahun=tahun, defaults={"target": Decimal("100")}
                )
        logins += [
            _user(
                f"{slug}.staf",
                first_name=f"Staf {kecamatan.nama}",
                peran=Peran.STAF,
                kecamatan=kecamatan,
                seksi=pemerintahan,
            ),
            _user(
                f"{slug}.kasi",
                first_name=f"Kasi Pemerintahan {kecamatan.nama}",
                peran=Peran.KASI,
                kecamatan=kecamatan,
                seksi=pemerintahan,
            ),
            _user(f"{slug}.camat", first_name=f"Camat {kecamatan.nama}", peran=Peran.PIMPINAN, kecamatan=kecamatan),
        ]
    # docs/DESIGN.md §2.7: one desa of Senduro hands in its own documents.
    desa_operator = Desa.objects.get(kode=DEMO_DESA_OPERATOR)
    logins.append(
        _user(
            f"senduro.desa.{desa_operator.nama.lower().replace(' ', '')}",
            first_name=f"Operator Desa {desa_operator.nama}",
            peran=Peran.OPERATOR_DESA,
            kecamatan=desa_operator.kecamatan,
            desa=desa_operator,
        )
    )
    logins += [
        _user("admin.kabupaten", first_name="Bagian Pemerintahan", peran=Peran.ADMIN_KABUPATEN, kabupaten=kabupaten),
        _user("pemeriksa", first_name="Inspektorat", peran=Peran.PEMERIKSA, kabupaten=kabupaten),
    ]
    return logins
