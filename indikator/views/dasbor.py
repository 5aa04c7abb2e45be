"""The dashboards: one kecamatan's two IKU with their evidence, and the kabupaten's comparison."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from desa.selectors import iku2_basis
from desa.tenggat import Basis
from iku_project.htmx import vary_on_htmx
from indikator.calculations import total_kecamatan, total_sejauh_ini
from indikator.charts import Batang, grafik_kolom, grafik_per_kecamatan
from indikator.forms import PeriodeForm
from indikator.iku import iku_compute, iku_compute_with_last_year
from indikator.selectors import (
    BELUM_DIPAKAI,
    DEFINISI_DIPAKAI,
    penggunaan_kecamatan_tersimpan,
    rincian_dasbor_kecamatan,
)
from indikator.tembolok import baca, kunci
from indikator.tujuan import tujuan_per_kecamatan_tersimpan
from kecamatan import akses
from kecamatan.periode import PeriodeTidakSah
from wilayah.models import Kecamatan
from wilayah.versi import versi_data_kunci


def beranda(request):
    """Kecamatan roles land on their dashboard, kabupaten roles on the comparison."""
    keanggotaan = akses.keanggotaan_of(request.user)
    if akses.desa_operator_id(request.user) is not None:
        # docs/DESIGN.md §2.7: a desa operator has one page, its desa's documents.
        return redirect("desa:operator")
    if keanggotaan is not None and keanggotaan.kecamatan_id is not None:
        return dasbor_kecamatan(request)
    if keanggotaan is None and not request.user.is_superuser:
        return render(request, "indikator/tanpa_keanggotaan.html", status=403)
    return dasbor_kabupaten(request)


def _periode_query(periode_form):
    return periode_form.query()


boleh_hitung_per = akses.boleh_hitung_per


def _kegiatan_url(kecamatan, periode, **extra):
    """The kegiatan list filtered to the records behind a number."""
    query = {"dari": periode.mulai.isoformat(), "sampai": periode.selesai.isoformat(), "status": "dilaksanakan"}
    query.update(extra)
    if kecamatan is not None:
        query["kecamatan"] = kecamatan.pk
    return reverse("kecamatan:kegiatan-list", query=query)


def _perlu_tindak_lanjut_url(kecamatan, periode):
    """The "Perlu tindak lanjut" page for the very period the dashboard's badge counts (issue 19)."""
    query = {"tahun": periode.tahun}
    if periode.kode:
        query["bagian"] = periode.kode
    if kecamatan is not None:
        query["kecamatan"] = kecamatan.pk
    return reverse("kecamatan:kegiatan-perlu-tindak-lanjut", query=query)


def periode_ditolak(request, periode_form=None, *, judul: str, kesalahan=None, kembali: str = ""):
    """A page asked for a period that cannot be read: why, and the form to choose again; no figures (400)."""
    if kesalahan is None:
        kesalahan = periode_form.periode_errors()
    context = {"judul": judul, "periode_form": periode_form, "kesalahan": kesalahan, "kembali": kembali}
    return render(request, "indikator/periode_ditolak.html", context, status=400)


@vary_on_htmx
def dasbor_kecamatan(request, kode=None):
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    if kecamatan is None:
        return redirect("indikator:beranda")
    hari_ini = timezone.localdate()
    periode_form = PeriodeForm(request.GET or None, hari_ini=hari_ini, boleh_per=boleh_hitung_per(request.user))
    try:
        periode = periode_form.periode()
    except PeriodeTidakSah:
        return periode_ditolak(request, periode_form, judul=f"Kecamatan {kecamatan.nama}")
    as_of = periode_form.as_of()
    boleh_atur_target = akses.boleh_atur_target(request.user)
    # As on the kabupaten dashboard: the figures, lists and links are rendered once per data version of
    # this kecamatan, period, as-of date, basis, today, the valid period choices the links keep and what
    # the viewer may do. Never the raw query string: any parameter would make (and store) a new entry.
    kunci_isi = kunci(
        "dasbor-kecamatan-html",
        versi=versi_data_kunci(kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk)),
        argumen=(
            kecamatan.pk,
            kode is not None,
            boleh_atur_target,
            periode,
            as_of,
            iku2_basis(),
            hari_ini,
            tuple(sorted(_periode_query(periode_form).items())),
        ),
    )
    isi = baca(kunci_isi)
    konteks = {}
    if isi is None:
        konteks = _konteks_dasbor_kecamatan(
            request,
            kecamatan=kecamatan,
            kode=kode,
            periode_form=periode_form,
            periode=periode,
            as_of=as_of,
            hari_ini=hari_ini,
        )
        konteks["boleh_atur_target"] = boleh_atur_target
        isi = render_to_string("indikator/dasbor_kecamatan.html#isi-dasbor", konteks, request)
        cache.set(kunci_isi, isi)
    if request.htmx:
        return HttpResponse(isi)
    context = {
        **konteks,
        "kecamatan": kecamatan,
        "periode_form": periode_form,
        "periode": periode,
        "hari_ini": hari_ini,
        "boleh_atur_target": boleh_atur_target,
        "isi_dasbor": isi,
    }
    return render(request, "indikator/dasbor_kecamatan.html", context)


