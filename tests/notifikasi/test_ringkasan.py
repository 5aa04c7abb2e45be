"""The pimpinan's weekly digest (docs/DESIGN.md §2.7), built in indikator and sent once per week."""

import datetime

import pytest
from django.core import mail

from desa.models import DokumenDesa
from indikator.models import TargetIKU
from indikator.ringkasan import ringkasan_pesan
from kecamatan.models import Peran
from notifikasi.models import Notifikasi
from notifikasi.services import notifikasi_kirim
from tests.factories import KegiatanFactory
from wilayah.models import Desa

D = datetime.date
SENIN = D(2026, 3, 23)


@pytest.fixture
def pimpinan(make_user, senduro):
    user = make_user(Peran.PIMPINAN, kecamatan=senduro, username="camat.senduro")
    user.email = "camat@contoh.go.id"
    user.save()
    return user


def test_the_digest_goes_out_on_monday_and_not_again_that_week(pimpinan):
    (pesan,) = ringkasan_pesan(tanggal=SENIN)
    assert pesan.penerima_id == pimpinan.pk and pesan.kunci.startswith("ringkasan:2026-W13:")
    notifikasi_kirim(pesan_list=[pesan])
    for hari in range(1, 7):  # Tuesday to Sunday of the same ISO week: already sent
        assert ringkasan_pesan(tanggal=SENIN + datetime.timedelta(days=hari)) == []
    # The next Monday opens a new week.
    (berikut,) = ringkasan_pesan(tanggal=SENIN + datetime.timedelta(days=7))
    assert berikut.kunci.startswith("ringkasan:2026-W14:")


def test_a_missed_monday_is_made_up_by_the_first_run_of_the_week(pimpinan):
    selasa = SENIN + datetime.timedelta(days=1)
    (pesan,) = ringkasan_pesan(tanggal=selasa)
    assert pesan.kunci.startswith("ringkasan:2026-W13:") and "per 24 Maret 2026" in pesan.isi


def test_the_digest_lists_overdue_and_due_documents_follow_up_and_both_iku(pimpinan, senduro):
    desa = list(Desa.objects.filter(kecamatan=senduro).order_by("kode"))
    DokumenDesa.objects.create(desa=desa[0], jenis="lppdes", tahun_anggaran=2025, tanggal=D(2026, 3, 2))
    KegiatanFactory(kecamatan=senduro, tanggal=D(2026, 3, 2))  # carried out, no output yet
    TargetIKU.objects.create(kecamatan=senduro, indikator="iku1", tahun=2026, target=80)
    (pesan,) = ringkasan_pesan(tanggal=SENIN)
    isi = pesan.isi
    assert "Ringkasan Kecamatan Senduro per 23 Maret 2026" in isi
    # LPPDes TA 2025 is due 31 March: 8 days ahead, two desa still missing it.
    assert "8 hari lagi: LPPDes TA 2025 (tenggat 31 Maret 2026), 2 desa belum: Kandangan, Argosari" in isi
    assert "Lewat tenggat: APBDes TA 2026 (tenggat 31 Desember 2025), 3 desa belum" in isi
    assert "Kegiatan tahun 2026 yang belum ditindaklanjuti: 1." in isi
    assert "IKU 1 (fasilitasi dan koordinasi ditindaklanjuti): 0,00% (0 dari 1); target 80,00%, capaian 0,00%" in isi
    assert "IKU 2 (dokumen desa tepat waktu)" in isi and "target belum ditetapkan" in isi


def test_the_digest_is_sent_once_per_week(pimpinan):
    notifikasi_kirim(pesan_list=ringkasan_pesan(tanggal=SENIN))
    notifikasi_kirim(pesan_list=ringkasan_pesan(tanggal=SENIN))
    assert Notifikasi.objects.filter(penerima=pimpinan, jenis="ringkasan").count() == 1
    assert [m.to for m in mail.outbox] == [["camat@contoh.go.id"]]
    assert mail.outbox[0].subject == "Ringkasan mingguan Kecamatan Senduro, 23 Maret 2026"
