from django.shortcuts import render

from indikator.akses import access_dokumen_iku_by_id
from indikator.models import DokumenIKU
from kecamatan import akses
from kecamatan.akses import kecamatan_scope


def _hari_ini():
    from django.utils import timezone

    return timezone.localdate()


def dokumen_iku(request, kode=None):
    """The IKU documents of a kecamatan, newest in force first, with the chosen one in full."""
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
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
    berlaku = DokumenIKU.objects.in_force_on(kecamatan, _hari_ini())
    dokumen = None
    if dipilih_id and dipilih_id.isdigit():
        dokumen = access_dokumen_iku_by_id(request.user, int(dipilih_id), kecamatan=kecamatan)
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
            "boleh_ubah": akses.boleh_ubah_dokumen_iku(request.user),
        },
    )
