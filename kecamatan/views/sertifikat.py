"""Certificates for tanda tangan elektronik: the pimpinan (or an admin kabupaten) uploads each pejabat's PKCS#12.

The file is never served back; the page shows only what the certificate says about itself.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters

from kecamatan import akses
from kecamatan.forms.sertifikat import SertifikatForm
from kecamatan.services import sertifikat_pejabat_unggah


def sertifikat_daftar(request, kode=None):
    kecamatan = akses.access_sertifikat_kecamatan_by_kode(request.user, kode)
    if kecamatan is None:
        pilihan = akses.kecamatan_scope(request.user).select_related("kabupaten")
        return render(
            request, "kecamatan/pilih_kecamatan.html", {"pilihan": pilihan, "tujuan": "kecamatan:sertifikat-kecamatan"}
        )
    pejabat = (
        akses.penandatangan_menjabat(kecamatan.pejabat.all(), timezone.localdate())
        .select_related("sertifikat_tte")
        .order_by("jabatan", "-mulai")
    )
    return render(
        request,
        "kecamatan/sertifikat_daftar.html",
        {"kecamatan": kecamatan, "pejabat": pejabat, "sekarang": timezone.now()},
    )


@sensitive_post_parameters("frasa_sandi")
def sertifikat_unggah(request, pk):
    # 404 for another kecamatan's pejabat, one who signs nothing or has left office, or a role that may not manage.
    pejabat = akses.access_pejabat_by_id(request.user, pk, untuk=akses.Akses.UBAH, hari_ini=timezone.localdate())
    sertifikat = getattr(pejabat, "sertifikat_tte", None)
    form = SertifikatForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            sertifikat_pejabat_unggah(
                user=request.user,
                pejabat=pejabat,
                berkas=form.cleaned_data["berkas"],
                frasa_sandi=form.cleaned_data["frasa_sandi"],
                sekarang=timezone.now(),
            )
        except ValidationError as exc:
            kolom = "frasa_sandi" if getattr(exc, "code", None) == "frasa" else "berkas"
            form.add_error(kolom, exc.messages)
        else:
            messages.success(request, f"Sertifikat tanda tangan elektronik {pejabat.nama} tersimpan.")
            return redirect(reverse("kecamatan:sertifikat-kecamatan", args=[pejabat.kecamatan.kode]))
    return render(
        request,
        "kecamatan/sertifikat_unggah.html",
        {"pejabat": pejabat, "kecamatan:sertifikat": sertifikat, "form": form},
    )
