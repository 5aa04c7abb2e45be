import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from desa import selectors, services
from desa.akses import access_desa_by_id, access_dokumen_desa_by_id
from desa.export import matriks_xlsx
from desa.forms import DokumenDesaForm
from desa.models import DokumenDesa, pesan_kelurahan
from desa.tenggat import JenisDokumen, StatusDokumen
from iku_project.htmx import vary_on_htmx
from kecamatan import akses
from kecamatan.akses import Akses
from kecamatan.berkas import berkas_response, safe_download_name

TAHUN_MIN, TAHUN_MAX = 2015, 2100


def hari_ini() -> datetime.date:
    """The as-of date of every page here; one function, so tests can fix it."""
    return timezone.localdate()


def _tahun(value, default: int) -> int:
    if value and str(value).isdigit() and TAHUN_MIN <= int(value) <= TAHUN_MAX:
        return int(value)
    return default


def _boleh_tulis(user) -> bool:
    return akses.boleh_tulis_dokumen_desa(user)


def _pilih_kecamatan(request, tujuan):
    pilihan = akses.kecamatan_scope(request.user).select_related("kabupaten")
    return render(request, "kecamatan/pilih_kecamatan.html", {"pilihan": pilihan, "tujuan": tujuan})


def _matriks_url(kecamatan, tahun, user) -> str:
    # Kecamatan roles have one kecamatan and a short URL; kabupaten roles name it.
    if akses.keanggotaan_of(user) is not None and akses.keanggotaan_of(user).kecamatan_id is not None:
        return reverse("desa:dokumen", query={"tahun": tahun})
    return reverse("desa:dokumen-kecamatan", args=[kecamatan.kode], query={"tahun": tahun})


