"""The access layer, function by function and role by role (docs/DESIGN.md §3.4, issue 18.2).

Every ``access_<thing>_by_<key>`` is called by every kind of user on an object of Senduro (kabupaten
35.08): the object itself, ``Http404`` (outside the scope, or missing: one message for both) or
``PermissionDenied`` (in scope, but not for this role and this ``untuk``).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from desa import akses as akses_desa
from indikator import akses as akses_indikator
from indikator.models import DokumenIKU, PengesahanLaporan
from kecamatan import akses
from kecamatan.akses import Akses
from kecamatan.models import Peran
from pekerjaan import akses as akses_pekerjaan
from pekerjaan.models import Pekerjaan
from skm import akses as akses_skm
from skm.models import JenisLayanan, Kuesioner, RencanaTindakLanjut, Responden, Unsur
from tests import factories

OK, T404, T403 = "objek", 404, 403

PERAN = [
    "staf",
    "kasi",
    "kasi_seksi_lain",
    "pimpinan",
    "admin_kabupaten",
    "pemeriksa",
    "superuser",
    "anonim",
    "kasi_kecamatan_lain",
    "admin_kabupaten_lain",
]

# Reading: everyone whose scope holds Senduro; the others do not see it exists.
BACA = {
    "staf": OK,
    "kasi": OK,
    "kasi_seksi_lain": OK,
    "pimpinan": OK,
    "admin_kabupaten": OK,
    "pemeriksa": OK,
    "superuser": OK,
    "anonim": T404,
    "kasi_kecamatan_lain": T404,
    "admin_kabupaten_lain": T404,
}


def hanya(*boleh, lainnya=T403, **beda):
    """In scope: ``boleh`` get the object, the rest of the scope ``lainnya``; outside: 404 as for reading."""
    dalam = {peran: OK if peran in boleh else lainnya for peran, hasil in BACA.items() if hasil == OK}
    return BACA | dalam | beda


@dataclass
class Dunia:
    pengguna: dict
    objek: dict


@pytest.fixture
def dunia(db):
    kabupaten = factories.KabupatenFactory(kode="35.08", nama="Kabupaten Lumajang")
    senduro = factories.KecamatanFactory(kode="35.08.12", nama="Senduro", kabupaten=kabupaten)
    lumajang = factories.KecamatanFactory(kode="35.08.10", nama="Lumajang", kabupaten=kabupaten)
    kabupaten_lain = factories.KabupatenFactory(kode="35.09", nama="Kabupaten Jember")
    desa = factories.DesaFactory(kode="35.08.12.2001", nama="Kandangtepus", kecamatan=senduro)
    seksi = factories.SeksiFactory(kecamatan=senduro, nama="Seksi Pemerintahan")
    seksi_lain = factories.SeksiFactory(kecamatan=senduro, nama="Seksi Trantib")
    superuser = get_user_model().objects.create_superuser("super", "super@contoh.id", factories.PASSWORD)
    pengguna = {
        "staf": factories.user_buat(Peran.STAF, kecamatan=senduro, seksi=seksi),
        "kasi": factories.user_buat(Peran.KASI, kecamatan=senduro, seksi=seksi),
        "kasi_seksi_lain": factories.user_buat(Peran.KASI, kecamatan=senduro, seksi=seksi_lain),
        "pimpinan": factories.user_buat(Peran.PIMPINAN, kecamatan=senduro),
        "admin_kabupaten": factories.user_buat(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten),
        "pemeriksa": factories.user_buat(Peran.PEMERIKSA, kabupaten=kabupaten),
        "superuser": superuser,
        "anonim": AnonymousUser(),
        "kasi_kecamatan_lain": factories.user_buat(Peran.KASI, kecamatan=lumajang),
        "admin_kabupaten_lain": factories.user_buat(Peran.ADMIN_KABUPATEN, kabupaten=kabupaten_lain),
    }
    kegiatan = factories.KegiatanFactory(kecamatan=senduro, seksi=seksi, dibuat_oleh=pengguna["staf"])
    layanan = JenisLayanan.objects.create(kecamatan=senduro, nama="Legalisasi")
    objek = {
        "kecamatan": senduro,
        "kabupaten": kabupaten,
        "kegiatan": kegiatan,
        "bukti": factories.BuktiFactory(kegiatan=kegiatan),
        "desa": desa,
        "dokumen_desa": factories.DokumenDesaFactory(desa=desa),
        "pejabat": factories.PejabatFactory(kecamatan=senduro),
        "layanan": layanan,
        "responden": Responden.objects.create(
            kecamatan=senduro,
            kuesioner=Kuesioner.objects.get(versi=1),
            jenis_layanan=layanan,
            tanggal="2025-03-01",
            usia=30,
            jenis_kelamin="P",
            pendidikan="sma",
            pekerjaan="swasta",
            **{f"u{i}": 3 for i in range(1, 10)},
        ),  # fmt: skip
        "rtl": RencanaTindakLanjut.objects.create(
            kecamatan=senduro,
            periode_mulai="2025-01-01",
            periode_selesai="2025-12-31",
            unsur=Unsur.objects.get(kode="U1"),
            rencana="Loket",
            penanggung_jawab="Kasi",
            target_waktu="2026",
        ),  # fmt: skip
        "dokumen_iku": DokumenIKU.objects.create(
            kecamatan=senduro, tugas="tugas", fungsi="fungsi", tujuan="tujuan", indikator_tujuan="IKM"
        ),
        "pengesahan": PengesahanLaporan.objects.create(
            kecamatan=senduro,
            periode_mulai="2025-01-01",
            periode_selesai="2025-12-31",
            periode_jenis="tahun",
            versi=1,
            tanggal="2026-01-05",
            data={},
            penandatangan={},
            berkas="laporan/senduro.pdf",
            sha256="0" * 64,
            disahkan_oleh=pengguna["pimpinan"],
            disahkan_pada=timezone.now(),
        ),  # fmt: skip
        # A job of the kasi: nobody else sees it, not a colleague, not the camat, not a superuser.
        "pekerjaan": Pekerjaan.objects.create(pemilik=pengguna["kasi"], jenis="laporan_capaian_pdf", kecamatan=senduro),
    }
    return Dunia(pengguna=pengguna, objek=objek)


@dataclass
class Kasus:
    nama: str
    objek: str
    panggil: Callable  # (user, objek dict, pk) -> the object
    harapan: dict


def _pk(kunci):
    return lambda o: o[kunci].pk


HARI_INI = datetime.date(2026, 3, 10)

KASUS = [
    Kasus("kecamatan", "kecamatan", lambda u, o, pk: akses.access_kecamatan_by_kode(u, pk), BACA),
    Kasus(
        "sertifikat_kecamatan",
        "kecamatan",
        lambda u, o, pk: akses.access_sertifikat_kecamatan_by_kode(u, pk),
        hanya("pimpinan", "admin_kabupaten", "superuser"),
    ),
    Kasus("kegiatan_baca", "kegiatan", lambda u, o, pk: akses.access_kegiatan_by_id(u, pk), BACA),
    Kasus(
        "kegiatan_baca_as_of",
        "kegiatan",
        lambda u, o, pk: akses.access_kegiatan_by_id(u, pk, as_of=HARI_INI),
        BACA,
    ),
    Kasus(
        "kegiatan_ubah",
        "kegiatan",
        lambda u, o, pk: akses.access_kegiatan_by_id(u, pk, untuk=Akses.UBAH),
        hanya("staf", "kasi"),
    ),
    Kasus(
        "kegiatan_tindak_lanjut",
        "kegiatan",
        lambda u, o, pk: akses.access_kegiatan_by_id(u, pk, untuk=Akses.TINDAK_LANJUT),
        hanya("kasi"),
    ),
    Kasus("bukti_baca", "bukti", lambda u, o, pk: akses.access_bukti_by_id(u, o["kegiatan"].pk, pk), BACA),
    Kasus(
        "bukti_tindak_lanjut",
        "bukti",
        lambda u, o, pk: akses.access_bukti_by_id(u, o["kegiatan"].pk, pk, untuk=Akses.TINDAK_LANJUT),
        hanya("kasi"),
    ),
    Kasus("pejabat_baca", "pejabat", lambda u, o, pk: akses.access_pejabat_by_id(u, pk), BACA),
    # The certificate upload: a role that may not manage certificates does not see the pejabat (issue 15).
    Kasus(
        "pejabat_sertifikat",
        "pejabat",
        lambda u, o, pk: akses.access_pejabat_by_id(u, pk, untuk=Akses.UBAH, hari_ini=HARI_INI),
        hanya("pimpinan", "admin_kabupaten", "superuser", lainnya=T404),
    ),
    Kasus("desa_baca", "desa", lambda u, o, pk: akses_desa.access_desa_by_id(u, pk), BACA),
    Kasus(
        "desa_ubah",
        "desa",
        lambda u, o, pk: akses_desa.access_desa_by_id(u, pk, untuk=Akses.UBAH),
        hanya("kasi", "kasi_seksi_lain", "pimpinan"),
    ),
    Kasus("dokumen_desa_baca", "dokumen_desa", lambda u, o, pk: akses_desa.access_dokumen_desa_by_id(u, pk), BACA),
    Kasus(
        "dokumen_desa_ubah",
        "dokumen_desa",
        lambda u, o, pk: akses_desa.access_dokumen_desa_by_id(u, pk, untuk=Akses.UBAH),
        hanya("kasi", "kasi_seksi_lain", "pimpinan"),
    ),
    Kasus("layanan", "layanan", lambda u, o, pk: akses_skm.access_layanan_by_id(u, pk), BACA),
    Kasus("responden", "responden", lambda u, o, pk: akses_skm.access_responden_by_id(u, pk), BACA),
    Kasus("rtl_baca", "rtl", lambda u, o, pk: akses_skm.access_rtl_by_id(u, pk), BACA),
    Kasus(
        "rtl_ubah",
        "rtl",
        lambda u, o, pk: akses_skm.access_rtl_by_id(u, pk, untuk=Akses.UBAH),
        hanya("kasi", "kasi_seksi_lain"),
    ),
    Kasus(
        "dokumen_iku_baca",
        "dokumen_iku",
        lambda u, o, pk: akses_indikator.access_dokumen_iku_by_id(u, pk, kecamatan=o["kecamatan"]),
        BACA,
    ),
    Kasus(
        "dokumen_iku_ubah",
        "dokumen_iku",
        lambda u, o, pk: akses_indikator.access_dokumen_iku_by_id(u, pk, untuk=Akses.UBAH),
        hanya("admin_kabupaten", "superuser"),
    ),
    Kasus(
        "laporan_kecamatan",
        "kecamatan",
        lambda u, o, pk: akses_indikator.access_laporan_kecamatan_by_kode(u, pk),
        BACA,
    ),
    # Approval: the kecamatan's own pimpinan only, not a superuser nor a kabupaten role (docs/DESIGN.md §1).
    Kasus(
        "laporan_sahkan",
        "kecamatan",
        lambda u, o, pk: akses_indikator.access_laporan_kecamatan_by_kode(u, pk, untuk=Akses.SAHKAN),
        hanya("pimpinan"),
    ),
    Kasus("pengesahan", "pengesahan", lambda u, o, pk: akses_indikator.access_pengesahan_by_id(u, pk), BACA),
    Kasus(
        "pekerjaan",
        "pekerjaan",
        lambda u, o, pk: akses_pekerjaan.access_pekerjaan_by_id(u, pk),
        {peran: OK if peran == "kasi" else T404 for peran in PERAN},
    ),
]


def _kunci(kasus, objek):
    return objek.kode if kasus.objek == "kecamatan" else objek.pk


@pytest.mark.parametrize("peran", PERAN)
@pytest.mark.parametrize("kasus", KASUS, ids=lambda k: k.nama)
def test_each_role_gets_the_object_404_or_403(dunia, kasus, peran):
    user, objek = dunia.pengguna[peran], dunia.objek[kasus.objek]
    harapan = kasus.harapan[peran]
    if harapan == OK:
        assert kasus.panggil(user, dunia.objek, _kunci(kasus, objek)) == objek
    else:
        with pytest.raises(Http404 if harapan == T404 else PermissionDenied) as exc:
            kasus.panggil(user, dunia.objek, _kunci(kasus, objek))
        # A 404 is never a PermissionDenied, nor the other way round.
        assert isinstance(exc.value, Http404) == (harapan == T404)


@pytest.mark.parametrize("kasus", KASUS, ids=lambda k: k.nama)
def test_a_missing_key_answers_exactly_as_a_foreign_one(dunia, kasus):
    """No existence oracle: another kecamatan's id and an id nobody has read alike."""
    orang_luar = dunia.pengguna["kasi_kecamatan_lain"]
    objek = dunia.objek[kasus.objek]
    with pytest.raises(Http404) as asing:
        kasus.panggil(orang_luar, dunia.objek, _kunci(kasus, objek))
    tidak_ada = "99.99.99" if kasus.objek == "kecamatan" else 10**9
    for user in (orang_luar, dunia.pengguna["superuser"]):
        with pytest.raises(Http404) as hilang:
            kasus.panggil(user, dunia.objek, tidak_ada)
        assert str(hilang.value) == str(asing.value)


