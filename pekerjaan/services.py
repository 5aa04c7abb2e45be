"""Writes of the job engine: start a job, run it (from the worker), the stale-worker rule, pruning.

docs/DESIGN.md §3.7. Every status change after the start is a conditional UPDATE naming the attempt it
belongs to (``status`` and ``percobaan``): a worker that was given up for dead and comes back late, or two
status pages judging the same stale job at once, change nothing.
"""

import datetime
import logging
import threading

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from pekerjaan.jenis import HasilBerkas, HasilTautan, Kemajuan, PekerjaanGagal, folder_sementara_semua, jenis_ambil
from pekerjaan.models import Pekerjaan

logger = logging.getLogger("iku.pekerjaan")

PESAN_TERHENTI = "Pekerjaan terhenti karena proses pekerja berhenti; silakan ulangi."
PESAN_ANTREAN = "Antrean pekerjaan tidak dapat dihubungi; silakan ulangi beberapa saat lagi."
PESAN_UMUM = "Terjadi kesalahan saat mengerjakan {judul}. Silakan ulangi; bila terulang, hubungi admin kabupaten."
PESAN_TIDAK_DIAMBIL = (
    "Pekerjaan tidak diambil oleh proses pekerja dalam waktu yang wajar; silakan ulangi. "
    "Bila terulang, hubungi admin kabupaten: proses pekerja mungkin tidak berjalan."
)
# Parameters whose names start with this (an approval's encrypted passphrase) are erased when a job ends
# in failure here, as its handler erases them when it runs.
AWALAN_RAHASIA = "rahasia_"
PESAN_TIDAK_BERHAK = "Data tidak ditemukan atau Anda tidak lagi berhak membukanya."
Status = Pekerjaan.Status


def _detak_detik() -> float:
    return float(getattr(settings, "PEKERJAAN_DETAK_DETIK", 5))


def _batas_detik() -> int:
    return int(getattr(settings, "PEKERJAAN_DETAK_BATAS_DETIK", 60))


def _antre_batas_detik() -> int:
    return int(getattr(settings, "PEKERJAAN_ANTRE_BATAS_DETIK", 900))


def _percobaan_maks() -> int:
    return int(getattr(settings, "PEKERJAAN_PERCOBAAN_MAKS", 2))


# --- starting --------------------------------------------------------------------------------------


def _berkas_ada(pekerjaan: Pekerjaan) -> bool:
    return bool(pekerjaan.berkas) and pekerjaan.berkas.storage.exists(pekerjaan.berkas.name)


def _hasil_tersimpan(*, jenis: str, kunci: str) -> Pekerjaan | None:
    """The newest finished job of this kind and key whose file is still there (the rendered-report cache)."""
    calon = Pekerjaan.objects.filter(jenis=jenis, kunci=kunci, status=Status.SELESAI).exclude(berkas="")
    return next((p for p in calon[:3] if _berkas_ada(p)), None)


def pekerjaan_mulai(*, pemilik, jenis: str, parameter: dict, kecamatan=None, kunci: str | None = None) -> Pekerjaan:
    """Record a job of ``jenis`` for ``pemilik`` and queue it (on commit); or answer it at once from the cache.

    With ``kunci``: the owner's own job of the same kind and key that is waiting, running or finished with
    its file is returned as it is (a repeated request starts nothing new: the report links stay plain,
    idempotent GETs); else a finished job of anyone with that kind and key gives the owner a record of
    their own, finished at once, pointing at the same file. A failed one is tried afresh.
    """
    jenis_ambil(jenis)  # an unknown kind is a programming error, raised here and not in the worker
    kunci = kunci or ""
    with transaction.atomic():
        if kunci:
            sendiri = Pekerjaan.objects.filter(
                pemilik=pemilik, jenis=jenis, kunci=kunci, status__in=[Status.MENUNGGU, Status.BERJALAN, Status.SELESAI]
            ).first()
            if sendiri is not None and not sendiri.sudah_selesai:
                # A job no worker took (or whose worker died) is not handed back again and again.
                pekerjaan_periksa_macet(sekarang=timezone.now(), pekerjaan_ids=[sendiri.pk])
                sendiri.refresh_from_db()
                if sendiri.status == Status.GAGAL:
                    sendiri = None
            if sendiri is not None and (not sendiri.sudah_selesai or _berkas_ada(sendiri)):
                return sendiri
            tersimpan = _hasil_tersimpan(jenis=jenis, kunci=kunci)
            if tersimpan is not None:
                sekarang = timezone.now()
                return Pekerjaan.objects.create(
                    pemilik=pemilik,
                    jenis=jenis,
                    parameter=parameter,
                    kecamatan=kecamatan,
                    kunci=kunci,
                    status=Status.SELESAI,
                    langkah="Selesai (hasil tersimpan)",
                    persen=100,
                    berkas=tersimpan.berkas.name,
                    nama_berkas=tersimpan.nama_berkas,
                    content_type=tersimpan.content_type,
                    mulai=sekarang,
                    selesai=sekarang,
                )
        pekerjaan = Pekerjaan.objects.create(
            pemilik=pemilik, jenis=jenis, parameter=parameter, kecamatan=kecamatan, kunci=kunci, langkah="Menunggu"
        )
        transaction.on_commit(lambda: _antrekan(pekerjaan.pk))
    return pekerjaan


