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
from desa.akses import (
    access_desa_by_id,
    access_desa_operator,
    access_dokumen_desa_by_id,
    access_operator_desa_by_id,
    access_pengajuan_by_id,
)
from desa.export import matriks_xlsx
from desa.forms import AlasanKembaliForm, DokumenDesaForm, OperatorDesaForm, PengajuanForm
from desa.models import DokumenDesa, pesan_kelurahan
from desa.tasks import XLSX, nama_berkas_matriks
from desa.tenggat import JenisDokumen, StatusDokumen
from iku_project.htmx import vary_on_htmx
from iku_project.spreadsheet import ekspor_perlu_pekerjaan
from kecamatan import akses
from kecamatan import services as kecamatan_services
from kecamatan.akses import Akses
from kecamatan.berkas import berkas_response, safe_download_name
from pekerjaan.services import pekerjaan_mulai
from pekerjaan.views import ke_pekerjaan
from wilayah.models import Desa

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
        if ekspor_perlu_pekerjaan(len(data.baris) + len(data.kelurahan)):
            pekerjaan = pekerjaan_mulai(
                pemilik=request.user,
                jenis="ekspor_matriks_desa",
                parameter={"tahun": tahun, "hari_ini": as_of.isoformat()},
                kecamatan=kecamatan,
            )
            return ke_pekerjaan(request, pekerjaan)
        response = HttpResponse(matriks_xlsx(data), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{nama_berkas_matriks(kecamatan, tahun)}"'
        return response
    context = {
        "m": data,
        "kecamatan": kecamatan,
        "tahun": tahun,
        "pilihan_tahun": range(as_of.year + 1, as_of.year - 5, -1),
        "boleh_tulis": _boleh_tulis(request.user),
        "status": StatusDokumen,
        "url_kecamatan": kode,
        "boleh_putus": akses.boleh_putus_pengajuan(request.user, kecamatan.pk),
        "alasan_form": AlasanKembaliForm(),
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


# --- The desa operator (docs/DESIGN.md §2.7) ---------------------------------------------------------


def operator(request):
    """The operator's own desa: the three documents per TA, their deadline and status, its submissions."""
    desa = access_desa_operator(request.user)
    as_of = hari_ini()
    context = {"desa": desa, "daftar": selectors.dokumen_operator(desa=desa, as_of=as_of), "as_of": as_of}
    return render(request, "desa/operator.html", context)


def ajukan(request, jenis, tahun_anggaran):
    desa = access_desa_operator(request.user)
    if jenis not in JenisDokumen.values or tahun_anggaran not in selectors.tahun_anggaran_operator(hari_ini()):
        raise Http404("Dokumen tidak dikenal.")
    label = f"{JenisDokumen(jenis).label} TA {tahun_anggaran}"
    if request.method == "POST":
        form = PengajuanForm(request.POST, request.FILES, jenis=jenis)
        if form.is_valid():
            try:
                services.pengajuan_create(
                    user=request.user,
                    desa=desa,
                    jenis=jenis,
                    tahun_anggaran=tahun_anggaran,
                    tanggal=form.cleaned_data["tanggal"],
                    nomor=form.cleaned_data["nomor"],
                    berkas=form.cleaned_data["berkas"],
                    hari_ini=hari_ini(),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, f"{label} terkirim. Kasi kecamatan akan memeriksanya.")
                return redirect("desa:operator")
    else:
        form = PengajuanForm(jenis=jenis)
    context = {"desa": desa, "form": form, "label": label, "tenggat": selectors.tenggat(jenis, tahun_anggaran)}
    return render(request, "desa/ajukan.html", context, status=400 if form.errors else 200)


def pengajuan_scan(request, pk):
    """The scan of a submission: its desa's operator, and the kecamatan and kabupaten roles of its scope."""
    pengajuan = access_pengajuan_by_id(request.user, pk)
    nama = pengajuan.nama_berkas_asli or f"{pengajuan.label} {pengajuan.desa.nama}"
    return berkas_response(
        pengajuan.berkas,
        download_name=safe_download_name(nama, pengajuan.extension),
        inline=request.GET.get("unduh") is None,
        content_type=pengajuan.content_type or "application/octet-stream",
    )


def _kembali_ke_matriks(request, pengajuan):
    tahun = _tahun(request.POST.get("tahun"), hari_ini().year)
    return redirect(_matriks_url(pengajuan.desa.kecamatan, tahun, request.user) + "#pengajuan-menunggu")


@require_POST
def pengajuan_terima(request, pk):
    pengajuan = access_pengajuan_by_id(request.user, pk, untuk=Akses.PUTUS)
    try:
        services.pengajuan_terima(user=request.user, pengajuan=pengajuan, hari_ini=hari_ini())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{pengajuan.label} {pengajuan.desa} diterima dan tercatat.")
    return _kembali_ke_matriks(request, pengajuan)


@require_POST
def pengajuan_kembalikan(request, pk):
    pengajuan = access_pengajuan_by_id(request.user, pk, untuk=Akses.PUTUS)
    form = AlasanKembaliForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasan pengembaliannya agar operator desa dapat memperbaikinya.")
        return _kembali_ke_matriks(request, pengajuan)
    try:
        services.pengajuan_kembalikan(user=request.user, pengajuan=pengajuan, alasan=form.cleaned_data["alasan"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{pengajuan.label} {pengajuan.desa} dikembalikan ke operator desa.")
    return _kembali_ke_matriks(request, pengajuan)


@akses.peran_required(*akses.PERAN_KABUPATEN)
def rekap_operator(request):
    """The kabupaten's view of the desa in the loop: operators per kecamatan and submissions waiting."""
    baris = list(selectors.rekap_operator(kecamatan_qs=akses.kecamatan_scope(request.user)))
    total = {
        "jumlah_desa": sum(k.jumlah_desa for k in baris),
        "desa_beroperator": sum(k.desa_beroperator for k in baris),
        "pengajuan_menunggu": sum(k.pengajuan_menunggu for k in baris),
    }
    return render(request, "desa/rekap_operator.html", {"baris": baris, "total": total})


@akses.peran_required(*akses.PERAN_ADMIN)
@require_POST
def operator_aktif(request, user_id):
    """Switch a desa operator's account off or on (POST ``aktif`` = 1 or 0), back to the operators' page."""
    keanggotaan = access_operator_desa_by_id(request.user, user_id)
    aktif = request.POST.get("aktif") == "1"
    kecamatan_services.operator_desa_aktif_set(oleh=request.user, keanggotaan=keanggotaan, aktif=aktif)
    nama = keanggotaan.user.get_username()
    messages.success(
        request,
        f"Akun operator {nama} diaktifkan kembali."
        if aktif
        else f"Akun operator {nama} dinonaktifkan: ia tidak dapat masuk lagi; pengajuannya tetap tercatat.",
    )
    return redirect("desa:operator-kelola")


def operator_kelola(request):
    """The desa operators of the user's scope, and a new one (docs/DESIGN.md §2.7): the pimpinan for its
    kecamatan, the admin kabupaten for the kabupaten's."""
    desa_qs = Desa.objects.for_user(request.user).desa_saja().select_related("kecamatan").order_by("kode")
    if request.method == "POST":
        form = OperatorDesaForm(request.POST, desa_qs=desa_qs)
        if form.is_valid():
            try:
                user = kecamatan_services.operator_desa_create(
                    oleh=request.user,
                    desa=form.cleaned_data["desa"],
                    username=form.cleaned_data["username"],
                    sandi=form.cleaned_data["sandi1"],
                    email=form.cleaned_data["email"],
                    nama=form.cleaned_data["nama"],
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    f"Operator {user.get_username()} untuk {form.cleaned_data['desa']} dibuat. "
                    "Ia mengganti kata sandinya saat pertama masuk.",
                )
                return redirect("desa:operator-kelola")
    else:
        form = OperatorDesaForm(desa_qs=desa_qs)
    operator = selectors.operator_desa_list(desa_qs=desa_qs)
    return render(
        request, "desa/operator_kelola.html", {"form": form, "daftar": operator}, status=400 if form.errors else 200
    )
