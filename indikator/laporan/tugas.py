"""The report renderings as jobs (issue 11, docs/DESIGN.md §3.7): Laporan Capaian, Dokumen IKU and Rekap
Kabupaten, each as PDF and XLSX.

The page validates the period and the access at once and starts a job with ``pekerjaan_mulai``; the worker
runs a handler below, which asks the access layer again as the job's owner (a membership ended in between
fails the job instead of printing). Each rendering has a key (``kunci_*``): its kind, its parameters, the
data version of the kecamatan it reads (``wilayah.versi.versi_data_kunci``) and a fingerprint of the code
that lays it out, so the same report of unchanged data is served from the finished job at once and any
write, or a new layout after a deploy, makes the next one new. A cached draft keeps the time it was first
printed ("dicetak pada"): that is when those figures were rendered.
"""

import datetime
import functools

from django.conf import settings
from django.utils import timezone

from indikator.akses import access_kabupaten_by_kode, access_laporan_kecamatan_by_kode
from indikator.laporan import generator, pdf, xlsx
from indikator.tembolok import sidik_kode
from kecamatan import akses
from kecamatan.periode import Periode
from pekerjaan.jenis import HasilBerkas, PekerjaanGagal, jenis_pekerjaan
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_kunci

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAPORAN_CAPAIAN_PDF = "laporan_capaian_pdf"
LAPORAN_CAPAIAN_XLSX = "laporan_capaian_xlsx"
DOKUMEN_IKU_PDF = "dokumen_iku_pdf"
DOKUMEN_IKU_XLSX = "dokumen_iku_xlsx"
REKAP_KABUPATEN_PDF = "rekap_kabupaten_pdf"
REKAP_KABUPATEN_XLSX = "rekap_kabupaten_xlsx"

# What decides how a report looks and what it shows: a change to any of these after a deploy makes every
# cached rendering stale. The layout (templates, stylesheet, fonts, the ReportLab Lampiran I), the
# figures' computation and loading, and the template tags and charts the renderings use.
_KODE_TAMPILAN = [
    "indikator/laporan/generator.py",
    "indikator/laporan/pdf.py",
    "indikator/laporan/html.py",
    "indikator/laporan/xlsx.py",
    "indikator/laporan/lampiran_pdf.py",
    "indikator/laporan/fetcher.py",
    "indikator/laporan/skm.py",
    "indikator/calculations.py",
    "indikator/iku.py",
    "indikator/fetch.py",
    "indikator/agregat.py",
    "indikator/tembolok.py",
    "indikator/models.py",
    "indikator/charts.py",
    "indikator/tujuan.py",
    "indikator/templatetags",
    "iku_project/spreadsheet.py",
    "templates/pdf",
    "static/pdf",
    # The DejaVu faces (settings.STATICFILES_DIRS "vendor/dejavu"), from npm: a new version changes the glyphs.
    "node_modules/dejavu-fonts-ttf/ttf",
]


@functools.cache
def sidik_tampilan() -> str:
    return sidik_kode(_KODE_TAMPILAN)


def _kunci(jenis: str, *bagian, kecamatan_qs) -> str:
    teks = "|".join(str(b) for b in bagian)
    return f"{jenis}|{teks}|{settings.IKU2_BASIS}|v{versi_data_kunci(kecamatan_qs=kecamatan_qs)}|{sidik_tampilan()}"


def kunci_laporan_capaian(jenis: str, *, kecamatan, periode: Periode, as_of: datetime.date, nama: str) -> str:
    p = periode.ke_json()
    return _kunci(
        jenis,
        kecamatan.kode,
        p["mulai"],
        p["selesai"],
        p["jenis"],
        p["nomor"],
        as_of.isoformat(),
        nama,
        settings.LAPORAN_PDF_MAKS_KEGIATAN,
        kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk),
    )


def kunci_dokumen_iku(jenis: str, *, kecamatan, hari_ini: datetime.date) -> str:
    return _kunci(jenis, kecamatan.kode, hari_ini.isoformat(), kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk))


def kunci_rekap(jenis: str, *, kabupaten, kecamatan_qs, periode: Periode, as_of: datetime.date) -> str:
    p = periode.ke_json()
    return _kunci(
        jenis,
        kabupaten.kode,
        p["mulai"],
        p["selesai"],
        p["jenis"],
        p["nomor"],
        as_of.isoformat(),
        kecamatan_qs=kecamatan_qs,
    )


# --- Laporan Capaian -------------------------------------------------------------------------------------


def _laporan_capaian(pekerjaan, kemajuan, *, kode, periode, as_of):
    kecamatan = access_laporan_kecamatan_by_kode(pekerjaan.pemilik, kode)
    kemajuan.langkah("Menghitung capaian IKU", 10)
    return generator.laporan_capaian_generate(
        kecamatan=kecamatan, periode=Periode.dari_json(periode), as_of=datetime.date.fromisoformat(as_of)
    )


