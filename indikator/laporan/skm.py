"""Laporan Hasil Survei Kepuasan Masyarakat (PermenPANRB 14/2017) as PDF and XLSX.

Here rather than in skm: it uses the report machinery (WeasyPrint fetcher, fonts,
signature block) of indikator, and skm never imports indikator.
"""

import datetime
import hashlib
import json

from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from iku_project.spreadsheet import ekspor_perlu_pekerjaan, sel, simpan, workbook
from indikator.laporan.generator import TandaTangan
from indikator.laporan.pdf import html_ke_pdf
from indikator.laporan.tugas import sidik_tampilan
from indikator.views.dasbor import periode_ditolak
from kecamatan import akses
from kecamatan.penandatangan import blok_tanda_tangan_kecamatan
from kecamatan.periode import PeriodeTidakSah, rentang_dari_query
from pekerjaan.services import pekerjaan_mulai
from pekerjaan.views import ke_pekerjaan
from skm.models import PenggunaLayanan, RencanaTindakLanjut, Responden
from skm.selectors import LaporanSKM, skm_compute
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_kunci

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _profil(laporan: LaporanSKM) -> list[tuple[str, dict]]:
    return [
        ("Jenis kelamin", laporan.per_jenis_kelamin),
        ("Usia", laporan.per_usia),
        ("Pendidikan", laporan.per_pendidikan),
        ("Pekerjaan", laporan.per_pekerjaan),
    ]


def laporan_skm_html(laporan: LaporanSKM, *, ttd: TandaTangan | None, dicetak_pada: datetime.datetime) -> str:
    return render_to_string(
        "pdf/skm.html",
        {"laporan": laporan, "hasil": laporan.hasil, "profil": _profil(laporan), "ttd": ttd, "draf": False,
         "dicetak_pada": dicetak_pada},
    )  # fmt: skip


def laporan_skm_pdf(laporan: LaporanSKM, *, ttd: TandaTangan | None, dicetak_pada: datetime.datetime) -> bytes:
    return html_ke_pdf(laporan_skm_html(laporan, ttd=ttd, dicetak_pada=dicetak_pada))