def matriks(request, kode=None):
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    if kecamatan is None:
        return _pilih_kecamatan(request, "desa:dokumen-kecamatan")
    as_of = hari_ini()
    tahun = _tahun(request.GET.get("tahun"), as_of.year)
    data = selectors.matriks_dokumen(kecamatan=kecamatan, tahun=tahun, basis=selectors.iku2_basis(), as_of=as_of)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(
            matriks_xlsx(data), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="dokumen-desa-{kecamatan.kode}-{tahun}.xlsx"'
        return response
    context = {
        "m": data,
        "kecamatan": kecamatan,
        "tahun": tahun,
        "pilihan_tahun": range(as_of.year + 1, as_of.year - 5, -1),
        "boleh_tulis": _boleh_tulis(request.user),
        "status": StatusDokumen,
        "url_kecamatan": kode,
    }
    return render(request, "desa/matriks.html", context)


def _desa_for(request, desa_id, jenis, tahun_anggaran, *, untuk):
    if jenis not in JenisDokumen.values or not TAHUN_MIN <= tahun_anggaran <= TAHUN_MAX:
        raise Http404("Dokumen tidak dikenal.")
    return access_desa_by_id(request.user, desa_id, untuk=untuk)


def _sel_response(request, *, desa, jenis, tahun_anggaran, tahun, tersimpan=False):
    """The refreshed cell, plus the column totals swapped out of band."""
    as_of = hari_ini()
    sel = selectors.sel_dokumen(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, as_of=as_of)
    data = selectors.matriks_dokumen(kecamatan=desa.kecamatan, tahun=tahun, basis=selectors.iku2_basis(), as_of=as_of)
    context = {
        "sel": sel,
        "m": data,
        "tahun": tahun,
        "boleh_tulis": _boleh_tulis(request.user),
        "oob": True,
        "tersimpan": tersimpan,
    }
    html = render_to_string("desa/matriks.html#sel", context, request=request)
    html += render_to_string("desa/matriks.html#total", context, request=request)
    return HttpResponse(html)


@vary_on_htmx
def sel(request, desa_id, jenis, tahun_anggaran):
    """Enter or correct one cell: inline through HTMX, or as a plain page without JavaScript."""
    # Cancelling an inline edit only redraws the cell: reading; anything else here is entering a document.
    batal = bool(request.htmx and request.method == "GET" and request.GET.get("batal"))
    desa = _desa_for(request, desa_id, jenis, tahun_anggaran, untuk=Akses.BACA if batal else Akses.UBAH)
    tahun = _tahun(request.POST.get("tahun") or request.GET.get("tahun"), hari_ini().year)
    if batal:
        return _sel_response(request, desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tahun=tahun)
    dokumen = DokumenDesa.objects.filter(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran).first()
    sel = selectors.sel_dokumen(desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, as_of=hari_ini())
    if request.method == "POST":
        form = DokumenDesaForm(request.POST, request.FILES, jenis=jenis)
        if form.is_valid():
            fields = {
                "tanggal": form.cleaned_data["tanggal"],
                "nomor": form.cleaned_data["nomor"],
                "catatan": form.cleaned_data["catatan"],
                "berkas": form.cleaned_data.get("berkas"),
                "hari_ini": hari_ini(),
            }
            try:
                if dokumen is None:
                    services.dokumen_desa_create(
                        user=request.user, desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, **fields
                    )
                else:
                    services.dokumen_desa_update(user=request.user, dokumen=dokumen, **fields)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                if request.htmx:
                    return _sel_response(
                        request, desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, tahun=tahun, tersimpan=True
                    )
                messages.success(request, f"{sel.wajib.label} {desa} tersimpan.")
                return redirect(_matriks_url(desa.kecamatan, tahun, request.user))
    else:
        form = DokumenDesaForm(initial=DokumenDesaForm.initial_for(dokumen), jenis=jenis)
    context = {
        "desa": desa,
        "sel": sel,
        "dokumen": dokumen,
        "form": form,
        "tahun": tahun,
        "kelurahan": pesan_kelurahan(desa) if desa.is_kelurahan else None,
        "matriks_url": _matriks_url(desa.kecamatan, tahun, request.user),
    }
    template = "desa/sel.html#form_inline" if request.htmx else "desa/sel.html"
    status = 400 if desa.is_kelurahan and request.method == "POST" else 200
    return render(request, template, context, status=status)


def _add_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_POST
def hapus(request, pk):
    dokumen = access_dokumen_desa_by_id(request.user, pk, untuk=Akses.UBAH)
    tahun = _tahun(request.POST.get("tahun"), hari_ini().year)
    label = f"{dokumen.get_jenis_display()} TA {dokumen.tahun_anggaran} {dokumen.desa}"
    services.dokumen_desa_delete(user=request.user, dokumen=dokumen)
    messages.success(request, f"{label} dihapus.")
    return redirect(_matriks_url(dokumen.desa.kecamatan, tahun, request.user))


def scan(request, pk):
    """The scan of a desa document, only through the user's scoped documents."""
    dokumen = access_dokumen_desa_by_id(request.user, pk)
    if not dokumen.berkas:
        raise Http404("Dokumen ini belum memiliki pindaian.")
    nama = dokumen.nama_berkas_asli or f"{dokumen.get_jenis_display()} TA {dokumen.tahun_anggaran} {dokumen.desa.nama}"
    return berkas_response(
        dokumen.berkas,
        download_name=safe_download_name(nama, dokumen.extension),
        inline=request.GET.get("unduh") is None,
        content_type=dokumen.content_type or "application/octet-stream",
    )


def tenggat(request, kode=None):
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    if kecamatan is None:
        return _pilih_kecamatan(request, "desa:tenggat-kecamatan")
    daftar = selectors.tenggat_dokumen(kecamatan=kecamatan, as_of=hari_ini())
    return render(
        request,
        "desa/tenggat.html",
        {"d": daftar, "kecamatan": kecamatan, "url_kecamatan": kode, "boleh_tulis": _boleh_tulis(request.user)},
    )
