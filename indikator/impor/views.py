"""Template download, upload page and export; thin: the form checks the upload, the service does the rest."""

from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from indikator.impor.export import workbook_export
from indikator.impor.format import KOLOM_DOKUMEN, KOLOM_KEGIATAN, SHEET_DOKUMEN, SHEET_KEGIATAN
from indikator.impor.forms import ImporForm
from indikator.impor.reader import KesalahanImpor
from indikator.impor.services import (
    HasilImpor,
    berkas_sementara_buka,
    berkas_sementara_hapus_semua,
    berkas_sementara_simpan,
    boleh_impor,
    workbook_import,
)
from indikator.impor.template import template_bytes
from kecamatan import akses
from kecamatan.berkas import XLSX

# A file with thousands of bad rows would make an unreadable page; the first ones show the pattern.
MAKS_KESALAHAN_TAMPIL = 500
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
    if not boleh_impor(request.user):
        raise PermissionDenied("Hanya kasi kecamatan dan admin kabupaten yang dapat mengimpor data.")
    hasil = token = nama_berkas = None
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("token") and not request.FILES:
        # "Impor berkas ini": the file checked a moment ago, without choosing it again.
        hasil, form = _impor_tersimpan(request), ImporForm()
    elif request.method == "POST" and form.is_valid():
        # "Periksa saja" never writes; "Impor" writes only when the whole file is valid.
        dry_run = request.POST.get("aksi") != "simpan"
        berkas = form.cleaned_data["berkas"]
        hasil = workbook_import(user=request.user, file=berkas, dry_run=dry_run)
        if dry_run and hasil.ok and not hasil.kosong:
            token, nama_berkas = berkas_sementara_simpan(user=request.user, file=berkas), berkas.name
        form = ImporForm()
    context = {
        "form": form,
        "hasil": hasil,
        "token": token,
        "nama_berkas": nama_berkas,
        "kesalahan_per_sheet": _per_sheet(hasil.kesalahan) if hasil else [],
        "kesalahan_lain": max(0, len(hasil.kesalahan) - MAKS_KESALAHAN_TAMPIL) if hasil else 0,
        "kolom": [(SHEET_KEGIATAN, KOLOM_KEGIATAN), (SHEET_DOKUMEN, KOLOM_DOKUMEN)],
        # Links per kecamatan for a kabupaten; a superuser over a whole country gets the command instead.
        "kecamatan_list": akses.kecamatan_scope(request.user)[: MAKS_TAUTAN_EKSPOR + 1],
        "maks_tautan": MAKS_TAUTAN_EKSPOR,
    }
    return render(request, "indikator/impor.html", context, status=200)


def _impor_tersimpan(request):
    berkas = berkas_sementara_buka(user=request.user, token=request.POST["token"])
    if berkas is None:
        pesan = "Berkas yang tadi diperiksa tidak ada lagi (sudah diimpor atau diganti). Pilih berkasnya kembali."
        return HasilImpor(kesalahan=[KesalahanImpor(None, None, None, pesan)])
    with berkas:
        hasil = workbook_import(user=request.user, file=berkas, dry_run=False)
    if hasil.disimpan:
        berkas_sementara_hapus_semua(user=request.user)
    return hasil


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
    return _xlsx(workbook_export(kecamatan_qs=qs), f"data-iku-{nama}-{timezone.localdate():%Y%m%d}.xlsx")
