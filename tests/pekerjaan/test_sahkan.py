"""Approval as a job (issue 11): the confirmation page refuses at once, the worker renders, signs and freezes;
a failure writes nothing; the passphrase is never stored in clear and is erased from the job."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from iku_project.rahasia import RahasiaKedaluwarsa, rahasia_buka, rahasia_sandikan
from indikator.laporan import tte
from indikator.laporan.tugas_sahkan import PARAM_RAHASIA, PESAN_RAHASIA_KEDALUWARSA
from indikator.models import PengesahanLaporan
from kecamatan.models import Peran
from pekerjaan.models import Pekerjaan
from pekerjaan.services import pekerjaan_jalankan
from tests.indikator import laporan_util, test_tte, tte_util
from tests.indikator.tte_util import FRASA
from tests.pekerjaan.alur import kirim
from tests.pekerjaan.bantu import pekerja_db

data_2024 = laporan_util.data_2024
laporan_2024 = laporan_util.laporan_2024
media_root = laporan_util.media_root
pki_dasar = tte_util.pki_dasar
pki = tte_util.pki
hari_ini = test_tte.hari_ini
camat = test_tte.camat
pimpinan = test_tte.pimpinan
sertifikat_camat = test_tte.sertifikat_camat

URL = "/laporan/sahkan/"
TAHUN_2024 = {"tahun": "2024"}


def _form_konfirmasi(client, data=TAHUN_2024) -> dict:
    """The confirmation page's form, as the browser would send it."""
    html = client.post(URL, data).content.decode()
    sidik = re.search(r'name="sidik" value="([0-9a-f]+)"', html).group(1)
    return {**data, "konfirmasi": "1", "sidik": sidik}


def _semua_baris(*tabel) -> str:
    """Every stored value of these tables, as text: what a database dump would show."""
    with connection.cursor() as cursor:
        teks = []
        for nama in tabel:
            cursor.execute(f"SELECT * FROM {nama}")  # noqa: S608 - our own table names
            teks.append(repr(cursor.fetchall()))
    return "\n".join(teks)


TABEL = (Pekerjaan._meta.db_table, DBTaskResult._meta.db_table)


def test_approval_is_started_as_a_job_and_the_worker_freezes_it(client_for, pki, sertifikat_camat, pimpinan, hari_ini):
    client = client_for(pimpinan)
    data = {**_form_konfirmasi(client), "rahasia_tte": FRASA}
    response, pekerjaan = kirim(client, "post", URL, data, kerjakan=False)
    assert response.status_code == 302 and response["Location"] == pekerjaan.get_absolute_url()
    # Nothing is frozen by the request itself.
    assert not PengesahanLaporan.objects.exists()
    assert pekerjaan.jenis == "laporan_sahkan" and pekerjaan.kecamatan == pimpinan.keanggotaan.kecamatan
    pekerja_db()
    pekerjaan.refresh_from_db()
    assert pekerjaan.status == Pekerjaan.Status.SELESAI, pekerjaan.pesan
    assert pekerjaan.pesan == "Laporan capaian Tahun 2024 disahkan (versi 1). Ditandatangani secara elektronik."
    assert pekerjaan.url_hasil == reverse("laporan:index", query={"tahun": 2024})
    pengesahan = PengesahanLaporan.objects.get()
    assert pengesahan.versi == 1 and pengesahan.disahkan_oleh == pimpinan
    assert tte.pdf_verifikasi(pengesahan.berkas.read()).valid
    halaman = client.get(pekerjaan.get_absolute_url()).content.decode()
    assert "disahkan (versi 1)" in halaman and f'href="{pekerjaan.url_hasil}"' in halaman


