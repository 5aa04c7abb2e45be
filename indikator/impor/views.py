"""Template download, upload page and export; thin: the form checks the upload, the service does the rest."""

from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from desa.models import DokumenDesa
from iku_project.spreadsheet import ekspor_perlu_pekerjaan
from indikator.impor.export import workbook_export
from indikator.impor.format import KOLOM_DOKUMEN, KOLOM_KEGIATAN, SHEET_DOKUMEN, SHEET_KEGIATAN
from indikator.impor.forms import ImporForm
from indikator.impor.reader import KesalahanImpor
from indikator.impor.services import HasilImpor, berkas_sementara_ada, berkas_sementara_simpan, boleh_impor
from indikator.impor.template import template_bytes
from indikator.impor.tugas import MAKS_KESALAHAN_TAMPIL, PESAN_BERKAS_HILANG
from kecamatan import akses
from kecamatan.berkas import XLSX
from kecamatan.models import Kegiatan
from pekerjaan.services import pekerjaan_mulai
from pekerjaan.views import ke_pekerjaan

MAKS_TAUTAN_EKSPOR = 60


def _xlsx(content: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _per_sheet(kesalahan):
    tampil = kesalahan[:MAKS_KESALAHAN_TAMPIL]
    return [(sheet or "Berkas", list(items)) for sheet, items in groupby(tampil, key=lambda k: k.sheet)]


@require_http_methods(["GET", "POST"])
def impor(request):
    """The form checks the upload at once; the rows are checked (and saved) by a job, whose page shows the
    errors per sheet and row or the counts. A file found valid by "Periksa saja" comes back here (``?token=``)
    to be imported with "Impor berkas ini", without choosing it again."""
    if not boleh_impor(request.user):
        raise PermissionDenied("Hanya kasi kecamatan dan admin kabupaten yang dapat mengimpor data.")
    hasil = None
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("token") and not request.FILES:
        # "Impor berkas ini": the file checked a moment ago, if it is still kept for this user.
        token = request.POST["token"]
        if berkas_sementara_ada(user=request.user, token=token):
            return _mulai(request, token=token, nama_berkas=request.POST.get("nama_berkas", ""), dry_run=False)
        hasil, form = HasilImpor(kesalahan=[KesalahanImpor(None, None, None, PESAN_BERKAS_HILANG)]), ImporForm()
    elif request.method == "POST" and form.is_valid():
        # "Periksa saja" never writes; "Impor" writes only when the whole file is valid.
        berkas = form.cleaned_data["berkas"]
        token = berkas_sementara_simpan(user=request.user, file=berkas)
        return _mulai(request, token=token, nama_berkas=berkas.name, dry_run=request.POST.get("aksi") != "simpan")
    token = request.GET.get("token", "")
    tersimpan = request.method == "GET" and berkas_sementara_ada(user=request.user, token=token)
    context = {
        "form": form,
        "hasil": hasil,
        "token": token if tersimpan else None,
        "nama_berkas": request.GET.get("berkas", "") if tersimpan else None,
        "kesalahan_per_sheet": _per_sheet(hasil.kesalahan) if hasil else [],
        "kesalahan_lain": max(0, len(hasil.kesalahan) - MAKS_KESALAHAN_TAMPIL) if hasil else 0,
        "kolom": [(SHEET_KEGIATAN, KOLOM_KEGIATAN), (SHEET_DOKUMEN, KOLOM_DOKUMEN)],
        # Links per kecamatan for a kabupaten; a superuser over a whole country gets the command instead.
        "kecamatan_list": akses.kecamatan_scope(request.user)[: MAKS_TAUTAN_EKSPOR + 1],
        "maks_tautan": MAKS_TAUTAN_EKSPOR,
    }
    return render(request, "indikator/impor.html", context, status=200)


def _kecamatan_sendiri(user):
    keanggotaan = akses.keanggotaan_of(user)
    return keanggotaan.kecamatan if keanggotaan is not None else None


def _mulai(request, *, token: str, nama_berkas: str, dry_run: bool):
    pekerjaan = pekerjaan_mulai(
        pemilik=request.user,
        jenis="impor_workbook",
        parameter={"token": token, "nama_berkas": nama_berkas[:200], "dry_run": dry_run},
        kecamatan=_kecamatan_sendiri(request.user),
    )
    return ke_pekerjaan(request, pekerjaan)


@require_GET
def templat(request):
    return _xlsx(template_bytes(), "templat-impor-iku.xlsx")


@require_GET
def ekspor(request, kode=None):
    """A kecamatan role gets its own kecamatan; a kabupaten role one kecamatan by code, or all of its scope."""
    if akses.peran_of(request.user) is None:
        raise PermissionDenied("Akun Anda belum terhubung ke kecamatan atau kabupaten.")
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    if kecamatan is not None:
        qs, nama = akses.kecamatan_scope(request.user).filter(pk=kecamatan.pk), kecamatan.kode
    else:
        qs, nama = akses.kecamatan_scope(request.user), "semua"
    # Counted with two COUNT queries; a large scope is written by the worker (indikator/impor/tugas.py).
    baris = (
        Kegiatan.objects.filter(kecamatan__in=qs).count() + DokumenDesa.objects.filter(desa__kecamatan__in=qs).count()
    )
    if ekspor_perlu_pekerjaan(baris):
        pekerjaan = pekerjaan_mulai(
            pemilik=request.user, jenis="ekspor_workbook", parameter={"kode": kode}, kecamatan=kecamatan
        )
        return ke_pekerjaan(request, pekerjaan)
    return _xlsx(workbook_export(kecamatan_qs=qs), f"data-iku-{nama}-{timezone.localdate():%Y%m%d}.xlsx")
