"""Rencana tindak lanjut per weak unsur: written by the kasi, scoped to the kecamatan."""

import datetime
from decimal import Decimal

from kecamatan.models import Peran
from skm.calculations import Interval, UnsurInfo, hitung_skm, unsur_lemah
from skm.data.permenpanrb_14_2017 import INTERVAL_MUTU, UNSUR
from skm.models import RencanaTindakLanjut
from tests.skm.test_calculations import jawab

INTERVAL = [Interval(m, k, Decimal(b), Decimal(a)) for m, k, b, a in INTERVAL_MUTU]
UNSUR_INFO = [UnsurInfo(kode=k, nama=n) for k, n in UNSUR]
D = datetime.date


def test_weak_unsur_are_those_below_baik_or_else_the_lowest():
    # U3: NRR 3 → 75,00 (below 76,61: weak); U8: NRR 2 → 50 (weak); the others 4.
    hasil = hitung_skm([jawab(4, 4, 3, 4, 4, 4, 4, 2, 4)], unsur=UNSUR_INFO, interval=INTERVAL)
    assert [u.kode for u in unsur_lemah(hasil, INTERVAL)] == ["U8", "U3"]
    semua_baik = hitung_skm([jawab(4, 4, 4, 4, 4, 4, 4, 4, 4)], unsur=UNSUR_INFO, interval=INTERVAL)
    assert [u.kode for u in unsur_lemah(semua_baik, INTERVAL)] == ["U1"]
    assert unsur_lemah(hitung_skm([], unsur=UNSUR_INFO, interval=INTERVAL), INTERVAL) == []


def _rtl(unsur="U8"):
    return {
        "unsur": unsur,
        "dari": "2026-01-01",
        "sampai": "2026-06-30",
        "rencana": "Membuka kotak pengaduan dan menjawabnya tiap minggu.",
        "penanggung_jawab": "Kasi Pelayanan Umum",
        "target_waktu": "Triwulan III 2026",
    }


def test_kasi_writes_the_plan_and_it_shows_on_the_results(
    make_user, client_for, senduro, seksi_pemerintahan, layanan_senduro, isi_survei
):
    isi_survei(layanan_senduro, (4, 4, 4, 4, 4, 4, 4, 2, 4), tanggal=D(2026, 3, 1))
    client = client_for(make_user(Peran.KASI, kecamatan=senduro, seksi=seksi_pemerintahan))
    response = client.post("/skm/rtl/", _rtl())
    assert response.status_code == 302
    rtl = RencanaTindakLanjut.objects.get()
    assert (rtl.unsur.kode, rtl.periode_mulai, rtl.periode_selesai) == ("U8", D(2026, 1, 1), D(2026, 6, 30))
    html = client.get("/skm/hasil/", {"dari": "2026-01-01", "sampai": "2026-06-30"}).content.decode()
    assert "Membuka kotak pengaduan" in html
    # Writing again replaces the plan, never a second one for the same unsur and period.
    client.post("/skm/rtl/", {**_rtl(), "rencana": "Rencana baru."})
    assert RencanaTindakLanjut.objects.get().rencana == "Rencana baru."


def test_only_the_kasi_writes_it(make_user, client_for, senduro):
    for peran in (Peran.STAF, Peran.PIMPINAN):
        client = client_for(make_user(peran, kecamatan=senduro))
        assert client.post("/skm/rtl/", _rtl()).status_code == 403
    assert not RencanaTindakLanjut.objects.exists()


def test_an_empty_plan_is_refused_with_a_message(make_user, client_for, senduro):
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    response = client.post("/skm/rtl/", {**_rtl(), "rencana": ""}, follow=True)
    assert "Rencana tindak lanjut belum tersimpan" in response.content.decode()
    assert not RencanaTindakLanjut.objects.exists()


def test_another_kecamatans_plan_is_404(make_user, client_for, senduro, lumajang):
    kasi_lumajang = make_user(Peran.KASI, kecamatan=lumajang)
    client_for(kasi_lumajang).post("/skm/rtl/", _rtl())
    rtl = RencanaTindakLanjut.objects.get()
    assert rtl.kecamatan == lumajang
    client = client_for(make_user(Peran.KASI, kecamatan=senduro))
    assert client.get(f"/skm/rtl/{rtl.pk}/").status_code == 404
    assert client_for(kasi_lumajang).get(f"/skm/rtl/{rtl.pk}/").status_code == 200
