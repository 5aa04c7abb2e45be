"""The job engine (docs/DESIGN.md §3.7): start, run by the real worker, progress, owner-only pages, errors,
the stale-heartbeat rule, the rendered-report cache, pruning."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from kecamatan.models import Peran, Seksi
from pekerjaan.models import Pekerjaan
from pekerjaan.services import (
    PESAN_TERHENTI,
    PESAN_TIDAK_DIAMBIL,
    PESAN_UMUM,
    detak_basi,
    pekerjaan_bersihkan,
    pekerjaan_mulai,
    pekerjaan_periksa_macet,
)
from tests.pekerjaan import jenis_uji  # noqa: F401 - registers the test kinds
from tests.pekerjaan.bantu import pekerja_db

Status = Pekerjaan.Status


@pytest.fixture
def kasi(make_user, senduro):
    return make_user(Peran.KASI, kecamatan=senduro)


@pytest.fixture
def mulai(django_capture_on_commit_callbacks):
    """``mulai(**kwargs)``: pekerjaan_mulai, with its enqueue-on-commit run as the commit would."""

    def start(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return pekerjaan_mulai(**kwargs)

    return start


def test_a_job_is_queued_run_by_the_worker_and_downloaded_by_its_owner(client_for, kasi, senduro, mulai):
    pekerjaan = mulai(pemilik=kasi, jenis="uji_berkas", parameter={"isi": "isi laporan"}, kecamatan=senduro)
    assert pekerjaan.status == Status.MENUNGGU
    client = client_for(kasi)
    halaman = client.get(pekerjaan.get_absolute_url())
    assert halaman.status_code == 200
    html = halaman.content.decode()
    assert 'role="progressbar"' in html and 'aria-valuenow="0"' in html
    assert '<meta http-equiv="refresh"' in html  # the no-JavaScript path refreshes itself
    assert 'hx-trigger="every 1s"' in html and 'aria-live="polite"' in html
    pekerja_db()
    pekerjaan.refresh_from_db()
    assert (pekerjaan.status, pekerjaan.persen, pekerjaan.percobaan) == (Status.SELESAI, 100, 1)
    assert pekerjaan.mulai and pekerjaan.selesai and pekerjaan.detak
    # The HTMX poll gets the fragment: the download, no more polling, the live region updated out of band.
    fragmen = client.get(pekerjaan.get_absolute_url(), headers={"HX-Request": "true"})
    teks = fragmen.content.decode()
    assert "<html" not in teks and "every 1s" not in teks
    assert reverse("pekerjaan:unduh", args=[pekerjaan.pk]) in teks and 'hx-swap-oob="innerHTML"' in teks
    assert "HX-Request" in fragmen["Vary"]
    unduhan = client.get(reverse("pekerjaan:unduh", args=[pekerjaan.pk]))
    assert unduhan["Content-Disposition"] == 'attachment; filename="uji.txt"'
    assert b"".join(unduhan.streaming_content) == b"isi laporan"
    assert "no-store" in unduhan["Cache-Control"]


def test_only_the_owner_sees_the_job_a_colleague_of_the_same_kecamatan_gets_404(
    client_for, kasi, make_user, senduro, mulai
):
    pekerjaan = mulai(pemilik=kasi, jenis="uji_berkas", parameter={}, kecamatan=senduro)
    pekerja_db()
    for orang in (
        make_user(Peran.KASI, kecamatan=senduro),
        make_user(Peran.PIMPINAN, kecamatan=senduro),
        make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten),
    ):
        client = client_for(orang)
        assert client.get(pekerjaan.get_absolute_url()).status_code == 404
        assert client.get(pekerjaan.get_absolute_url(), headers={"HX-Request": "true"}).status_code == 404
        assert client.get(reverse("pekerjaan:unduh", args=[pekerjaan.pk])).status_code == 404


def test_a_link_result_shows_its_message_and_link(client_for, kasi, mulai):
    pekerjaan = mulai(pemilik=kasi, jenis="uji_tautan", parameter={})
    pekerja_db()
    html = client_for(kasi).get(pekerjaan.get_absolute_url()).content.decode()
    assert "Sudah." in html and 'href="/laporan/"' in html
    assert client_for(kasi).get(reverse("pekerjaan:unduh", args=[pekerjaan.pk])).status_code == 404


@pytest.mark.parametrize(
    ("cara", "pesan", "rincian"),
    [
        ("pekerjaan_gagal", "Impor dibatalkan: 2 baris salah.", ["Baris 4: tanggal kosong", "Baris 9: seksi?"]),
        ("validasi", "Periode tidak sah.", []),
        ("lain", PESAN_UMUM.format(judul="Uji gagal"), []),
    ],
)
def test_a_failing_job_is_failed_with_its_message_in_bahasa_and_saves_nothing(
    client_for, kasi, senduro, mulai, cara, pesan, rincian
):
    pekerjaan = mulai(pemilik=kasi, jenis="uji_gagal", parameter={"cara": cara, "kecamatan_id": senduro.pk})
    pekerja_db()
    pekerjaan.refresh_from_db()
    assert (pekerjaan.status, pekerjaan.pesan, pekerjaan.rincian) == (Status.GAGAL, pesan, rincian)
    assert not Seksi.objects.filter(nama="Setengah jadi").exists()
    html = client_for(kasi).get(pekerjaan.get_absolute_url()).content.decode()
    assert pesan in html and "rahasia internal" not in html
    for baris in rincian:
        assert baris in html


@pytest.mark.parametrize(("umur", "basi"), [(59, False), (60, False), (61, True)])
def test_the_stale_heartbeat_rule_on_its_boundary(settings, umur, basi):
    settings.PEKERJAAN_DETAK_BATAS_DETIK = 60
    sekarang = timezone.now()
    detak = sekarang - datetime.timedelta(seconds=umur)
    assert detak_basi(detak=detak, sekarang=sekarang, batas_detik=60) is basi


def _berjalan(pemilik, *, jenis="uji_berkas", percobaan=1, umur=61, sekarang=None):
    sekarang = sekarang or timezone.now()
    return Pekerjaan.objects.create(
        pemilik=pemilik,
        jenis=jenis,
        status=Status.BERJALAN,
        percobaan=percobaan,
        mulai=sekarang - datetime.timedelta(seconds=umur),
        detak=sekarang - datetime.timedelta(seconds=umur),
    )


def test_a_stale_job_is_requeued_once_then_failed(client_for, kasi, settings, django_capture_on_commit_callbacks):
    settings.PEKERJAAN_DETAK_BATAS_DETIK = 60
    sekarang = timezone.now()
    tepat = _berjalan(kasi, umur=60, sekarang=sekarang)
    basi = _berjalan(kasi, umur=61, sekarang=sekarang)
    with django_capture_on_commit_callbacks(execute=True):
        assert pekerjaan_periksa_macet(sekarang=sekarang) == 1
    tepat.refresh_from_db()
    basi.refresh_from_db()
    assert tepat.status == Status.BERJALAN
    assert basi.status == Status.MENUNGGU  # re-queued: the worker takes it again
    pekerja_db()
    basi.refresh_from_db()
    assert (basi.status, basi.percobaan) == (Status.SELESAI, 2)
    # The second time a worker dies under it, it is failed, and the status page (which checks) says why.
    kedua = _berjalan(kasi, percobaan=2)
    html = client_for(kasi).get(kedua.get_absolute_url()).content.decode()
    kedua.refresh_from_db()
    assert (kedua.status, kedua.pesan) == (Status.GAGAL, PESAN_TERHENTI)
    assert PESAN_TERHENTI in html


def test_a_kind_that_must_not_run_twice_is_failed_at_once(kasi):
    pekerjaan = _berjalan(kasi, jenis="uji_sekali")
    pekerjaan_periksa_macet(sekarang=timezone.now())
    pekerjaan.refresh_from_db()
    assert (pekerjaan.status, pekerjaan.pesan) == (Status.GAGAL, PESAN_TERHENTI)


def test_a_late_worker_of_a_given_up_attempt_changes_nothing(kasi, mulai):
    pekerjaan = mulai(pemilik=kasi, jenis="uji_berkas", parameter={})
    # Another attempt took the job meanwhile (the stale rule re-queued it and a second worker claimed it).
    Pekerjaan.objects.filter(pk=pekerjaan.pk).update(status=Status.BERJALAN, percobaan=5)
    pekerja_db()  # the task finds the job no longer waiting: nothing to do
    pekerjaan.refresh_from_db()
    assert (pekerjaan.status, pekerjaan.percobaan, pekerjaan.berkas.name) == (Status.BERJALAN, 5, "")


def test_the_same_key_is_served_without_a_new_job_and_another_owner_gets_a_record_of_their_own(
    kasi, make_user, senduro, mulai
):
    pertama = mulai(pemilik=kasi, jenis="uji_berkas", parameter={"isi": "a"}, kunci="k1")
    # Asked again before the worker ran: the same job, not a second one.
    assert mulai(pemilik=kasi, jenis="uji_berkas", parameter={"isi": "a"}, kunci="k1") == pertama
    pekerja_db()
    pertama.refresh_from_db()
    assert mulai(pemilik=kasi, jenis="uji_berkas", parameter={"isi": "a"}, kunci="k1") == pertama
    kasi_lain = make_user(Peran.KASI, kecamatan=senduro)
    miliknya = mulai(pemilik=kasi_lain, jenis="uji_berkas", parameter={"isi": "a"}, kunci="k1")
    assert miliknya.pk != pertama.pk and miliknya.pemilik == kasi_lain
    assert (miliknya.status, miliknya.berkas.name) == (Status.SELESAI, pertama.berkas.name)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1  # one rendering for all of them
    # Another key is another job.
    assert mulai(pemilik=kasi, jenis="uji_berkas", parameter={"isi": "a"}, kunci="k2").status == Status.MENUNGGU


def test_a_failed_job_is_not_served_again_the_request_starts_afresh(kasi, mulai):
    gagal = mulai(pemilik=kasi, jenis="uji_gagal", parameter={}, kunci="k")
    pekerja_db()
    baru = mulai(pemilik=kasi, jenis="uji_gagal", parameter={}, kunci="k")
    assert baru.pk != gagal.pk and baru.status == Status.MENUNGGU


def test_pruning_deletes_old_jobs_and_the_files_no_newer_job_uses(kasi, make_user, senduro, mulai):
    lama = mulai(pemilik=kasi, jenis="uji_berkas", parameter={}, kunci="k")
    sendiri = mulai(pemilik=kasi, jenis="uji_berkas", parameter={}, kunci="lain")
    pekerja_db()
    salinan = mulai(pemilik=make_user(Peran.KASI, kecamatan=senduro), jenis="uji_berkas", parameter={}, kunci="k")
    lama.refresh_from_db()
    sendiri.refresh_from_db()
    kemarin = timezone.now() - datetime.timedelta(days=8)
    Pekerjaan.objects.filter(pk__in=[lama.pk, sendiri.pk]).update(dibuat=kemarin)
    assert pekerjaan_bersihkan(sebelum=timezone.now() - datetime.timedelta(days=7)) == 2
    storage = salinan.berkas.storage
    assert storage.exists(salinan.berkas.name)  # still used by the newer copy
    assert not storage.exists(sendiri.berkas.name)
    assert list(Pekerjaan.objects.all()) == [salinan]


def test_pruning_sweeps_uploads_no_job_took_and_keeps_recent_ones(kasi, db):
    """The imports keep the checked upload for their job; one whose job never ran (or a dry run never
    followed by the import) goes with the next prune, a recent one stays for its job."""
    import os

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from indikator.impor.services import FOLDER_SEMENTARA as FOLDER_WORKBOOK
    from pekerjaan.jenis import folder_sementara_semua
    from skm.tasks import FOLDER_SEMENTARA as FOLDER_SKM

    assert folder_sementara_semua() == sorted([FOLDER_WORKBOOK, FOLDER_SKM])
    lama = [
        default_storage.save(f"{folder}/{kasi.pk}/lama.xlsx", ContentFile(b"x"))
        for folder in (FOLDER_WORKBOOK, FOLDER_SKM)
    ]
    baru = default_storage.save(f"{FOLDER_WORKBOOK}/{kasi.pk}/baru.xlsx", ContentFile(b"x"))
    lain = default_storage.save(f"bukti/{kasi.pk}/lama.pdf", ContentFile(b"x"))  # not a job's folder
    delapan_hari = (timezone.now() - datetime.timedelta(days=8)).timestamp()
    for nama in [*lama, lain]:
        os.utime(default_storage.path(nama), (delapan_hari, delapan_hari))

    call_command("pekerjaan_bersihkan", "--hari", "7", stdout=(keluaran := io.StringIO()))

    assert "2 unggahan sementara dihapus" in keluaran.getvalue()
    assert not any(default_storage.exists(nama) for nama in lama)
    assert default_storage.exists(baru) and default_storage.exists(lain)


def test_the_bench_prints_the_job_latency_beside_its_goals():
    import importlib.util

    from django.conf import settings

    spec = importlib.util.spec_from_file_location("bench_pekerjaan", settings.BASE_DIR / "bench" / "pekerjaan.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    h = {"kegiatan": 1000, "runs": 3, "dingin_s": 5.8, "kerja_s": 5.1, "antrean_s": 0.7, "ambil_s": 0.3}
    h["hangat_s"] = 0.04
    teks = "\n".join(bench.baris(h))
    assert "dingin 5.80 s (pekerja 5.10 s + antrean 0.70 s" in teks and "sasaran ≤6 s: LULUS" in teks
    assert "antrean ≤1 s: LULUS" in teks and "hangat (hasil tersimpan) 0.040 s; sasaran ≤1 s: LULUS" in teks
    assert "GAGAL" in "\n".join(bench.baris(h | {"dingin_s": 21.0}))


def test_an_htmx_request_for_a_report_is_sent_to_the_status_page_with_hx_redirect(client_for, kasi):
    response = client_for(kasi).get(reverse("laporan:capaian-xlsx"), headers={"HX-Request": "true"})
    pekerjaan = Pekerjaan.objects.get()
    assert (response.status_code, response["HX-Redirect"]) == (204, pekerjaan.get_absolute_url())
    assert (pekerjaan.jenis, pekerjaan.pemilik, pekerjaan.kecamatan) == (
        "laporan_capaian_xlsx",
        kasi,
        kasi.keanggotaan.kecamatan,
    )


def test_a_queue_that_cannot_be_reached_fails_the_job_with_a_message_instead_of_leaving_it_waiting(
    kasi, settings, mulai
):
    import django_rq.settings

    from pekerjaan.services import PESAN_ANTREAN

    nama = "uji-tak-terjangkau"
    # Nothing listens on port 1: the enqueue after the commit fails.
    django_rq.settings.QUEUES[nama] = {"URL": "redis://127.0.0.1:1/0", "DEFAULT_TIMEOUT": 5}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [nama]}}
    settings.PEKERJAAN_ANTREAN = nama
    try:
        pekerjaan = mulai(pemilik=kasi, jenis="uji_berkas", parameter={})
    finally:
        del django_rq.settings.QUEUES[nama]
    pekerjaan.refresh_from_db()
    assert (pekerjaan.status, pekerjaan.pesan) == (Status.GAGAL, PESAN_ANTREAN)


# --- after review: a job no worker takes, a result that cannot be stored, a moved owner ----------------------


@pytest.mark.parametrize(("umur", "gagal"), [(900, False), (901, True)])
def test_a_job_no_worker_takes_is_failed_after_the_queue_limit_with_its_secret_erased(kasi, settings, umur, gagal):
    settings.PEKERJAAN_ANTRE_BATAS_DETIK = 900
    sekarang = timezone.now()
    pekerjaan = Pekerjaan.objects.create(
        pemilik=kasi, jenis="uji_berkas", parameter={"isi": "a", "rahasia_tte_terenkripsi": "token"}
    )
    Pekerjaan.objects.filter(pk=pekerjaan.pk).update(dibuat=sekarang - datetime.timedelta(seconds=umur))
    assert pekerjaan_periksa_macet(sekarang=sekarang, pekerjaan_ids=[pekerjaan.pk]) == int(gagal)
    pekerjaan.refresh_from_db()
    if gagal:
        assert (pekerjaan.status, pekerjaan.pesan) == (Status.GAGAL, PESAN_TIDAK_DIAMBIL)
        assert pekerjaan.parameter == {"isi": "a"}
    else:
        assert pekerjaan.status == Status.MENUNGGU


def test_asking_again_for_a_job_no_worker_took_starts_a_new_one(kasi, settings, mulai):
    settings.PEKERJAAN_ANTRE_BATAS_DETIK = 900
    hilang = Pekerjaan.objects.create(pemilik=kasi, jenis="uji_berkas", parameter={}, kunci="k")
    Pekerjaan.objects.filter(pk=hilang.pk).update(dibuat=timezone.now() - datetime.timedelta(seconds=901))
    baru = mulai(pemilik=kasi, jenis="uji_berkas", parameter={}, kunci="k")
    assert baru.pk != hilang.pk and baru.status == Status.MENUNGGU
    hilang.refresh_from_db()
    assert hilang.status == Status.GAGAL


def test_a_result_that_cannot_be_stored_fails_the_job_instead_of_leaving_it_running(kasi, mulai, monkeypatch):
    pekerjaan = mulai(pemilik=kasi, jenis="uji_berkas", parameter={})
    storage = Pekerjaan._meta.get_field("berkas").storage

    def penuh(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(storage, "save", penuh)
    pekerja_db()
    pekerjaan.refresh_from_db()
    assert (pekerjaan.status, pekerjaan.pesan) == (Status.GAGAL, PESAN_UMUM.format(judul="Uji berkas"))


def test_the_workbook_import_is_never_run_a_second_time_by_the_stale_rule(kasi):
    pekerjaan = _berjalan(kasi, jenis="impor_workbook")
    pekerjaan_periksa_macet(sekarang=timezone.now())
    pekerjaan.refresh_from_db()
    assert (pekerjaan.status, pekerjaan.pesan) == (Status.GAGAL, PESAN_TERHENTI)


def test_an_owner_moved_to_another_kecamatan_no_longer_opens_its_old_renderings(
    client_for, kasi, senduro, lumajang, mulai
):
    pekerjaan = mulai(pemilik=kasi, jenis="uji_berkas", parameter={}, kecamatan=senduro)
    pekerja_db()
    client = client_for(kasi)
    assert client.get(reverse("pekerjaan:unduh", args=[pekerjaan.pk])).status_code == 200
    kasi.keanggotaan.kecamatan = lumajang
    kasi.keanggotaan.save()
    assert client.get(reverse("pekerjaan:unduh", args=[pekerjaan.pk])).status_code == 404
    assert client.get(pekerjaan.get_absolute_url()).status_code == 404