def test_a_kabupaten_role_without_a_code_chooses_and_a_kecamatan_role_gets_its_own(dunia):
    p = dunia.pengguna
    assert akses.access_kecamatan_by_kode(p["admin_kabupaten"]) is None
    assert akses.access_kecamatan_by_kode(p["staf"]) == dunia.objek["kecamatan"]
    # A kecamatan role naming another kecamatan, even one of its kabupaten: 404.
    with pytest.raises(Http404):
        akses.access_kecamatan_by_kode(p["staf"], "35.08.10")


def test_a_report_is_of_one_kecamatan_a_kabupaten_role_must_name_it(dunia):
    with pytest.raises(Http404):
        akses_indikator.access_laporan_kecamatan_by_kode(dunia.pengguna["admin_kabupaten"])
    assert akses_indikator.access_laporan_kecamatan_by_kode(dunia.pengguna["pimpinan"]) == dunia.objek["kecamatan"]


def test_the_locked_kegiatan_says_why_and_carries_the_kegiatan(dunia):
    kegiatan = dunia.objek["kegiatan"]
    kegiatan.output, kegiatan.tanggal_output = "Notulen", datetime.date(2026, 3, 3)
    kegiatan.save()
    staf = dunia.pengguna["staf"]
    with pytest.raises(akses.AksesDitolak) as exc:
        akses.access_kegiatan_by_id(staf, kegiatan.pk, untuk=Akses.UBAH)
    assert exc.value.objek == kegiatan
    assert str(exc.value) == akses.alasan_kegiatan_terkunci(staf, kegiatan)
    assert "terkunci" in str(exc.value)


