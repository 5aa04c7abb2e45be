"""Kegiatan and bukti pendukung pages; thin: forms validate, services write, selectors read.

Every object comes from the access layer (``kecamatan/akses.py``, docs/DESIGN.md §3.4): another
kecamatan's id answers 404 before any permission is even considered, a role that may not act 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from iku_project.htmx import vary_on_htmx
from iku_project.kirim_sekali import SudahTerkirim, kirim_sekali
from iku_project.spreadsheet import ekspor_perlu_pekerjaan
from kecamatan import akses, selectors, services
from kecamatan.berkas import ACCEPT_ATTR, XLSX, berkas_response, safe_download_name
from kecamatan.export import kegiatan_xlsx
from kecamatan.forms import (
    BuktiForm,
    KegiatanBaruForm,
    KegiatanFilterForm,
    KegiatanForm,
    LampirkanBerkasForm,
    OutputForm,
)
from kecamatan.tasks import judul_daftar, nama_berkas_daftar
from pekerjaan.services import pekerjaan_mulai
from pekerjaan.views import ke_pekerjaan
from wilayah.models import Kecamatan

PER_HALAMAN = 25
HASIL_TARGET = "hasil-kegiatan"


def _hari_ini():
    return timezone.localdate()


def _form_error(form, exc: ValidationError):
    """Put a service's ValidationError on the form, by field where the service named one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _periode_daftar(filters: dict) -> str:
    """Which dates the list covers, in words: the dashboard's badge names the same period (issue 19)."""
    periode = selectors.kegiatan_periode(filters)
    label = periode.label if periode else ""
    dari = filters.get("dari") or (periode.mulai if periode else None)
    sampai = filters.get("sampai") or (periode.selesai if periode else None)
    if not (dari or sampai):
        return "semua tahun"
    rentang = " s.d. ".join(date_format(t, "j F Y") if t else "…" for t in (dari, sampai))
    return f"{label} ({rentang})" if label else rentang


def _kecamatan_sendiri(user):
    keanggotaan = akses.keanggotaan_of(user)
    return keanggotaan.kecamatan if keanggotaan is not None else None


def _daftar(request, *, perlu_tindak_lanjut: bool):
    hari_ini = _hari_ini()
    scope = akses.kecamatan_scope(request.user)
    data = request.GET.copy()
    for key in ("halaman", "export"):
        data.pop(key, None)
    form = KegiatanFilterForm(data or None, kecamatan_scope=scope, hari_ini=hari_ini)
    # Refused filters (a bad period, say) list nothing rather than every kegiatan: the errors say why.
    ditolak = form.is_bound and not form.is_valid()
    filters = form.cleaned_data if form.is_bound and not ditolak else {}
    kegiatan = selectors.kegiatan_list(
        user=request.user, as_of=hari_ini, filters=filters, perlu_tindak_lanjut=perlu_tindak_lanjut
    )
    if ditolak:
        kegiatan = kegiatan.none()
    judul = judul_daftar(perlu_tindak_lanjut)
    if request.GET.get("export") == "xlsx" and not ditolak:
        if ekspor_perlu_pekerjaan(kegiatan.count()):
            # A long list is written by the worker (kecamatan/tasks.py) from the same filters.
            pekerjaan = pekerjaan_mulai(
                pemilik=request.user,
                jenis="ekspor_kegiatan",
                parameter={
                    "saringan": {k: data.getlist(k) for k in data},
                    "perlu_tindak_lanjut": perlu_tindak_lanjut,
                    "hari_ini": hari_ini.isoformat(),
                },
                kecamatan=_kecamatan_sendiri(request.user),
            )
            return ke_pekerjaan(request, pekerjaan)
        content = kegiatan_xlsx(kegiatan, judul=judul, as_of=hari_ini)
        response = HttpResponse(content, content_type=XLSX)
        nama = nama_berkas_daftar(perlu_tindak_lanjut, hari_ini)
        response["Content-Disposition"] = f'attachment; filename="{nama}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
    halaman = Paginator(kegiatan, PER_HALAMAN).get_page(request.GET.get("halaman"))
    context = {
        "judul": judul,
        "periode_daftar": "saringan tidak sah, perbaiki isiannya" if ditolak else _periode_daftar(filters),
        "saringan_ditolak": ditolak,
        "tahun_ini": hari_ini.year,
        "perlu_tindak_lanjut": perlu_tindak_lanjut,
        "form": form,
        "halaman": halaman,
        "hari_ini": hari_ini,
        "boleh_catat": akses.boleh_catat_kegiatan(request.user),
        "tampil_kecamatan": not form.satu_kecamatan,
    }
    template = "kecamatan/kegiatan_list.html"
    if request.htmx and request.htmx.target == HASIL_TARGET:
        template += "#hasil"
    # htmx swaps only a 2xx answer: its partial keeps 200 so the errors reach the page.
    status = 400 if ditolak and not request.htmx else 200
    return render(request, template, context, status=status)