@jenis_pekerjaan(LAPORAN_CAPAIAN_PDF, judul="Laporan Capaian IKU (PDF)", transaksi=False)
def laporan_capaian_pdf_kerjakan(*, pekerjaan, kemajuan, kode, periode, as_of, nama) -> HasilBerkas:
    data = _laporan_capaian(pekerjaan, kemajuan, kode=kode, periode=periode, as_of=as_of)
    kemajuan.langkah("Menyusun PDF (bagian terlama)", 30)
    konten = pdf.laporan_capaian_pdf(data, dicetak_pada=timezone.now())
    kemajuan.langkah("Menyimpan berkas", 95)
    return HasilBerkas(konten=konten, nama=f"{nama}.pdf", content_type=PDF)


@jenis_pekerjaan(LAPORAN_CAPAIAN_XLSX, judul="Laporan Capaian IKU (Excel)", transaksi=False)
def laporan_capaian_xlsx_kerjakan(*, pekerjaan, kemajuan, kode, periode, as_of, nama) -> HasilBerkas:
    data = _laporan_capaian(pekerjaan, kemajuan, kode=kode, periode=periode, as_of=as_of)
    kemajuan.langkah("Menyusun lembar kerja", 50)
    konten = xlsx.laporan_capaian_xlsx(data, draf=True)
    kemajuan.langkah("Menyimpan berkas", 95)
    return HasilBerkas(konten=konten, nama=f"{nama}.xlsx", content_type=XLSX)


# --- Dokumen IKU -----------------------------------------------------------------------------------------


def _dokumen_iku(pekerjaan, kemajuan, *, kode, hari_ini):
    kecamatan = access_laporan_kecamatan_by_kode(pekerjaan.pemilik, kode)
    kemajuan.langkah("Membaca dokumen IKU", 10)
    try:
        return generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=datetime.date.fromisoformat(hari_ini))
    except generator.TanpaDokumenIKU as exc:
        raise PekerjaanGagal(str(exc)) from exc


@jenis_pekerjaan(DOKUMEN_IKU_PDF, judul="Dokumen IKU (PDF)", transaksi=False)
def dokumen_iku_pdf_kerjakan(*, pekerjaan, kemajuan, kode, hari_ini, nama) -> HasilBerkas:
    data = _dokumen_iku(pekerjaan, kemajuan, kode=kode, hari_ini=hari_ini)
    kemajuan.langkah("Menyusun PDF", 30)
    return HasilBerkas(konten=pdf.dokumen_iku_pdf(data), nama=f"{nama}.pdf", content_type=PDF)


@jenis_pekerjaan(DOKUMEN_IKU_XLSX, judul="Dokumen IKU (Excel)", transaksi=False)
def dokumen_iku_xlsx_kerjakan(*, pekerjaan, kemajuan, kode, hari_ini, nama) -> HasilBerkas:
    data = _dokumen_iku(pekerjaan, kemajuan, kode=kode, hari_ini=hari_ini)
    kemajuan.langkah("Menyusun lembar kerja", 50)
    return HasilBerkas(konten=xlsx.dokumen_iku_xlsx(data), nama=f"{nama}.xlsx", content_type=XLSX)


# --- Rekap Kabupaten -------------------------------------------------------------------------------------


def _rekap(pekerjaan, kemajuan, *, kabupaten, periode, as_of):
    kab = access_kabupaten_by_kode(pekerjaan.pemilik, kabupaten)
    kemajuan.langkah("Menghitung capaian setiap kecamatan", 10)
    return generator.rekap_kabupaten_generate(
        kabupaten=kab,
        kecamatan_qs=akses.kecamatan_scope(pekerjaan.pemilik).filter(kabupaten=kab),
        periode=Periode.dari_json(periode),
        as_of=datetime.date.fromisoformat(as_of),
        dicetak_pada=timezone.now(),
    )


@jenis_pekerjaan(REKAP_KABUPATEN_PDF, judul="Rekap Kabupaten (PDF)", transaksi=False)
def rekap_kabupaten_pdf_kerjakan(*, pekerjaan, kemajuan, kabupaten, periode, as_of, nama) -> HasilBerkas:
    rekap = _rekap(pekerjaan, kemajuan, kabupaten=kabupaten, periode=periode, as_of=as_of)
    kemajuan.langkah("Menyusun PDF", 40)
    return HasilBerkas(konten=pdf.rekap_kabupaten_pdf(rekap), nama=f"{nama}.pdf", content_type=PDF)


@jenis_pekerjaan(REKAP_KABUPATEN_XLSX, judul="Rekap Kabupaten (Excel)", transaksi=False)
def rekap_kabupaten_xlsx_kerjakan(*, pekerjaan, kemajuan, kabupaten, periode, as_of, nama) -> HasilBerkas:
    rekap = _rekap(pekerjaan, kemajuan, kabupaten=kabupaten, periode=periode, as_of=as_of)
    kemajuan.langkah("Menyusun lembar kerja", 50)
    return HasilBerkas(konten=xlsx.rekap_kabupaten_xlsx(rekap), nama=f"{nama}.xlsx", content_type=XLSX)
