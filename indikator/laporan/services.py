"""Writes of the reports: approving (mengesahkan) a Laporan Capaian. Keyword-only, one transaction."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from indikator.laporan import tte
from indikator.laporan.generator import laporan_capaian_generate
from indikator.laporan.pdf import laporan_capaian_pdf, laporan_capaian_pdf_dengan_kotak
from indikator.models import PengesahanLaporan, token_verifikasi_baru
from indikator.periode import Periode
from kecamatan import akses
from kecamatan.models import Kecamatan, Peran


def boleh_sahkan(user, kecamatan) -> bool:
    """DESIGN.md §1: only a pimpinan of that very kecamatan approves its reports (no superuser, no kabupaten)."""
    keanggotaan = akses.keanggotaan_of(user)
    return (
        keanggotaan is not None
        and keanggotaan.peran == Peran.PIMPINAN
        and keanggotaan.kecamatan_id == kecamatan.pk
        and user.is_active
    )


def url_verifikasi(token: str, *, url_dasar: str = "") -> str:
    """The public verification address printed (and QR-coded) on an approved report.

    The configured public address wins over the request's: a printed copy must point at the
    address the public can reach, not at whichever internal host the camat happened to use.
    """
    dasar = (settings.IKU_URL_DASAR or url_dasar).rstrip("/")
    return f"{dasar}{reverse('laporan:verifikasi', args=[token])}"


@sensitive_variables("rahasia_tte")
@transaction.atomic
def laporan_sahkan(
    *,
    user,
    kecamatan: Kecamatan,
    periode: Periode,
    hari_ini: datetime.date,
    url_dasar: str = "",
    rahasia_tte: str = "",
) -> PengesahanLaporan:
    """Approve the Laporan Capaian of ``periode`` as of ``hari_ini``: a new version, frozen for good.

    The figures (as JSON), the signatory and the rendered PDF are stored; later edits
    of kegiatan or desa documents never reach them. Approving the same period again
    adds version 2, 3, … (a revision); earlier versions stay as they were.

    When the signing pejabat has a certificate (PKCS#12 on file, or the configured token),
    the PDF is signed electronically with ``rahasia_tte`` (passphrase or PIN, never stored);
    a signing failure raises and approves nothing.
    """
    if not boleh_sahkan(user, kecamatan):
        raise PermissionDenied("Hanya pimpinan kecamatan ini yang boleh mengesahkan laporan capaian.")
    if periode.mulai > hari_ini:
        raise ValidationError("Periode ini belum dimulai; belum ada yang dapat disahkan.")
    # Serialise approvals of one kecamatan so two clicks never get the same version number.
    Kecamatan.objects.select_for_update().filter(pk=kecamatan.pk).first()
    terakhir = PengesahanLaporan.objects.untuk_periode(kecamatan, periode).aggregate(n=Max("versi"))["n"] or 0
    laporan = laporan_capaian_generate(kecamatan=kecamatan, periode=periode, as_of=hari_ini)
    if laporan.tanda_tangan is None:
        raise ValidationError(
            "Tidak ada Camat atau Sekretaris Camat yang menjabat pada tanggal ini; lengkapi data pejabat dahulu."
        )
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
    return pengesahan
