from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from iku_project.htmx import vary_on_htmx
from kecamatan.akses import Akses
from notifikasi import selectors, services
from notifikasi.akses import access_notifikasi_by_id
from notifikasi.forms import PreferensiForm


def daftar(request):
    halaman = Paginator(selectors.notifikasi_of(user=request.user), 25).get_page(request.GET.get("halaman"))
    return render(request, "notifikasi/daftar.html", {"halaman": halaman})


@require_POST
@vary_on_htmx
def baca(request, pk):
    """Mark one as read; HTMX swaps the row, a plain form goes on to the notification's page (or back)."""
    notifikasi = access_notifikasi_by_id(request.user, pk, untuk=Akses.UBAH)
    services.notifikasi_tandai_dibaca(user=request.user, notifikasi=notifikasi, sekarang=timezone.now())
    notifikasi.refresh_from_db()
    if request.htmx:
        return render(request, "notifikasi/daftar.html#baris", {"n": notifikasi, "oob_jumlah": True})
    tujuan = request.POST.get("lanjut") or ""
    if tujuan and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()}):
        return redirect(tujuan)
    return redirect("notifikasi:daftar")


@require_POST
def baca_semua(request):
    jumlah = services.notifikasi_tandai_semua_dibaca(user=request.user, sekarang=timezone.now())
    messages.success(request, f"{jumlah} notifikasi ditandai sudah dibaca.")
    return redirect("notifikasi:daftar")


def pengaturan(request):
    if request.method == "POST":
        form = PreferensiForm(request.POST)
        if form.is_valid():
            services.preferensi_simpan(user=request.user, email_aktif=form.cleaned_data["email_aktif"])
            messages.success(request, "Pengaturan notifikasi tersimpan.")
            return redirect("notifikasi:pengaturan")
    else:
        form = PreferensiForm(initial={"email_aktif": services.email_aktif(user=request.user)})
    return render(request, "notifikasi/pengaturan.html", {"form": form})