def test_a_wrong_passphrase_fails_the_job_and_writes_nothing(
    client_for, pki, sertifikat_camat, pimpinan, hari_ini, media_root
):
    client = client_for(pimpinan)
    _, pekerjaan = kirim(client, "post", URL, {**_form_konfirmasi(client), "rahasia_tte": "salah"})
    assert pekerjaan.status == Pekerjaan.Status.GAGAL
    assert pekerjaan.pesan == tte.PESAN_FRASA_SALAH
    assert not PengesahanLaporan.objects.exists()
    laporan_dir = media_root / "laporan"
    assert not laporan_dir.exists() or not any(laporan_dir.rglob("*.pdf"))
    halaman = client.get(pekerjaan.get_absolute_url()).content.decode()
    assert "Frasa sandi sertifikat salah" in halaman and "Laporan tidak disahkan" in halaman
    # The approver tries again with the right one: a new job, version 1.
    _, lagi = kirim(client, "post", URL, {**_form_konfirmasi(client), "rahasia_tte": FRASA})
    assert lagi.status == Pekerjaan.Status.SELESAI and PengesahanLaporan.objects.get().versi == 1


def test_what_the_confirmation_page_checks_is_refused_at_once_without_a_job(
    client_for, pki, sertifikat_camat, pimpinan, hari_ini
):
    client = client_for(pimpinan)
    tanpa_frasa, _ = kirim(client, "post", URL, _form_konfirmasi(client))
    assert tanpa_frasa.status_code == 400 and "Masukkan frasa sandi sertifikat" in tanpa_frasa.content.decode()
    sidik_lain, _ = kirim(client, "post", URL, {**_form_konfirmasi(client), "sidik": "0" * 32, "rahasia_tte": FRASA})
    assert sidik_lain.status_code == 400 and "berubah sejak halaman konfirmasi" in sidik_lain.content.decode()
    # 2025 has not ended on 15 January 2025: the explicit choice is asked for on the page itself.
    belum, _ = kirim(client, "post", URL, {**_form_konfirmasi(client, {"tahun": "2025"}), "rahasia_tte": FRASA})
    assert belum.status_code == 400 and "belum berakhir" in belum.content.decode()
    assert not Pekerjaan.objects.exists() and not PengesahanLaporan.objects.exists()


@pytest.mark.parametrize("frasa", [FRASA, "frasa-yang-salah"])
def test_the_passphrase_is_never_stored_and_its_cipher_is_erased(
    client_for, pki, sertifikat_camat, pimpinan, hari_ini, frasa
):
    client = client_for(pimpinan)
    _, pekerjaan = kirim(client, "post", URL, {**_form_konfirmasi(client), "rahasia_tte": frasa}, kerjakan=False)
    # Queued: the job holds only the encrypted token; the task's own arguments hold only the job's id.
    sandi = pekerjaan.parameter[PARAM_RAHASIA]
    assert sandi != frasa and rahasia_buka(sandi) == frasa
    tersimpan = _semua_baris(*TABEL)
    assert frasa not in tersimpan
    assert list(DBTaskResult.objects.values_list("args_kwargs", flat=True)) == [
        {"args": [str(pekerjaan.pk)], "kwargs": {}}
    ]
    pekerja_db()
    pekerjaan.refresh_from_db()
    assert pekerjaan.status == (Pekerjaan.Status.SELESAI if frasa == FRASA else Pekerjaan.Status.GAGAL)
    # Ended, well or not: neither the passphrase nor its cipher is left anywhere in the job's records.
    assert PARAM_RAHASIA not in pekerjaan.parameter
    tersimpan = _semua_baris(*TABEL, PengesahanLaporan._meta.db_table)
    assert frasa not in tersimpan and sandi not in tersimpan


def test_an_expired_or_foreign_cipher_is_refused(settings):
    sandi = rahasia_sandikan(FRASA)
    assert rahasia_buka(sandi) == FRASA
    with pytest.raises(RahasiaKedaluwarsa):
        rahasia_buka(sandi, umur_detik=-1)
    settings.SECRET_KEY = "kunci-lain-" + "x" * 50
    with pytest.raises(RahasiaKedaluwarsa):
        rahasia_buka(sandi)


