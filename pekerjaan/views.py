"""The job's status page (polled by HTMX, refreshing itself without JavaScript) and its download.

Owner only: everything comes through ``access_pekerjaan_by_id`` (404 for anyone else).
"""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from iku_project.htmx import vary_on_htmx
from pekerjaan.akses import access_pekerjaan_by_id
from pekerjaan.services import pekerjaan_periksa_macet


@vary_on_htmx
def status(request, pk):
    pekerjaan = access_pekerjaan_by_id(request.user, pk)
    # A worker that died mid-job is noticed here: the job is re-queued or failed, never left running.
    if not pekerjaan.sudah_selesai and pekerjaan_periksa_macet(sekarang=timezone.now(), pekerjaan_ids=[pekerjaan.pk]):
        pekerjaan.refresh_from_db()
    konteks = {"pekerjaan": pekerjaan, "oob": request.htmx}
    if request.htmx:
        return render(request, "pekerjaan/status.html#kemajuan", konteks)
    return render(request, "pekerjaan/status.html", konteks)


def unduh(request, pk):
    pekerjaan = access_pekerjaan_by_id(request.user, pk)
    if not pekerjaan.punya_berkas:
        raise Http404("Berkas pekerjaan ini tidak tersedia.")
    try:
        berkas = pekerjaan.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas pekerjaan ini sudah dihapus; silakan buat ulang.") from exc
    return FileResponse(berkas, as_attachment=True, filename=pekerjaan.nama_berkas, content_type=pekerjaan.content_type)


def ke_pekerjaan(request, pekerjaan):
    """The answer of a view that started a job: its status page (an HTMX request is sent there with
    HX-Redirect), or straight to the file when it is already there (the rendered-report cache)."""
    tujuan = reverse("pekerjaan:unduh", args=[pekerjaan.pk]) if pekerjaan.punya_berkas else pekerjaan.get_absolute_url()
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = tujuan
        return response
    return redirect(tujuan)
