from django.shortcuts import render

from iku_project.htmx import vary_on_htmx
from kecamatan import akses
from kecamatan.models import JenisBukti
from kecamatan.selectors import katalog_search


@vary_on_htmx
def katalog(request):
    q = request.GET.get("q", "").strip()
    context = {"q": q, "kategori": katalog_search(q=q), "jenis_bukti": JenisBukti.objects.aktif()}
    template = "kecamatan/katalog.html#hasil" if request.htmx else "kecamatan/katalog.html"
    return render(request, template, context)


def profil(request, kode=None):
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    if kecamatan is None:
        pilihan = akses.kecamatan_scope(request.user).select_related("kabupaten")
        return render(
            request, "kecamatan/pilih_kecamatan.html", {"pilihan": pilihan, "tujuan": "kecamatan:profil-kecamatan"}
        )
    pejabat = kecamatan.pejabat.select_related("seksi").order_by("jabatan", "-mulai")
    return render(
        request,
        "kecamatan/profil.html",
        {
            "kecamatan": kecamatan,
            "seksi": kecamatan.seksi.filter(aktif=True),
            "pejabat": pejabat,
            "boleh_kelola": akses.boleh_kelola_profil(request.user),
        },
    )