def _antrekan(pekerjaan_id) -> None:
    """Hand the job to the queue; a queue that cannot be reached fails the job instead of leaving it waiting."""
    from pekerjaan.tasks import pekerjaan_kerjakan

    try:
        antrean = getattr(settings, "PEKERJAAN_ANTREAN", "default")
        pekerjaan_kerjakan.using(queue_name=antrean).enqueue(str(pekerjaan_id))
    except Exception:
        logger.exception("pekerjaan %s tidak dapat diantrekan", pekerjaan_id)
        Pekerjaan.objects.filter(pk=pekerjaan_id, status=Status.MENUNGGU).update(
            status=Status.GAGAL, pesan=PESAN_ANTREAN, selesai=timezone.now()
        )


# --- running (in the worker) -----------------------------------------------------------------------


class _Detak(threading.Thread):
    """Touches ``detak`` (and writes the reported step) every few seconds while the handler runs.

    Its own thread, so its own database connection: a handler busy for 20 s in WeasyPrint, or inside its
    transaction, still shows it is alive, and its step is visible before it commits. A write that fails
    (the database busy) is tried again at the next beat.
    """

    def __init__(self, *, pekerjaan_id, percobaan: int, kemajuan: Kemajuan):
        super().__init__(name=f"detak-{pekerjaan_id}", daemon=True)
        self.pekerjaan_id, self.percobaan, self.kemajuan = pekerjaan_id, percobaan, kemajuan
        self.berhenti = threading.Event()
        self.berubah = threading.Event()
        kemajuan._saat_berubah = self.berubah.set

    def run(self):
        try:
            while not self.berhenti.is_set():
                self._tulis()
                self.berubah.wait(_detak_detik())
                self.berubah.clear()
        finally:
            connections.close_all()

    def _tulis(self):
        try:
            Pekerjaan.objects.filter(pk=self.pekerjaan_id, status=Status.BERJALAN, percobaan=self.percobaan).update(
                detak=timezone.now(), langkah=self.kemajuan.teks, persen=self.kemajuan.persen
            )
        except Exception:  # noqa: BLE001 - a missed beat is retried; the handler must not stop for it
            logger.debug("detak pekerjaan %s tidak tertulis", self.pekerjaan_id, exc_info=True)

    def hentikan(self):
        self.berhenti.set()
        self.berubah.set()
        self.join(timeout=60)


def _pesan_galat(exc: BaseException, judul: str) -> tuple[str, list[str]]:
    """What the owner reads about a failure (Bahasa), and the row-level details if any."""
    if isinstance(exc, PekerjaanGagal):
        return exc.pesan, exc.rincian
    if isinstance(exc, ValidationError):
        pesan = exc.messages
        return (pesan[0], []) if len(pesan) == 1 else (f"{judul} tidak dapat diselesaikan:", pesan)
    if isinstance(exc, Http404 | PermissionDenied):
        return PESAN_TIDAK_BERHAK, []
    return PESAN_UMUM.format(judul=judul), []


def _klaim(pekerjaan_id) -> Pekerjaan | None:
    sekarang = timezone.now()
    diambil = Pekerjaan.objects.filter(pk=pekerjaan_id, status=Status.MENUNGGU).update(
        status=Status.BERJALAN, mulai=sekarang, detak=sekarang, percobaan=F("percobaan") + 1, langkah="Dimulai"
    )
    # Taken already (a queue delivering twice), finished, or pruned: nothing to do.
    return Pekerjaan.objects.get(pk=pekerjaan_id) if diambil else None