@vary_on_htmx
@require_GET
def kegiatan_list(request):
    return _daftar(request, perlu_tindak_lanjut=False)


@vary_on_htmx
@require_GET
def kegiatan_perlu_tindak_lanjut(request):
    return _daftar(request, perlu_tindak_lanjut=True)


def _kecamatan_penulis(request) -> Kecamatan:
    if not akses.boleh_catat_kegiatan(request.user):
        raise PermissionDenied("Hanya staf dan kasi yang dapat mencatat kegiatan.")
    return akses.access_kecamatan_by_kode(request.user)


def _form_values(form: KegiatanForm) -> dict:
    return {
        name: form.cleaned_data[name]
        for name in ("uraian", "tanggal", "status", "seksi", "desa", "keterangan")
        if name in form.cleaned_data
    }


def _pilihan_initial(data) -> dict:
    """The no-JavaScript "tampilkan uraian" round trip: keep what was typed, narrow the selects."""
    initial = {key: data.get(key) for key in ("kategori", "jenis", "uraian", "tanggal", "status", "seksi")}
    initial["desa"] = data.getlist("desa")
    initial["keterangan"] = data.get("keterangan", "")
    return initial


@require_http_methods(["GET", "POST"])
def kegiatan_create(request):
    kecamatan = _kecamatan_penulis(request)
    hari_ini = _hari_ini()
    if request.method == "POST" and "pilih" not in request.POST:
        form = KegiatanBaruForm(request.POST, kecamatan=kecamatan)
        if form.is_valid():
            try:
                with kirim_sekali(user=request.user, token=form.cleaned_data["token_kirim"]) as kiriman:
                    kegiatan = services.kegiatan_create(user=request.user, hari_ini=hari_ini, **_form_values(form))
                    kiriman.url_hasil = reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk])
            except SudahTerkirim as exc:
                messages.info(request, "Formulir ini sudah terkirim sebelumnya; kegiatan hanya dicatat sekali.")
                return redirect(exc.url_hasil or reverse("kecamatan:kegiatan-list"))
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, "Kegiatan tersimpan.")
                return redirect(kiriman.url_hasil)
    elif request.method == "POST":
        initial = _pilihan_initial(request.POST) | {"token_kirim": request.POST.get("token_kirim")}
        form = KegiatanBaruForm(initial=initial, kecamatan=kecamatan, narrow=True)
    else:
        keanggotaan = akses.keanggotaan_of(request.user)
        form = KegiatanBaruForm(
            initial={"tanggal": hari_ini, "seksi": keanggotaan.seksi_id, "status": "dilaksanakan"},
            kecamatan=kecamatan,
        )
    return render(request, "kecamatan/kegiatan_form.html", {"form": form, "kegiatan": None})


@require_GET
def kegiatan_pilihan(request):
    """HTMX: the kategori → jenis → uraian selects narrowed to what was picked, with the expected output."""
    kecamatan = _kecamatan_penulis(request)
    initial = _pilihan_initial(request.GET)
    form = KegiatanForm(initial=initial, kecamatan=kecamatan, narrow=True)
    return render(request, "kecamatan/kegiatan_form.html#pilihan", {"form": form})


