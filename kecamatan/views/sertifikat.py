"""Certificates for tanda tangan elektronik: the pimpinan (or an admin kabupaten) uploads each pejabat's PKCS#12.

The file is never served back; the page shows only what the certificate says about itself.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters

from kecamatan import akses
from kecamatan.forms.sertifikat import SertifikatForm
from kecamatan.models import Pejabat
from kecamatan.services import sertifikat_pejabat_unggah

PENANDATANGAN = (Pejabat.Jabatan.CAMAT, Pejabat.Jabatan.SEKRETARIS_CAMAT)


def sertifikat_daftar(request, kode=None):
    kecamatan = akses.kecamatan_for(request.user, kode)
    if kecamatan is None:
        pilihan = akses.kecamatan_scope(request.user).select_related("kabupaten")
        return render(
            request, "kecamatan/pilih_kecamatan.html", {"pilihan": pilihan, "tujuan": "kecamatan:sertifikat-kecamatan"}
        )
    if not akses.boleh_kelola_sertifikat(request.user, kecamatan):
        raise PermissionDenied("Hanya pimpinan kecamatan atau admin kabupaten yang mengelola sertifikat.")
    pejabat = (
        _penandatangan_menjabat(kecamatan.pejabat.all(), timezone.localdate())
        .select_related("sertifikat_tte")
        .order_by("jabatan", "-mulai")
    )
    return render(
        request,
        "kecamatan/sertifikat_daftar.html",
        {"kecamatan": kecamatan, "pejabat": pejabat, "sekarang": timezone.now()},
    )


def _penandatangan_menjabat(pejabat_qs, hari_ini):
    """Those who may sign a report: Camat and Sekretaris Camat still in office."""
    return pejabat_qs.filter(jabatan__in=PENANDATANGAN).filter(Q(selesai__isnull=True) | Q(selesai__gte=hari_ini))


@sensitive_post_parameters("frasa_sandi")
def sertifikat_unggah(request, pk):
    # Scoped first: another kecamatan's pejabat does not exist for this user (404), whatever the role;
    # nor does one who signs nothing (a Kasi) or has left office: a certificate there only waits to be misused.
    pejabat = get_object_or_404(
        _penandatangan_menjabat(
            Pejabat.objects.filter(kecamatan__in=akses.kecamatan_scope(request.user)), timezone.localdate()
        ).select_related("kecamatan"),
        pk=pk,
    )
    if not akses.boleh_kelola_sertifikat(request.user, pejabat.kecamatan):
        raise Http404("Pejabat tidak ditemukan.")
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