def pekerjaan_jalankan(*, pekerjaan_id) -> None:
    """Run one job: claim it, call its handler with a heartbeat beside it, store the result or the error."""
    pekerjaan = _klaim(pekerjaan_id)
    if pekerjaan is None:
        return
    milik_percobaan = Pekerjaan.objects.filter(pk=pekerjaan.pk, status=Status.BERJALAN, percobaan=pekerjaan.percobaan)
    try:
        jenis = jenis_ambil(pekerjaan.jenis)
    except LookupError:
        logger.exception("pekerjaan %s: jenis tidak dikenal", pekerjaan.pk)
        milik_percobaan.update(
            status=Status.GAGAL, pesan=PESAN_UMUM.format(judul=pekerjaan.jenis), selesai=timezone.now()
        )
        return
    kemajuan = Kemajuan(teks="Dimulai", persen=0)
    detak = _Detak(pekerjaan_id=pekerjaan.pk, percobaan=pekerjaan.percobaan, kemajuan=kemajuan)
    detak.start()
    try:
        if jenis.transaksi:
            with transaction.atomic():
                hasil = jenis.kerjakan(pekerjaan=pekerjaan, kemajuan=kemajuan, **pekerjaan.parameter)
        else:
            hasil = jenis.kerjakan(pekerjaan=pekerjaan, kemajuan=kemajuan, **pekerjaan.parameter)
    except Exception as exc:
        detak.hentikan()
        if not isinstance(exc, PekerjaanGagal | ValidationError | Http404 | PermissionDenied):
            logger.exception("pekerjaan %s (%s) gagal", pekerjaan.pk, pekerjaan.jenis)
        pesan, rincian = _pesan_galat(exc, jenis.judul)
        milik_percobaan.update(
            status=Status.GAGAL, pesan=pesan, rincian=rincian, langkah=kemajuan.teks, selesai=timezone.now()
        )
        return
    finally:
        # Also on SystemExit (the worker told to stop mid-job): the job then stays "berjalan" with an old
        # heartbeat and the stale rule re-queues it.
        detak.hentikan()
    try:
        _simpan_hasil(pekerjaan, hasil, milik_percobaan)
    except Exception:  # noqa: BLE001 - storage or database down: the job must end, not look alive
        # Left "berjalan", the stale rule would run the work again (an import twice, a second approval).
        logger.exception("pekerjaan %s (%s): hasil tidak tersimpan", pekerjaan.pk, pekerjaan.jenis)
        milik_percobaan.update(status=Status.GAGAL, pesan=PESAN_UMUM.format(judul=jenis.judul), selesai=timezone.now())


def _simpan_hasil(pekerjaan: Pekerjaan, hasil, milik_percobaan) -> None:
    sekarang = timezone.now()
    if isinstance(hasil, HasilBerkas):
        nama = pekerjaan.berkas.field.generate_filename(pekerjaan, hasil.nama)
        nama = pekerjaan.berkas.storage.save(nama, ContentFile(hasil.konten))
        disimpan = milik_percobaan.update(
            status=Status.SELESAI,
            langkah="Selesai",
            persen=100,
            berkas=nama,
            nama_berkas=hasil.nama,
            content_type=hasil.content_type,
            selesai=sekarang,
            detak=sekarang,
        )
        if not disimpan:
            # This attempt was given up meanwhile: its file belongs to no record.
            pekerjaan.berkas.storage.delete(nama)
    elif isinstance(hasil, HasilTautan):
        milik_percobaan.update(
            status=Status.SELESAI,
            langkah="Selesai",
            persen=100,
            url_hasil=hasil.url,
            pesan=hasil.pesan,
            selesai=sekarang,
            detak=sekarang,
        )
    else:
        logger.error("pekerjaan %s: hasil %r bukan HasilBerkas/HasilTautan", pekerjaan.pk, hasil)
        milik_percobaan.update(status=Status.GAGAL, pesan=PESAN_UMUM.format(judul=pekerjaan.judul), selesai=sekarang)


# --- the stale-worker rule ---------------------------------------------------------------------------


def detak_basi(*, detak: datetime.datetime | None, sekarang: datetime.datetime, batas_detik: int) -> bool:
    """A heartbeat older than the limit (strictly): the worker running the job is gone."""
    return detak is None or (sekarang - detak).total_seconds() > batas_detik


def _tanpa_rahasia(parameter: dict) -> dict:
    return {k: v for k, v in parameter.items() if not k.startswith(AWALAN_RAHASIA)}