def test_the_as_of_row_carries_the_detail_pages_figures(dunia):
    kegiatan = akses.access_kegiatan_by_id(dunia.pengguna["kasi"], dunia.objek["kegiatan"].pk, as_of=HARI_INI)
    assert kegiatan.ditindaklanjuti is False
    assert kegiatan.jumlah_bukti == 1


def test_a_bukti_under_another_kegiatans_id_is_missing(dunia):
    lain = factories.KegiatanFactory(kecamatan=dunia.objek["kecamatan"])
    with pytest.raises(Http404):
        akses.access_bukti_by_id(dunia.pengguna["kasi"], lain.pk, dunia.objek["bukti"].pk)


def test_a_pejabat_out_of_office_or_not_signing_has_no_certificate_page(dunia):
    pimpinan, senduro = dunia.pengguna["pimpinan"], dunia.objek["kecamatan"]
    mantan = factories.PejabatFactory(kecamatan=senduro, selesai=HARI_INI - datetime.timedelta(days=1))
    kasi = factories.PejabatFactory(kecamatan=senduro, jabatan="kepala_seksi")
    for pejabat in (mantan, kasi):
        assert akses.access_pejabat_by_id(pimpinan, pejabat.pk) == pejabat
        with pytest.raises(Http404):
            akses.access_pejabat_by_id(pimpinan, pejabat.pk, untuk=Akses.UBAH, hari_ini=HARI_INI)
    # The last day in office still counts.
    sampai_hari_ini = factories.PejabatFactory(kecamatan=senduro, jabatan="sekretaris_camat", selesai=HARI_INI)
    assert akses.access_pejabat_by_id(pimpinan, sampai_hari_ini.pk, untuk=Akses.UBAH, hari_ini=HARI_INI)


