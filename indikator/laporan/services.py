"""Writes of the reports: approving (mengesahkan) a Laporan Capaian. Keyword-only, one transaction."""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.debug import sensitive_variables

from indikator.laporan import tte
from indikator.laporan.generator import laporan_capaian_generate
from indikator.laporan.pdf import laporan_capaian_pdf, laporan_capaian_pdf_dengan_kotak
from indikator.models import PengesahanLaporan, token_verifikasi_baru
from kecamatan import akses
from kecamatan.periode import Periode
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_naikkan


def url_verifikasi(token: str, *, url_dasar: str = "") -> str:
    """The public verification address printed (and QR-coded) on an approved report.

    The configured public address wins over the request's: a printed copy must point at the
    address the public can reach, not at whichever internal host the camat happened to use.
    """
    dasar = (settings.IKU_URL_DASAR or url_dasar).rstrip("/")
    return f"{dasar}{reverse('laporan:verifikasi', args=[token])}"


def periode_belum_berakhir(periode: Periode, hari_ini: datetime.date) -> bool:
    """The period's last day is today or later: its figures can still change."""
    return periode.selesai >= hari_ini


def sidik_konfirmasi(laporan) -> str:
    """A short fingerprint of what the confirmation page showed: both IKU figures, the tujuan and the signatory.

    Sent back with the approval, it tells whether anything moved between reading and approving.
    """
    hasil = laporan.hasil
    isi = {
        "periode": [laporan.periode.mulai.isoformat(), laporan.periode.selesai.isoformat()],
        "as_of": laporan.as_of.isoformat(),
        "iku1": [hasil.iku1.numerator, hasil.iku1.denominator],
        "iku2": [hasil.iku2.numerator, hasil.iku2.denominator],
        "penandatangan": laporan.tanda_tangan.to_dict() if laporan.tanda_tangan else None,
        # The tujuan is frozen with the figures: a new SKM answer in between must be seen before approving.
        "tujuan": laporan.tujuan.to_dict() if laporan.tujuan else None,
    }
    return hashlib.sha256(json.dumps(isi, sort_keys=True).encode()).hexdigest()[:32]


@sensitive_variables("rahasia_tte")
def laporan_sahkan_periksa(
    *,
    user,
    kecamatan: Kecamatan,
    periode: Periode,
    hari_ini: datetime.date,
    periode_belum_berakhir_dipahami: bool = False,
    sidik: str | None = None,
    rahasia_tte: str | None = None,
):
    """Every refusal of ``laporan_sahkan`` that needs no rendering, with the same messages; returns the report.

    The approval view asks it before starting the job (so the confirmation page answers at once), and
    ``laporan_sahkan`` asks the same again inside its lock. With ``sidik`` the figures are computed and
    compared; with ``rahasia_tte`` (even empty) a signer without its passphrase or PIN is refused here.
    """
    if not akses.boleh_sahkan(user, kecamatan):
        raise PermissionDenied("Hanya pimpinan kecamatan ini yang boleh mengesahkan laporan capaian.")
    if periode.mulai > hari_ini:
        raise ValidationError("Periode ini belum dimulai; belum ada yang dapat disahkan.")
    if periode_belum_berakhir(periode, hari_ini) and not periode_belum_berakhir_dipahami:
        raise ValidationError(
            f"{periode.label} belum berakhir (sampai {date_format(periode.selesai, 'j F Y')}): angkanya masih "
            'dapat berubah. Centang "Saya mengerti periode ini belum berakhir" untuk tetap mengesahkan.',
            code="periode_belum_berakhir",
        )
    if sidik is None and rahasia_tte is None:
        return None
    laporan = laporan_capaian_generate(kecamatan=kecamatan, periode=periode, as_of=hari_ini)
    _laporan_periksa(laporan, sidik=sidik)
    if rahasia_tte is not None:
        tte.rahasia_wajib(tte.penanda_laporan(kecamatan, hari_ini), rahasia_tte)
    return laporan


def _laporan_periksa(laporan, *, sidik: str | None) -> None:
    if laporan.tanda_tangan is None:
        raise ValidationError(
            "Tidak ada Camat atau Sekretaris Camat yang menjabat pada tanggal ini; lengkapi data pejabat dahulu."
        )
    if sidik is not None and sidik != sidik_konfirmasi(laporan):
        raise ValidationError(
            "Angka atau penandatangan berubah sejak halaman konfirmasi dibuka; periksa kembali sebelum mengesahkan.",
            code="angka_berubah",
        )