def _konteks_dasbor_kecamatan(request, *, kecamatan, kode, periode_form, periode, as_of, hari_ini) -> dict:
    (hasil,) = iku_compute_with_last_year(
        kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk), periode=periode, as_of=as_of
    )
    sekarang = hasil.sekarang
    iku1 = sekarang.iku1
    batang = [
        Batang(label=tw.singkatan_triwulan, nilai=r.percent, keterangan=f"{r.numerator} dari {r.denominator}")
        for tw, r in iku1.per_triwulan
    ]
    rincian = rincian_dasbor_kecamatan(kecamatan=kecamatan, periode=periode, as_of=as_of, iku1=iku1)
    kabupaten_view = kode is not None
    filter_kecamatan = kecamatan if kabupaten_view else None
    context = {
        "kecamatan": kecamatan,
        "periode_form": periode_form,
        "periode": periode,
        "as_of": as_of,
        "hari_ini": hari_ini,
        "hasil": sekarang,
        "lalu": hasil.tahun_lalu,
        "per_seksi": rincian.per_seksi,
        # Narrower than the PDF's drawing, so its text stays readable on a 390-px phone.
        "grafik_triwulan": grafik_kolom(
            batang, judul=f"IKU 1 per triwulan, {periode.label}", target=iku1.target, lebar=400
        ),
        "batang_triwulan": batang,
        "perlu_tindak_lanjut": rincian.perlu_tindak_lanjut,
        "jumlah_perlu_tindak_lanjut": rincian.jumlah_perlu_tindak_lanjut,
        "tenggat": rincian.tenggat,
        "dokumen_iku": rincian.dokumen_iku,
        "nilai_tujuan": rincian.nilai_tujuan,
        "tujuan": rincian.tujuan,
        "url_skm": reverse("skm:hasil-kecamatan", args=[kecamatan.kode]) if kabupaten_view else reverse("skm:hasil"),
        "basis_label": Basis(sekarang.iku2.basis).label,
        "url_iku1_numerator": _kegiatan_url(filter_kecamatan, periode, tindak_lanjut="ya"),
        "url_iku1_denominator": _kegiatan_url(filter_kecamatan, periode),
        "url_iku1_belum": _kegiatan_url(filter_kecamatan, periode, tindak_lanjut="tidak"),
        "url_perlu_tindak_lanjut": _perlu_tindak_lanjut_url(filter_kecamatan, periode),
        "url_matriks": (
            reverse("desa:dokumen-kecamatan", args=[kecamatan.kode], query={"tahun": sekarang.iku2.tahun})
            if kabupaten_view
            else reverse("desa:dokumen", query={"tahun": sekarang.iku2.tahun})
        ),
        "url_tenggat": reverse("desa:tenggat-kecamatan", args=[kecamatan.kode])
        if kabupaten_view
        else reverse("desa:tenggat"),
        "periode_query": urlencode(_periode_query(periode_form)),
    }
    return context


URUTAN = {
    # Highest first for the indicators ("higher is better"); no value always last.
    "kode": lambda h: h.kecamatan.kode,
    "nama": lambda h: h.kecamatan.nama,
    "iku1": lambda h: (h.iku1.percent is None, -(h.iku1.percent or 0), h.kecamatan.kode),
    "-iku1": lambda h: (h.iku1.percent is None, h.iku1.percent or 0, h.kecamatan.kode),
    "iku2": lambda h: (h.iku2.percent is None, -(h.iku2.percent or 0), h.kecamatan.kode),
    "-iku2": lambda h: (h.iku2.percent is None, h.iku2.percent or 0, h.kecamatan.kode),
}