def _tanggal(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def laporan_skm_xlsx(laporan: LaporanSKM, *, ttd: TandaTangan | None) -> bytes:
    wb = workbook()
    hasil = laporan.hasil
    ws = wb.create_sheet("Hasil SKM")

    def baris(*values, bold=False):
        ws.append([sel(ws, v, bold=bold) if v is not None else sel(ws, "—") for v in values])

    baris(f"Laporan Hasil Survei Kepuasan Masyarakat Kecamatan {laporan.kecamatan.nama}", bold=True)
    baris(f"Periode {_tanggal(laporan.mulai)} s.d. {_tanggal(laporan.selesai)}; {hasil.responden} responden")
    ws.append([])
    baris("Kode", "Unsur", "NRR", "Nilai 1", "Nilai 2", "Nilai 3", "Nilai 4", bold=True)
    for u in hasil.unsur:
        baris(u.kode, u.nama, u.nrr_tampil, *[u.per_nilai[n] for n in (1, 2, 3, 4)])
    baris("", "IKM", hasil.ikm_tampil, bold=True)
    baris("", "Mutu pelayanan", f"{hasil.mutu} ({hasil.kinerja})" if hasil.mutu else None)
    ws.append([])
    baris("Jenis layanan", "Responden", "IKM", "Mutu", bold=True)
    for nama, h in laporan.per_layanan.items():
        baris(nama, h.responden, h.ikm_tampil, h.mutu)
    for judul, kelompok in _profil(laporan):
        ws.append([])
        baris(judul, "Responden", "IKM", bold=True)
        for nama, h in kelompok.items():
            baris(nama, h.responden, h.ikm_tampil)
    ws.append([])
    baris("Rencana tindak lanjut", "Unsur", "Rencana", "Penanggung jawab", "Target waktu", bold=True)
    for u, rtl in laporan.lemah_dengan_rtl:
        baris("", f"{u.kode} {u.nama}", *((rtl.rencana, rtl.penanggung_jawab, rtl.target_waktu) if rtl else ("",)))
    ws.append([])
    baris("Saran yang diterima", bold=True)
    for s in hasil.saran:
        baris("", s)
    if ttd:
        ws.append([])
        if ttd.tanggal:
            baris("", f"{ttd.tempat}, {_tanggal(ttd.tanggal)}")
        for teks in (*ttd.baris_jabatan, "", ttd.nama, ttd.pangkat_golongan, f"NIP. {ttd.nip}"):
            baris("", teks)
    return simpan(wb)


def nama_laporan_skm(kecamatan, mulai: datetime.date, selesai: datetime.date, fmt: str) -> str:
    return f"hasil-skm-{kecamatan.kode}-{mulai.isoformat()}-{selesai.isoformat()}.{fmt}"


def laporan_skm_buat(*, kecamatan, mulai: datetime.date, selesai: datetime.date, fmt: str, hari_ini, kemajuan=None):
    """The report's bytes and content type: the job's work (PDF, large XLSX) and the small XLSX's at once."""
    if kemajuan is not None:
        kemajuan.langkah("Menghitung IKM", 10)
    laporan = skm_compute(kecamatan=kecamatan, mulai=mulai, selesai=selesai)
    ttd = TandaTangan.dari_blok(blok_tanda_tangan_kecamatan(kecamatan, hari_ini))
    if kemajuan is not None:
        kemajuan.langkah("Membuat PDF" if fmt == "pdf" else "Menulis XLSX", 40)
    if fmt == "pdf":
        return laporan_skm_pdf(laporan, ttd=ttd, dicetak_pada=timezone.localtime()), PDF
    return laporan_skm_xlsx(laporan, ttd=ttd), XLSX


def _versi_laporan_skm(kecamatan, periode) -> str:
    """What the report is made of beyond the answers: follow-up plans, population, the signatory of the day.

    The data version covers the answers; the plans, the population and the pejabat are written by services
    that do not bump it, so their own small fingerprint joins the key (a few small queries, no stale report).
    """
    versi = versi_data_kunci(kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk))
    rtl = RencanaTindakLanjut.objects.filter(
        kecamatan=kecamatan, periode_mulai=periode.mulai, periode_selesai=periode.selesai
    ).aggregate(n=Count("pk"), diubah=Max("diubah_pada"))
    populasi = list(
        PenggunaLayanan.objects.filter(kecamatan=kecamatan, tahun=periode.selesai.year).values_list("jumlah")
    )
    ttd = TandaTangan.dari_blok(blok_tanda_tangan_kecamatan(kecamatan, timezone.localdate()))
    isi = [rtl["n"], str(rtl["diubah"]), populasi, ttd.to_dict() if ttd else None]
    sidik = hashlib.sha256(json.dumps(isi, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"{versi}:{sidik}"


def laporan_skm(request, fmt, kode=None):
    """The PDF is always a job; the XLSX too above ``EKSPOR_SINKRON_MAKS_BARIS`` respondents (one COUNT).

    The job is keyed by the period, the format, the day (the signature block's date) and the kecamatan's
    data version: the same report asked again before anything changed is the stored file, at once.
    """
    if fmt not in ("pdf", "xlsx"):
        raise Http404("Format laporan tidak dikenal.")
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    if kecamatan is None:
        raise Http404("Pilih kecamatan terlebih dahulu.")
    hari_ini = timezone.localdate()
    try:
        periode = rentang_dari_query(request.GET, hari_ini=hari_ini, satu_tahun=False)
    except PeriodeTidakSah as exc:
        kembali = reverse("skm:hasil-kecamatan", args=[kode]) if kode else reverse("skm:hasil")
        return periode_ditolak(request, judul="Laporan Hasil SKM", kesalahan=[str(exc)], kembali=kembali)
    mulai, selesai = periode.mulai, periode.selesai
    if fmt == "xlsx" and not ekspor_perlu_pekerjaan(
        Responden.objects.filter(kecamatan=kecamatan, tanggal__range=(mulai, selesai)).count()
    ):
        content, jenis = laporan_skm_buat(kecamatan=kecamatan, mulai=mulai, selesai=selesai, fmt=fmt, hari_ini=hari_ini)
        response = HttpResponse(content, content_type=jenis)
        nama = nama_laporan_skm(kecamatan, mulai, selesai, fmt)
        response["Content-Disposition"] = f'attachment; filename="{nama}"'
        return response
    parameter = {
        "mulai": mulai.isoformat(),
        "selesai": selesai.isoformat(),
        "fmt": fmt,
        "hari_ini": hari_ini.isoformat(),
    }
    # The layout's fingerprint too (templates/pdf is part of it): a deploy that changes the report makes it new.
    versi = f"{_versi_laporan_skm(kecamatan, periode)}:{sidik_tampilan()}"
    kunci = ":".join(["laporan_skm", str(kecamatan.pk), *parameter.values(), versi])
    pekerjaan = pekerjaan_mulai(
        pemilik=request.user, jenis="laporan_skm", parameter=parameter, kecamatan=kecamatan, kunci=kunci
    )
    # The stored file of an unchanged report downloads at once; a new one shows its progress first.
    return ke_pekerjaan(request, pekerjaan)