def test_an_unknown_mode_is_a_programming_error_not_a_silent_read(dunia):
    with pytest.raises(ValueError):
        akses_skm.access_rtl_by_id(dunia.pengguna["kasi"], dunia.objek["rtl"].pk, untuk=Akses.TINDAK_LANJUT)


# --- The kabupaten of the recap -------------------------------------------------------------------------

REKAP = {
    "staf": T403,
    "kasi": T403,
    "kasi_seksi_lain": T403,
    "pimpinan": T403,
    "admin_kabupaten": OK,
    "pemeriksa": OK,
    "superuser": OK,
    "anonim": T403,
    "kasi_kecamatan_lain": T403,
    "admin_kabupaten_lain": "35.09",
}


@pytest.mark.parametrize("peran", PERAN)
def test_the_recap_kabupaten(dunia, peran):
    user = dunia.pengguna[peran]
    harapan = REKAP[peran]
    if harapan == T403:
        with pytest.raises(PermissionDenied):
            akses_indikator.access_kabupaten_by_kode(user, "35.08")
    elif harapan == OK:
        assert akses_indikator.access_kabupaten_by_kode(user, "35.08") == dunia.objek["kabupaten"]
    else:
        # A kabupaten role reads its own kabupaten; another's code is a 404, like an unknown one.
        assert akses_indikator.access_kabupaten_by_kode(user).kode == harapan
        with pytest.raises(Http404):
            akses_indikator.access_kabupaten_by_kode(user, "35.08")


