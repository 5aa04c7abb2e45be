from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from indikator.models import DokumenIKU, TargetIKU
from kecamatan import akses
from kecamatan.akses import kecamatan_scope
from kecamatan.models import Peran


def _tahun_ini():
    from django.utils import timezone

    return timezone.localdate().year


@login_required
def beranda(request):
    """Landing page: a kecamatan's IKU in force, or the kabupaten's kecamatan."""
    tahun = _tahun_ini()
    keanggotaan = akses.keanggotaan_of(request.user)
    if keanggotaan is not None and keanggotaan.kecamatan_id is not None:
        kecamatan = akses.kecamatan_for(request.user)
        dokumen = DokumenIKU.objects.in_force_for(kecamatan, tahun)
        target = {t.indikator: t.target for t in TargetIKU.objects.filter(kecamatan=kecamatan, tahun=tahun)}
        baris = list(dokumen.baris.all()) if dokumen else []
        for row in baris:
            row.target_tahun_ini = target.get(row.indikator)
        return render(
            request,
            "indikator/beranda_kecamatan.html",
            {"kecamatan": kecamatan, "dokumen": dokumen, "baris": baris, "tahun": tahun},
        )
    daftar = (
        kecamatan_scope(request.user)
        .select_related("kabupaten")
        .annotate(
            jumlah_desa=Count("desa", filter=Q(desa__jenis="desa")),
            jumlah_kelurahan=Count("desa", filter=Q(desa__jenis="kelurahan")),
        )
        .order_by("kode")
    )
    return render(
        request,
        "indikator/beranda_kabupaten.html",
        {"daftar": daftar, "tahun": tahun, "tanpa_keanggotaan": keanggotaan is None and not request.user.is_superuser},
    )


@login_required
def dokumen_iku(request, kode=None):
    """The IKU documents of a kecamatan, newest in force first, with the chosen one in full."""
    kecamatan = akses.kecamatan_for(request.user, kode)
    if kecamatan is None:
        pilihan = kecamatan_scope(request.user).select_related("kabupaten")
        return render(
            request, "kecamatan/pilih_kecamatan.html", {"pilihan": pilihan, "tujuan": "indikator:dokumen-kecamatan"}
        )
    semua = list(
        DokumenIKU.objects.filter(kecamatan=kecamatan)
        .select_related("penandatangan")
        .order_by("-tahun_berlaku", "-tanggal", "-pk")
    )
    dipilih_id = request.GET.get("versi")
    berlaku = DokumenIKU.objects.in_force_for(kecamatan, _tahun_ini())
    dokumen = None
    if dipilih_id and dipilih_id.isdigit():
        dokumen = get_object_or_404(DokumenIKU.objects.filter(kecamatan=kecamatan), pk=int(dipilih_id))
    elif berlaku is not None:
        dokumen = berlaku
    elif semua:
        dokumen = semua[0]
    baris = list(dokumen.baris.all()) if dokumen else []
    return render(
        request,
        "indikator/dokumen_iku.html",
        {
            "kecamatan": kecamatan,
            "semua": semua,
            "dokumen": dokumen,
            "berlaku": berlaku,
            "baris": baris,
            "boleh_ubah": akses.has_peran(request.user, Peran.ADMIN_KABUPATEN),
        },
    )
