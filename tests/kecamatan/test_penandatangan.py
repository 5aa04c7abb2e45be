import datetime

from kecamatan.models import Pejabat
from kecamatan.penandatangan import blok_tanda_tangan

D = datetime.date


def pejabat(nama, jabatan, status=Pejabat.Status.DEFINITIF, mulai=None, selesai=None, nip="196811141990031004", pk=1):
    return Pejabat(pk=pk, nama=nama, nip=nip, jabatan=jabatan, status=status, mulai=mulai, selesai=selesai)


CAMAT = pejabat("W. PUJIANTO", Pejabat.Jabatan.CAMAT, mulai=D(2020, 1, 6), selesai=D(2024, 6, 30), pk=1)
SEKCAM = pejabat("HARI SANTOSO", Pejabat.Jabatan.SEKRETARIS_CAMAT, mulai=D(2019, 1, 1), nip="197205172000031003", pk=2)
PLT = pejabat("BUDI", Pejabat.Jabatan.CAMAT, status=Pejabat.Status.PLT, mulai=D(2024, 7, 1), pk=3)
PLH = pejabat(
    "ANI", Pejabat.Jabatan.CAMAT, status=Pejabat.Status.PLH, mulai=D(2023, 3, 1), selesai=D(2023, 3, 14), pk=4
)


def blok(tanggal, *daftar, atas_nama=False):
    return blok_tanda_tangan(
        nama_kecamatan="Senduro", tempat="Senduro", pejabat=daftar, tanggal=tanggal, atas_nama=atas_nama
    )


def test_camat_in_office_signs_with_formatted_nip():
    b = blok(D(2023, 10, 17), CAMAT, SEKCAM)
    assert b.baris_jabatan == ("CAMAT SENDURO",)
    assert b.nama == "W. PUJIANTO"
    assert b.nip == "19681114 199003 1 004"


def test_last_day_of_term_still_signs_and_the_next_day_does_not():
    assert blok(D(2024, 6, 30), CAMAT, PLT).nama == "W. PUJIANTO"
    b = blok(D(2024, 7, 1), CAMAT, PLT)
    assert b.nama == "BUDI"
    assert b.baris_jabatan == ("Plt. CAMAT SENDURO",)


def test_plh_during_a_leave_signs_over_the_definitive_camat():
    b = blok(D(2023, 3, 14), CAMAT, PLH)
    assert b.baris_jabatan == ("Plh. CAMAT SENDURO",)
    assert blok(D(2023, 3, 15), CAMAT, PLH).nama == "W. PUJIANTO"


def test_atas_nama_is_signed_by_the_sekretaris_camat():
    b = blok(D(2023, 10, 17), CAMAT, SEKCAM, atas_nama=True)
    assert b.baris_jabatan == ("a.n. CAMAT SENDURO", "Sekretaris Camat")
    assert b.nama == "HARI SANTOSO"
    assert b.nip == "19720517 200003 1 003"


def test_without_a_camat_the_sekretaris_signs_atas_nama():
    b = blok(D(2019, 6, 1), CAMAT, SEKCAM)
    assert b.baris_jabatan[0] == "a.n. CAMAT SENDURO"


def test_nobody_in_office_gives_no_block():
    assert blok(D(2018, 1, 1), CAMAT, SEKCAM) is None
