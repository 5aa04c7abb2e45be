"""The public survey (no login), its poster and publication; the kecamatan's own results page."""

import contextlib
import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from kecamatan import akses
from kecamatan.berkas_sementara import berkas_sementara_simpan
from kecamatan.periode import PeriodeTidakSah, rentang_dari_query, semester_terakhir
from pekerjaan.services import pekerjaan_mulai
from pekerjaan.views import ke_pekerjaan
from skm.akses import (
    access_kecamatan_entri_skm,
    access_kecamatan_publik_by_kode,
    access_layanan_publik_by_id,
    access_responden_by_id,
    access_rtl_by_id,
    layanan_publik,
)
from skm.batas import kirim_diizinkan
from skm.forms import ImporSKMForm, KertasForm, RencanaTindakLanjutForm, SurveiForm
from skm.impor import template_xlsx
from skm.models import Pertanyaan, Responden
from skm.selectors import kuesioner_berlaku, skm_compute
from skm.services import rencana_tindak_lanjut_save, responden_create
from skm.tasks import FOLDER_SEMENTARA


def _pertanyaan(kuesioner):
    if kuesioner is None:
        return []
    return Pertanyaan.objects.filter(kuesioner=kuesioner).select_related("unsur").order_by("unsur__urutan")


def _tolak(request, kecamatan, pesan, status):
    return render(request, "skm/ditolak.html", {"kecamatan": kecamatan, "pesan": pesan}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def survei(request, kode):
    """The questionnaire a citizen reaches from the poster's QR code: no login, no JavaScript."""
    kecamatan = access_kecamatan_publik_by_kode(kode)
    hari_ini = timezone.localdate()
    kuesioner = kuesioner_berlaku(hari_ini)
    layanan_qs = layanan_publik(kecamatan)
    kwargs = {"layanan_qs": layanan_qs, "pertanyaan": _pertanyaan(kuesioner), "hari_ini": hari_ini}
    dibuka = kuesioner is not None and layanan_qs.exists()
    if request.method == "POST":
        form = SurveiForm(request.POST, **kwargs)
        if form.terisi_bot:
            return _tolak(request, kecamatan, "Isian ditolak karena kolom tersembunyi ikut terisi.", 400)
        if not kirim_diizinkan(request):
            return _tolak(
                request,
                kecamatan,
                "Terlalu banyak isian dari alamat jaringan Anda dalam satu jam terakhir. Silakan coba lagi nanti.",
                429,
            )
        # A survey not open has no questions: nothing to validate an answer against.
        if dibuka and form.is_valid():
            try:
                responden_create(kecamatan=kecamatan, **form.isian(), hari_ini=hari_ini)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("skm:terima-kasih", kode=kecamatan.kode)
    else:
        awal = {"tanggal": hari_ini}
        layanan = request.GET.get("layanan", "")
        if layanan.isdigit() and layanan_qs.filter(pk=layanan).exists():
            awal["jenis_layanan"] = int(layanan)
        form = SurveiForm(initial=awal, **kwargs)
    context = {"kecamatan": kecamatan, "form": form, "dibuka": dibuka}
    berhasil = request.method == "GET" or (dibuka and form.is_valid())
    return render(request, "skm/survei.html", context, status=200 if berhasil else 400)


@login_not_required
def terima_kasih(request, kode):
    return render(request, "skm/terima_kasih.html", {"kecamatan": access_kecamatan_publik_by_kode(kode)})


def qr_svg(url: str) -> str:
    """The form's URL as an inline SVG QR code (segno draws only paths; the URL is ours).

    A viewBox instead of a fixed size, so the CSS sizes it: 11 cm on paper, the screen's width on a phone.
    """
    return mark_safe(segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#000", omitsize=True))  # noqa: S308


@login_not_required
def poster(request, kode):
    """An A4 page to print and hang at the service counter, optionally for one layanan."""
    kecamatan = access_kecamatan_publik_by_kode(kode)
    layanan = None
    pilihan = request.GET.get("layanan", "")
    if pilihan.isdigit():
        layanan = access_layanan_publik_by_id(kecamatan, pilihan)
    query = {"layanan": layanan.pk} if layanan else None
    url = request.build_absolute_uri(reverse("skm:survei", args=[kecamatan.kode], query=query))
    context = {"kecamatan": kecamatan, "layanan": layanan, "url": url, "qr": qr_svg(url)}
    return render(request, "skm/poster.html", context)


@login_not_required
def publikasi(request, kode):
    """The public result (publication is mandatory): the last finished semester's IKM per unsur."""
    kecamatan = access_kecamatan_publik_by_kode(kode)
    periode = semester_terakhir(timezone.localdate())
    laporan = skm_compute(kecamatan=kecamatan, mulai=periode.mulai, selesai=periode.selesai)
    return render(request, "skm/publikasi.html", {"kecamatan": kecamatan, "laporan": laporan})


def hasil(request, kode=None):
    """The kecamatan's own results for a period, with the answers per grade; scoped like every page."""
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    if kecamatan is None:
        messages.info(request, "Pilih kecamatan untuk melihat hasil SKM-nya.")
        return redirect("indikator:beranda")
    try:
        periode = rentang_dari_query(request.GET, hari_ini=timezone.localdate(), satu_tahun=False)
    except PeriodeTidakSah as exc:
        # The dates asked for, with why they are refused; no other period's figures in their place.
        context = {"kecamatan": kecamatan, "kesalahan_periode": str(exc), "dari": request.GET.get("dari", "")}
        context["sampai"] = request.GET.get("sampai", "")
        return render(request, "skm/hasil.html", context, status=400)
    laporan = skm_compute(kecamatan=kecamatan, mulai=periode.mulai, selesai=periode.selesai)
    context = {
        "kecamatan": kecamatan,
        "laporan": laporan,
        "boleh_tulis_rtl": akses.boleh_tulis_rtl(request.user, kecamatan),
    }
    return render(request, "skm/hasil.html", context)


@require_http_methods(["GET", "POST"])
def kertas(request):
    kecamatan = access_kecamatan_entri_skm(request.user)
    hari_ini = timezone.localdate()
    kwargs = {"layanan_qs": layanan_publik(kecamatan), "hari_ini": hari_ini}
    if request.method == "POST":
        form = KertasForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                responden_create(kecamatan=kecamatan, **form.isian(), sumber=Responden.Sumber.KERTAS, hari_ini=hari_ini)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Kuesioner tersimpan. Lanjutkan dengan kuesioner berikutnya.")
                # The next sheet of the pile usually has the same layanan and date.
                query = {"layanan": data["jenis_layanan"].pk, "tanggal": data["tanggal"].isoformat()}
                return redirect(reverse("skm:kertas", query=query))
    else:
        awal = {"tanggal": hari_ini}
        if request.GET.get("layanan", "").isdigit():
            awal["jenis_layanan"] = int(request.GET["layanan"])
        with contextlib.suppress(ValueError):
            awal["tanggal"] = datetime.date.fromisoformat(request.GET.get("tanggal", ""))
        form = KertasForm(initial=awal, **kwargs)
    jumlah = Responden.objects.filter(kecamatan=kecamatan, sumber=Responden.Sumber.KERTAS).count()
    return render(request, "skm/kertas.html", {"kecamatan": kecamatan, "form": form, "jumlah_kertas": jumlah})


@require_http_methods(["GET", "POST"])
def impor(request):
    """The form checks the upload at once (size, real XLSX bytes); the rows are read and saved by a job
    (``skm/tasks.py``) whose page shows the errors by row and column, or the counts."""
    kecamatan = access_kecamatan_entri_skm(request.user)
    if request.GET.get("templat"):
        response = HttpResponse(
            template_xlsx(kecamatan=kecamatan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="templat-skm.xlsx"'
        return response
    if request.method == "POST":
        form = ImporSKMForm(request.POST, request.FILES)
        if form.is_valid():
            token = berkas_sementara_simpan(
                folder=FOLDER_SEMENTARA, user=request.user, file=form.cleaned_data["berkas"], ganti=False
            )
            pekerjaan = pekerjaan_mulai(
                pemilik=request.user,
                jenis="impor_skm",
                parameter={
                    "token": token,
                    "hari_ini": timezone.localdate().isoformat(),
                    "dry_run": form.cleaned_data["dry_run"],
                },
                kecamatan=kecamatan,
            )
            return ke_pekerjaan(request, pekerjaan)
    else:
        form = ImporSKMForm()
    status = 400 if request.method == "POST" else 200
    return render(request, "skm/impor.html", {"kecamatan": kecamatan, "form": form}, status=status)


def responden_detail(request, pk):
    """One answered questionnaire; another kecamatan's answers 404 like everything else."""
    responden = access_responden_by_id(request.user, pk)
    pertanyaan = _pertanyaan(responden.kuesioner)
    jawaban = [(p, dict(p.pilihan)[v], v) for p, v in zip(pertanyaan, responden.nilai, strict=True)]
    return render(request, "skm/responden.html", {"responden": responden, "jawaban": jawaban})


@require_http_methods(["POST"])
def rtl_simpan(request):
    kecamatan = akses.access_kecamatan_by_kode(request.user)
    if kecamatan is None:
        raise PermissionDenied("Rencana tindak lanjut SKM ditulis oleh kasi kecamatan.")
    form = RencanaTindakLanjutForm(request.POST)
    if not form.is_valid():
        pesan = "; ".join(f"{form.fields[k].label or k}: {' '.join(v)}" for k, v in form.errors.items())
        messages.error(request, f"Rencana tindak lanjut belum tersimpan — {pesan}")
        return redirect("skm:hasil")
    data = form.cleaned_data
    try:
        rencana_tindak_lanjut_save(
            user=request.user,
            kecamatan=kecamatan,
            mulai=data["dari"],
            selesai=data["sampai"],
            unsur_kode=data["unsur"],
            rencana=data["rencana"],
            penanggung_jawab=data["penanggung_jawab"],
            target_waktu=data["target_waktu"],
        )
    except ValidationError as exc:
        messages.error(request, "Rencana tindak lanjut belum tersimpan — " + " ".join(exc.messages))
    else:
        messages.success(request, f"Rencana tindak lanjut {data['unsur']} disimpan.")
    return redirect(
        reverse("skm:hasil", query={"dari": data["dari"].isoformat(), "sampai": data["sampai"].isoformat()})
    )


def rtl_detail(request, pk):
    rtl = access_rtl_by_id(request.user, pk)
    return render(request, "skm/rtl.html", {"rtl": rtl})