@sensitive_variables("rahasia_tte")
@transaction.atomic
def laporan_sahkan(
    *,
    user,
    kecamatan: Kecamatan,
    periode: Periode,
    hari_ini: datetime.date,
    url_dasar: str = "",
    periode_belum_berakhir_dipahami: bool = False,
    sidik: str | None = None,
    rahasia_tte: str = "",
) -> PengesahanLaporan:
    """Approve the Laporan Capaian of ``periode`` as of ``hari_ini``: a new version, frozen for good.

    The figures (as JSON), the signatory and the rendered PDF are stored; later edits
    of kegiatan or desa documents never reach them. Approving the same period again
    adds version 2, 3, … (a revision); earlier versions stay as they were.

    A period that has not ended yet is approved only when the approver said they know
    (``periode_belum_berakhir_dipahami``); ``sidik`` (from ``sidik_konfirmasi``) refuses the
    approval if the figures or the signatory changed since the confirmation page.

    When the signing pejabat has a certificate (PKCS#12 on file, or the configured token),
    the PDF is signed electronically with ``rahasia_tte`` (passphrase or PIN, never stored);
    a signing failure raises and approves nothing.
    """
    laporan_sahkan_periksa(
        user=user,
        kecamatan=kecamatan,
        periode=periode,
        hari_ini=hari_ini,
        periode_belum_berakhir_dipahami=periode_belum_berakhir_dipahami,
    )
    # Serialise approvals of one kecamatan so two clicks never get the same version number.
    Kecamatan.objects.select_for_update().filter(pk=kecamatan.pk).first()
    terakhir = PengesahanLaporan.objects.untuk_periode(kecamatan, periode).aggregate(n=Max("versi"))["n"] or 0
    laporan = laporan_capaian_generate(kecamatan=kecamatan, periode=periode, as_of=hari_ini)
    _laporan_periksa(laporan, sidik=sidik)
    token = token_verifikasi_baru()
    disahkan_pada = timezone.now()
    versi = terakhir + 1
    info_pengesahan = {
        "versi": versi,
        "revisi": versi > 1,
        "disahkan_pada": disahkan_pada,
        "url_verifikasi": url_verifikasi(token, url_dasar=url_dasar),
    }
    penanda = tte.penanda_laporan(kecamatan, hari_ini)
    if penanda is None:
        pdf = laporan_capaian_pdf(laporan, dicetak_pada=disahkan_pada, pengesahan=info_pengesahan)
    else:
        pdf, kotak = laporan_capaian_pdf_dengan_kotak(laporan, dicetak_pada=disahkan_pada, pengesahan=info_pengesahan)
        pdf = tte.pdf_tandatangani(
            pdf,
            penanda=penanda,
            rahasia=rahasia_tte,
            kotak=kotak,
            ttd=laporan.tanda_tangan.to_dict(),
            waktu=disahkan_pada,
        )
    pengesahan = PengesahanLaporan(
        kecamatan=kecamatan,
        periode_mulai=periode.mulai,
        periode_selesai=periode.selesai,
        periode_jenis=periode.jenis,
        periode_nomor=periode.nomor,
        versi=versi,
        tanggal=hari_ini,
        data=laporan.to_dict(),
        penandatangan=laporan.tanda_tangan.to_dict(),
        sha256=hashlib.sha256(pdf).hexdigest(),
        token=token,
        disahkan_oleh=user,
        disahkan_pada=disahkan_pada,
    )
    # Not a column: the stored PDF itself says whether it is signed; this only feeds the confirmation message.
    pengesahan.bertanda_tangan_elektronik = penanda is not None
    pengesahan.berkas.save("laporan.pdf", ContentFile(pdf), save=False)
    try:
        pengesahan.save()
    except Exception:
        # The row never came to be: leave no orphan PDF in storage.
        pengesahan.berkas.delete(save=False)
        raise
    # The report page lists the approved versions: a stored rendering of it is stale now.
    versi_data_naikkan(kecamatan_ids=[kecamatan.pk])
    return pengesahan