def test_the_recap_of_an_unknown_kabupaten_is_404(dunia):
    with pytest.raises(Http404):
        akses_indikator.access_kabupaten_by_kode(dunia.pengguna["superuser"], "99.99")


# --- The SKM paper entry's kecamatan --------------------------------------------------------------------


@pytest.mark.parametrize("peran", PERAN)
def test_paper_questionnaires_are_entered_by_the_kecamatans_own_staff(dunia, peran):
    user = dunia.pengguna[peran]
    if peran in ("staf", "kasi", "kasi_seksi_lain", "pimpinan"):
        assert akses_skm.access_kecamatan_entri_skm(user) == dunia.objek["kecamatan"]
    elif peran == "kasi_kecamatan_lain":
        assert akses_skm.access_kecamatan_entri_skm(user).kode == "35.08.10"
    else:
        with pytest.raises(PermissionDenied):
            akses_skm.access_kecamatan_entri_skm(user)


# --- Public lookups (no login) ---------------------------------------------------------------------------


def test_the_public_survey_finds_any_kecamatan_by_code_and_only_its_active_layanan(dunia):
    senduro, layanan = dunia.objek["kecamatan"], dunia.objek["layanan"]
    assert akses_skm.access_kecamatan_publik_by_kode("35.08.12") == senduro
    assert akses_skm.access_layanan_publik_by_id(senduro, layanan.pk) == layanan
    lumajang = akses_skm.access_kecamatan_publik_by_kode("35.08.10")
    with pytest.raises(Http404):
        akses_skm.access_layanan_publik_by_id(lumajang, layanan.pk)
    layanan.aktif = False
    layanan.save()
    with pytest.raises(Http404):
        akses_skm.access_layanan_publik_by_id(senduro, layanan.pk)
    with pytest.raises(Http404):
        akses_skm.access_kecamatan_publik_by_kode("99.99.99")


def test_the_public_verification_finds_a_report_by_its_token_only(dunia):
    pengesahan = dunia.objek["pengesahan"]
    assert akses_indikator.access_pengesahan_publik_by_token(pengesahan.token) == pengesahan
    with pytest.raises(Http404) as exc:
        akses_indikator.access_pengesahan_publik_by_token("token-yang-tidak-dikenal")
    with pytest.raises(Http404) as asing:
        akses_indikator.access_pengesahan_by_id(dunia.pengguna["kasi_kecamatan_lain"], pengesahan.pk)
    assert str(exc.value) == str(asing.value)
