from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from indikator.forms import TargetForm
from indikator.models import DokumenIKU, KodeIndikator, NilaiIndikatorTujuan, TargetIKU
from indikator.services import nilai_tujuan_set, target_iku_set
from indikator.views.dasbor import periode_ditolak
from kecamatan import akses
from kecamatan.periode import PeriodeTidakSah, tahun_parse


@akses.peran_required(*akses.PERAN_PENETAP_TARGET)
def target_iku(request):
    """Pimpinan set the year's targets and the tujuan indicator's value; capaian follows on the dashboard."""
    kecamatan = akses.access_kecamatan_by_kode(request.user)
    if kecamatan is None:
        raise PermissionDenied("Halaman ini untuk pimpinan kecamatan.")
    hari_ini = timezone.localdate()
    dipilih = request.GET.get("tahun") or request.POST.get("tahun")
    try:
        # Without a year the page is this year's; a bad one is refused, never another year's targets.
        tahun = tahun_parse(dipilih, minimum=2000, maksimum=2100) if dipilih else hari_ini.year
    except PeriodeTidakSah as exc:
        return periode_ditolak(request, judul="Target IKU", kesalahan=[str(exc)], kembali=request.path)
    target = {t.indikator: t.target for t in TargetIKU.objects.filter(kecamatan=kecamatan, tahun=tahun)}
    nilai = NilaiIndikatorTujuan.objects.filter(kecamatan=kecamatan, tahun=tahun).first()
    initial = {
        "target_iku1": target.get(KodeIndikator.IKU1),
        "target_iku2": target.get(KodeIndikator.IKU2),
        "nilai_tujuan": nilai.nilai if nilai else None,
        "keterangan_tujuan": nilai.keterangan if nilai else "",
    }
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target_iku_set(
            user=request.user,
            kecamatan=kecamatan,
            tahun=tahun,
            target={KodeIndikator.IKU1: data["target_iku1"], KodeIndikator.IKU2: data["target_iku2"]},
        )
        nilai_tujuan_set(
            user=request.user,
            kecamatan=kecamatan,
            tahun=tahun,
            nilai=data["nilai_tujuan"],
            keterangan=data["keterangan_tujuan"],
        )
        messages.success(request, f"Target dan nilai indikator tujuan tahun {tahun} disimpan.")
        return redirect(f"{request.path}?tahun={tahun}")
    dokumen = DokumenIKU.objects.in_force_for(kecamatan, tahun)
    return render(
        request,
        "indikator/target.html",
        {
            "kecamatan": kecamatan,
            "tahun": tahun,
            "pilihan_tahun": range(hari_ini.year + 1, hari_ini.year - 5, -1),
            "form": form,
            "dokumen": dokumen,
        },
    )