def pekerjaan_periksa_macet(*, sekarang: datetime.datetime, pekerjaan_ids=None) -> int:
    """Re-queue (once, for a kind that may run again) or fail every running job whose worker stopped, and
    fail every waiting job no worker took within ``PEKERJAAN_ANTRE_BATAS_DETIK``.

    Called when a status page is polled (for that job), when its owner asks for the same job again, and
    when a worker starts (for all: ``pekerjaan_ids`` None). Returns how many jobs it changed.
    """
    batas = _batas_detik()
    qs = Pekerjaan.objects.all() if pekerjaan_ids is None else Pekerjaan.objects.filter(pk__in=pekerjaan_ids)
    diubah = 0
    # Waiting since it was made or re-queued (``detak`` is set then): the queue lost it (Redis restarted
    # without persistence) or no worker runs. It would be polled for ever; fail it, with its secrets erased.
    tenggat_antre = sekarang - datetime.timedelta(seconds=_antre_batas_detik())
    for pekerjaan in qs.filter(status=Status.MENUNGGU).filter(
        Q(detak__lt=tenggat_antre) | Q(detak__isnull=True, dibuat__lt=tenggat_antre)
    ):
        if Pekerjaan.objects.filter(pk=pekerjaan.pk, status=Status.MENUNGGU, percobaan=pekerjaan.percobaan).update(
            status=Status.GAGAL,
            pesan=PESAN_TIDAK_DIAMBIL,
            selesai=sekarang,
            parameter=_tanpa_rahasia(pekerjaan.parameter),
        ):
            diubah += 1
            logger.warning("pekerjaan %s: tidak diambil pekerja, ditandai gagal", pekerjaan.pk)
    for pekerjaan in qs.filter(status=Status.BERJALAN).only("pk", "jenis", "percobaan", "detak", "parameter"):
        if not detak_basi(detak=pekerjaan.detak, sekarang=sekarang, batas_detik=batas):
            continue
        try:
            ulangi = jenis_ambil(pekerjaan.jenis).ulangi
        except LookupError:
            ulangi = False
        sama = Pekerjaan.objects.filter(
            pk=pekerjaan.pk, status=Status.BERJALAN, percobaan=pekerjaan.percobaan, detak=pekerjaan.detak
        )
        with transaction.atomic():
            if ulangi and pekerjaan.percobaan < _percobaan_maks():
                diulang = sama.update(
                    status=Status.MENUNGGU,
                    langkah="Diulang: proses pekerja sebelumnya berhenti",
                    persen=0,
                    detak=sekarang,
                )
                if diulang:
                    diubah += 1
                    logger.warning("pekerjaan %s: detak basi, diantrekan ulang", pekerjaan.pk)
                    transaction.on_commit(lambda pk=pekerjaan.pk: _antrekan(pk))
            elif sama.update(
                status=Status.GAGAL,
                pesan=PESAN_TERHENTI,
                selesai=sekarang,
                parameter=_tanpa_rahasia(pekerjaan.parameter),
            ):
                diubah += 1
                logger.warning("pekerjaan %s: detak basi, ditandai gagal", pekerjaan.pk)
    return diubah


# --- pruning -------------------------------------------------------------------------------------------


def pekerjaan_bersihkan(*, sebelum: datetime.datetime) -> int:
    """Delete the finished and failed jobs made before ``sebelum``, and their files no newer job still uses."""
    lama = Pekerjaan.objects.filter(dibuat__lt=sebelum, status__in=[Status.SELESAI, Status.GAGAL])
    berkas = set(lama.exclude(berkas="").values_list("berkas", flat=True))
    jumlah = lama.count()
    with transaction.atomic():
        lama.delete()
        masih_dipakai = set(Pekerjaan.objects.filter(berkas__in=berkas).values_list("berkas", flat=True))
    storage = Pekerjaan._meta.get_field("berkas").storage
    for nama in sorted(berkas - masih_dipakai):
        storage.delete(nama)
    return jumlah


def berkas_sementara_sapu(*, sebelum: datetime.datetime) -> int:
    """Delete the uploads kept for jobs (each kind's ``folder_sementara``) last written before ``sebelum``.

    A job removes its upload when it ends; what stays is an upload whose job never ran (failed for waiting
    too long, ``PEKERJAAN_ANTRE_BATAS_DETIK``) or a workbook checked by a dry run and never imported. A
    later import of such a token answers "Berkas yang diunggah tidak ada lagi" and asks for the file again.
    """
    jumlah = 0
    for folder in folder_sementara_semua():
        try:
            pengguna, _ = default_storage.listdir(folder)
        except (FileNotFoundError, NotImplementedError):
            continue
        for sub in pengguna:
            try:
                _, berkas = default_storage.listdir(f"{folder}/{sub}")
            except FileNotFoundError:
                continue
            for nama in berkas:
                jalur = f"{folder}/{sub}/{nama}"
                if default_storage.get_modified_time(jalur) < sebelum:
                    default_storage.delete(jalur)
                    jumlah += 1
    return jumlah