def _kegiatan(request, pk, untuk=akses.Akses.BACA):
    return akses.access_kegiatan_by_id(request.user, pk, untuk=untuk, as_of=_hari_ini())


@require_http_methods(["GET", "POST"])
def kegiatan_update(request, pk):
    try:
        kegiatan = _kegiatan(request, pk, akses.Akses.UBAH)
    except akses.AksesDitolak as exc:
        # Say why, with the way back, instead of a bare "akses ditolak".
        context = {"kegiatan": exc.objek, "alasan": exc.alasan}
        return render(request, "kecamatan/kegiatan_terkunci.html", context, status=403)
    konflik = None
    status = 200
    if request.method == "POST" and "pilih" not in request.POST:
        form = KegiatanForm(request.POST, kecamatan=kegiatan.kecamatan, uraian_sekarang=kegiatan.uraian)
        if form.is_valid():
            try:
                services.kegiatan_update(
                    user=request.user,
                    kegiatan=kegiatan,
                    versi=form.cleaned_data["versi"] or 0,
                    hari_ini=_hari_ini(),
                    **_form_values(form),
                )
            except services.KonflikVersi as exc:
                konflik, status = exc.kegiatan_terbaru, 409
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, "Perubahan kegiatan tersimpan.")
                return redirect("kecamatan:kegiatan-detail", pk=kegiatan.pk)
    elif request.method == "POST":
        form = KegiatanForm(
            initial=_pilihan_initial(request.POST) | {"versi": request.POST.get("versi")},
            kecamatan=kegiatan.kecamatan,
            uraian_sekarang=kegiatan.uraian,
            narrow=True,
        )
    else:
        form = KegiatanForm(
            initial={
                "kategori": kegiatan.kategori,
                "jenis": kegiatan.uraian.jenis_id,
                "uraian": kegiatan.uraian_id,
                "tanggal": kegiatan.tanggal,
                "status": kegiatan.status,
                "seksi": kegiatan.seksi_id,
                "desa": [desa.pk for desa in kegiatan.desa.all()],
                "keterangan": kegiatan.keterangan,
                "versi": kegiatan.versi,
            },
            kecamatan=kegiatan.kecamatan,
            uraian_sekarang=kegiatan.uraian,
        )
    return render(
        request, "kecamatan/kegiatan_form.html", {"form": form, "kegiatan": kegiatan, "konflik": konflik}, status=status
    )


def _render_detail(request, kegiatan, *, output_form=None, bukti_form=None, konflik=None, status=200):
    boleh_kelola = akses.boleh_kelola_tindak_lanjut(request.user, kegiatan)
    bukti_aktif, bukti_dihapus = selectors.bukti_of_kegiatan(kegiatan=kegiatan)
    if boleh_kelola and output_form is None:
        output_form = OutputForm(
            initial={
                "output": kegiatan.output or kegiatan.output_diharapkan,
                "tanggal_output": kegiatan.tanggal_output or _hari_ini(),
                "versi": kegiatan.versi,
            }
        )
    if boleh_kelola and bukti_form is None:
        bukti_form = BuktiForm()
    context = {
        "kegiatan": kegiatan,
        "bukti_aktif": bukti_aktif,
        "bukti_dihapus": bukti_dihapus,
        "riwayat": selectors.riwayat_kegiatan(kegiatan=kegiatan),
        "boleh_ubah": akses.boleh_ubah_kegiatan(request.user, kegiatan),
        "boleh_kelola": boleh_kelola,
        "accept_berkas": ACCEPT_ATTR,
        "output_form": output_form,
        "bukti_form": bukti_form,
        "konflik": konflik,
        "hari_ini": _hari_ini(),
    }
    return render(request, "kecamatan/kegiatan_detail.html", context, status=status)


@require_GET
def kegiatan_detail(request, pk):
    return _render_detail(request, _kegiatan(request, pk))