def test_a_job_whose_cipher_cannot_be_read_fails_and_approves_nothing(
    client_for, pki, sertifikat_camat, pimpinan, hari_ini
):
    client = client_for(pimpinan)
    _, pekerjaan = kirim(client, "post", URL, {**_form_konfirmasi(client), "rahasia_tte": FRASA}, kerjakan=False)
    Pekerjaan.objects.filter(pk=pekerjaan.pk).update(parameter={**pekerjaan.parameter, PARAM_RAHASIA: "rusak"})
    pekerja_db()
    pekerjaan.refresh_from_db()
    assert pekerjaan.status == Pekerjaan.Status.GAGAL and pekerjaan.pesan == PESAN_RAHASIA_KEDALUWARSA
    assert PARAM_RAHASIA not in pekerjaan.parameter and not PengesahanLaporan.objects.exists()


def test_without_a_certificate_the_job_approves_unsigned(client_for, pimpinan, hari_ini, pki):
    client = client_for(pimpinan)
    _, pekerjaan = kirim(client, "post", URL, _form_konfirmasi(client))
    assert PARAM_RAHASIA not in pekerjaan.parameter
    assert pekerjaan.pesan.endswith("Tanpa tanda tangan elektronik: pejabat penandatangan belum memiliki sertifikat.")


def test_only_the_owner_sees_the_approval_job(client_for, make_user, pimpinan, lumajang, hari_ini, pki):
    client = client_for(pimpinan)
    _, pekerjaan = kirim(client, "post", URL, _form_konfirmasi(client))
    kecamatan = pimpinan.keanggotaan.kecamatan
    lain = [
        make_user(Peran.PIMPINAN, kecamatan=lumajang),
        make_user(Peran.KASI, kecamatan=kecamatan),
        make_user(Peran.ADMIN_KABUPATEN, kabupaten=kecamatan.kabupaten),
    ]
    for user in lain:
        assert client_for(user).get(pekerjaan.get_absolute_url()).status_code == 404
    assert client_for(pimpinan).get(pekerjaan.get_absolute_url()).status_code == 200


def test_two_approval_jobs_of_one_period_give_two_versions(client_for, pimpinan, hari_ini, pki):
    client = client_for(pimpinan)
    pertama = _form_konfirmasi(client)
    kedua = _form_konfirmasi(client)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(URL, pertama)
        client.post(URL, kedua)
    pekerja_db()
    assert sorted(PengesahanLaporan.objects.values_list("versi", flat=True)) == [1, 2]
    assert sorted(Pekerjaan.objects.values_list("pesan", flat=True)) == [
        "Laporan capaian Tahun 2024 disahkan (versi 1). Tanpa tanda tangan elektronik: pejabat penandatangan "
        "belum memiliki sertifikat.",
        "Laporan capaian Tahun 2024 disahkan sebagai revisi (versi 2). Tanpa tanda tangan elektronik: pejabat "
        "penandatangan belum memiliki sertifikat.",
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_approving_the_same_period_at_once_get_distinct_versions(
    katalog_tx, client_for, pimpinan, hari_ini, pki
):
    """Two workers run the two jobs at the same moment: the service's row lock gives versions 1 and 2."""
    client = client_for(pimpinan)
    data = _form_konfirmasi(client)
    client.post(URL, data)
    client.post(URL, data)
    ids = list(Pekerjaan.objects.values_list("pk", flat=True))
    mulai = threading.Barrier(2)
    galat = []

    def kerja(pk):
        try:
            mulai.wait()
            pekerjaan_jalankan(pekerjaan_id=pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            galat.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=kerja, args=(pk,)) for pk in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not galat
    assert set(Pekerjaan.objects.values_list("status", flat=True)) == {Pekerjaan.Status.SELESAI}
    assert sorted(PengesahanLaporan.objects.values_list("versi", flat=True)) == [1, 2]