@vary_on_htmx
def dasbor_kabupaten(request):
    if not akses.boleh_lihat_rekap(request.user):
        raise PermissionDenied("Dasbor kabupaten hanya untuk admin kabupaten dan pemeriksa.")
    hari_ini = timezone.localdate()
    periode_form = PeriodeForm(request.GET or None, hari_ini=hari_ini, boleh_per=boleh_hitung_per(request.user))
    try:
        periode = periode_form.periode()
    except PeriodeTidakSah:
        return periode_ditolak(request, periode_form, judul="Capaian IKU per kecamatan")
    as_of = periode_form.as_of()
    scope = akses.kecamatan_scope(request.user)
    urut = request.GET.get("urut", "kode")
    urut = urut if urut in URUTAN else "kode"
    query = _periode_query(periode_form)
    # The table and charts depend on nothing but the kecamatan set's data, the period, the as-of date, the
    # basis, today (the "as of an earlier day" note), the order and the valid period choices the links keep:
    # rendered once per data version. The key holds the set's version key, so any write in it shows at once.
    # Never the raw query string: any parameter would make (and store) a new entry.
    kunci_isi = kunci(
        "dasbor-kabupaten-html",
        versi=versi_data_kunci(kecamatan_qs=scope),
        argumen=(periode, as_of, iku2_basis(), hari_ini, urut, tuple(sorted(query.items()))),
    )
    isi = baca(kunci_isi)
    konteks = {}
    if isi is None:
        konteks = _konteks_dasbor_kabupaten(
            scope=scope, periode=periode, as_of=as_of, hari_ini=hari_ini, periode_form=periode_form, urut=urut
        )
        isi = render_to_string("indikator/dasbor_kabupaten.html#isi-dasbor", konteks, request)
        cache.set(kunci_isi, isi)
    if request.htmx:
        return HttpResponse(isi)
    # ``urut`` outside the cached part: the period form keeps the order in a hidden input on a hit as well.
    context = {
        **konteks,
        "periode_form": periode_form,
        "periode": periode,
        "hari_ini": hari_ini,
        "urut": urut,
        "isi_dasbor": isi,
    }
    return render(request, "indikator/dasbor_kabupaten.html", context)


def _tautan_urut(query: dict, urut: str) -> dict[str, str]:
    """The column headers' links: the valid period choices and the order (a second click reverses IKU 1/2)."""

    def tautan(nilai):
        return "?" + urlencode({**query, "urut": nilai})

    return {
        "kode": tautan("kode"),
        "nama": tautan("nama"),
        "iku1": tautan("-iku1" if urut == "iku1" else "iku1"),
        "iku2": tautan("-iku2" if urut == "iku2" else "iku2"),
    }


def _konteks_dasbor_kabupaten(*, scope, periode, as_of, hari_ini, periode_form, urut) -> dict:
    hasil = iku_compute(kecamatan_qs=scope, periode=periode, as_of=as_of)
    hasil = sorted(hasil, key=URUTAN[urut])
    query = _periode_query(periode_form)
    context = {
        "periode_form": periode_form,
        "periode": periode,
        "as_of": as_of,
        "hari_ini": hari_ini,
        "hasil": hasil,
        "urut": urut,
        "tautan_urut": _tautan_urut(query, urut),
        "periode_query": urlencode(query),
        "basis_label": Basis(hasil[0].iku2.basis).label if hasil else "",
    }
    context["grafik_iku1"], context["grafik_iku2"] = grafik_per_kecamatan(
        hasil, periode_label=periode.label, susun=True
    )
    context["total_iku1"], context["total_iku2"] = total_kecamatan(hasil)
    # Offices that have not started would drag the kabupaten line down: give it also over those in use.
    penggunaan = penggunaan_kecamatan_tersimpan(kecamatan_qs=scope)
    context["baris"] = [(h, penggunaan.get(h.kecamatan.id, BELUM_DIPAKAI)) for h in hasil]
    dipakai = [h for h, p in context["baris"] if p.dipakai]
    context["jumlah_dipakai"] = len(dipakai)
    context["dipakai_iku1"], context["dipakai_iku2"] = total_kecamatan(dipakai)
    context["definisi_dipakai"] = DEFINISI_DIPAKAI
    context["total_sejauh_ini"] = total_sejauh_ini(hasil)
    context["dipakai_sejauh_ini"] = total_sejauh_ini(dipakai)
    context["tujuan"] = tujuan_per_kecamatan_tersimpan(kecamatan_qs=scope, periode=periode, as_of=as_of)
    return context