@require_POST
def kegiatan_output(request, pk):
    kegiatan = _kegiatan(request, pk, akses.Akses.TINDAK_LANJUT)
    form = OutputForm(request.POST)
    if form.is_valid():
        try:
            services.kegiatan_output_record(
                user=request.user,
                kegiatan=kegiatan,
                versi=form.cleaned_data["versi"],
                output=form.cleaned_data["output"],
                tanggal_output=form.cleaned_data["tanggal_output"],
                hari_ini=_hari_ini(),
            )
        except services.KonflikVersi as exc:
            return _render_detail(request, kegiatan, output_form=form, konflik=exc.kegiatan_terbaru, status=409)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Output kegiatan tersimpan.")
            return redirect(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk]) + "#output")
    return _render_detail(request, kegiatan, output_form=form)


@require_POST
def bukti_create(request, pk):
    kegiatan = _kegiatan(request, pk, akses.Akses.TINDAK_LANJUT)
    form = BuktiForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("token_kirim")
        try:
            with kirim_sekali(user=request.user, token=token):
                services.bukti_create(user=request.user, kegiatan=kegiatan, **data)
        except SudahTerkirim:
            messages.info(request, "Formulir ini sudah terkirim sebelumnya; bukti pendukung hanya diunggah sekali.")
            return redirect(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk]) + "#bukti")
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Bukti pendukung terunggah.")
            return redirect(reverse("kecamatan:kegiatan-detail", args=[kegiatan.pk]) + "#bukti")
    return _render_detail(request, kegiatan, bukti_form=form)


@require_POST
def bukti_attach(request, kegiatan_pk, pk):
    bukti = akses.access_bukti_by_id(request.user, kegiatan_pk, pk, untuk=akses.Akses.TINDAK_LANJUT)
    form = LampirkanBerkasForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.bukti_berkas_attach(user=request.user, bukti=bukti, berkas=form.cleaned_data["berkas"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Berkas pindaian dilampirkan.")
    else:
        messages.error(request, " ".join(form.errors["berkas"]))
    return redirect(reverse("kecamatan:kegiatan-detail", args=[kegiatan_pk]) + "#bukti")


def bukti_berkas_response(request, kegiatan_pk, pk, *, inline):
    """The one checked way a bukti's file leaves the server, for the page and the API (kecamatan/api/)."""
    bukti = akses.access_bukti_by_id(request.user, kegiatan_pk, pk)
    if not bukti.berkas or bukti.dihapus:
        raise Http404("Berkas tidak tersedia.")
    nama = safe_download_name(bukti.nama_berkas_asli or f"{bukti.jenis.nama} {bukti.nomor}".strip(), bukti.extension)
    return berkas_response(bukti.berkas, download_name=nama, inline=inline, content_type=bukti.content_type)


@require_GET
def bukti_download(request, kegiatan_pk, pk):
    return bukti_berkas_response(request, kegiatan_pk, pk, inline=False)


@require_GET
def bukti_preview(request, kegiatan_pk, pk):
    return bukti_berkas_response(request, kegiatan_pk, pk, inline=True)


@require_http_methods(["GET", "POST"])
def bukti_remove(request, kegiatan_pk, pk):
    bukti = akses.access_bukti_by_id(request.user, kegiatan_pk, pk, untuk=akses.Akses.TINDAK_LANJUT)
    if bukti.dihapus:
        raise Http404("Bukti ini sudah dihapus.")
    if request.method == "POST":
        services.bukti_remove(user=request.user, bukti=bukti)
        messages.success(
            request, f"Bukti {bukti.jenis.nama} tanggal {date_format(bukti.tanggal, 'j F Y')} dihapus dari kegiatan."
        )
        return redirect(reverse("kecamatan:kegiatan-detail", args=[kegiatan_pk]) + "#bukti")
    return render(request, "kecamatan/bukti_hapus.html", {"bukti": bukti, "kegiatan": bukti.kegiatan})
