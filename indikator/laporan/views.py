"""The report pages: choose a period, download drafts, approve, download approved versions, verify.

Thin views: the kecamatan and every object come from the access layer (``akses.access_kecamatan_by_kode``,
``indikator/akses.py``: membership, never a parameter of a kecamatan role), data from the generator,
bytes from a formatter, writes from ``services.laporan_sahkan``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from iku_project.klien import alamat_klien
from iku_project.rahasia import rahasia_sandikan
from indikator.akses import (
    access_kabupaten_by_kode,
    access_laporan_kecamatan_by_kode,
    access_pengesahan_by_id,
    access_pengesahan_publik_by_token,
)
from indikator.forms import PeriodeForm
from indikator.laporan import generator, tte, tugas
from indikator.laporan.forms import VerifikasiPDFForm
from indikator.laporan.services import laporan_sahkan_periksa, periode_belum_berakhir, sidik_konfirmasi
from indikator.laporan.tugas_sahkan import PARAM_RAHASIA
from indikator.laporan.verifikasi import dokumen_iku2_beku
from indikator.models import DokumenIKU, PengesahanLaporan
from indikator.views.dasbor import periode_ditolak
from kecamatan import akses
from kecamatan.akses import Akses
from kecamatan.periode import PeriodeTidakSah
from pekerjaan.services import pekerjaan_mulai
from pekerjaan.views import ke_pekerjaan

PDF = "application/pdf"


class PeriodeDitolak(Exception):
    def __init__(self, form, kesalahan: list[str]):
        super().__init__(" ".join(kesalahan))
        self.form, self.kesalahan = form, kesalahan


def _periode(data, user=None, *, tahun_wajib=False):
    """The chosen period; with ``user`` a pemeriksa or pimpinan may also choose the draft's as-of date.

    A period that cannot be read raises ``PeriodeDitolak`` with the form and its errors.
    """
    hari_ini = timezone.localdate()
    form = PeriodeForm(
        data or None,
        hari_ini=hari_ini,
        boleh_per=user is not None and akses.boleh_hitung_per(user),
        tahun_wajib=tahun_wajib,
    )
    try:
        return form, form.periode(), hari_ini
    except PeriodeTidakSah as exc:
        raise PeriodeDitolak(form, form.periode_errors() or [str(exc)]) from exc


def _query(form) -> str:
    return urlencode(form.query())


def _url(nama: str, kode: str | None) -> str:
    return reverse(f"laporan:{nama}-kecamatan", args=[kode]) if kode else reverse(f"laporan:{nama}")


def _url_laporan(kode: str | None, form) -> str:
    """The report page of ``kode`` (or the user's own) for the period chosen in ``form``."""
    if kode:
        return reverse("laporan:kecamatan", args=[kode], query=form.query())
    return reverse("laporan:index", query=form.query())


def laporan(request, kode=None):
    kecamatan = akses.access_kecamatan_by_kode(request.user, kode)
    try:
        form, periode, hari_ini = _periode(request.GET, request.user)
    except PeriodeDitolak as exc:
        return periode_ditolak(request, exc.form, judul="Laporan", kesalahan=exc.kesalahan)
    query = _query(form)
    if kecamatan is None:
        if not akses.boleh_lihat_rekap(request.user):
            return render(request, "indikator/tanpa_keanggotaan.html", status=403)
        return render(
            request,
            "indikator/laporan_pilih.html",
            {
                "pilihan": akses.kecamatan_scope(request.user).select_related("kabupaten"),
                "periode_form": form,
                "periode": periode,
                "query": query,
            },
        )
    versi = (
        PengesahanLaporan.objects.filter(kecamatan=kecamatan)
        .select_related("disahkan_oleh")
        .order_by("-periode_selesai", "periode_mulai", "-versi")
    )
    return render(
        request,
        "indikator/laporan.html",
        {
            "kecamatan": kecamatan,
            "periode_form": form,
            "periode": periode,
            "as_of": hari_ini,
            "draf_per": form.as_of(),
            "query": query,
            "url_capaian_pdf": _url("capaian-pdf", kode),
            "url_capaian_xlsx": _url("capaian-xlsx", kode),
            "url_dokumen_pdf": _url("dokumen-pdf", kode),
            "url_dokumen_xlsx": _url("dokumen-xlsx", kode),
            "url_sahkan": _url("sahkan", kode),
            "boleh_sahkan": akses.boleh_sahkan(request.user, kecamatan),
            "versi": versi,
            "versi_periode": [
                v for v in versi if (v.periode_mulai, v.periode_selesai) == (periode.mulai, periode.selesai)
            ],
        },
    )


class TanggalHitungDitolak(Exception):
    pass


def _laporan_capaian(request, kode):
    """The kecamatan, period, as-of date and file name of a draft; the period's errors raise at once."""
    kecamatan = access_laporan_kecamatan_by_kode(request.user, kode)
    form, periode, hari_ini = _periode(request.GET, request.user)
    if "per" in form.errors:
        raise TanggalHitungDitolak(" ".join(form.errors["per"]))
    as_of = form.as_of()
    nama = f"laporan-capaian-iku-{slugify(kecamatan.nama)}-{slugify(periode.label)}-draf"
    if as_of < hari_ini:
        nama += f"-per-{as_of.isoformat()}"
    return kecamatan, periode, as_of, nama


def _tolak_tanggal(request, kode, exc):
    messages.error(request, f"Draf tidak dibuat: {exc}")
    return redirect(reverse("laporan:kecamatan", args=[kode]) if kode else reverse("laporan:index"))


def _ke_pekerjaan(request, pekerjaan):
    """A rendering already on record downloads at once; a new one shows its progress until it is ready.

    These stay GET links: ``pekerjaan_mulai`` answers the same request (same user, report and data
    version) with the same job, so repeating one renders nothing twice and changes nothing a user
    asked for — the job is a cache entry, like the rendering the GET used to return.
    """
    return ke_pekerjaan(request, pekerjaan)


def _capaian(request, kode, jenis):
    try:
        kecamatan, periode, as_of, nama = _laporan_capaian(request, kode)
    except TanggalHitungDitolak as exc:
        return _tolak_tanggal(request, kode, exc)
    except PeriodeDitolak as exc:
        return periode_ditolak(request, exc.form, judul="Laporan Capaian IKU", kesalahan=exc.kesalahan)
    pekerjaan = pekerjaan_mulai(
        pemilik=request.user,
        jenis=jenis,
        parameter={
            "kode": kecamatan.kode,
            "periode": periode.ke_json(),
            "as_of": as_of.isoformat(),
            "nama": nama,
        },
        kecamatan=kecamatan,
        kunci=tugas.kunci_laporan_capaian(jenis, kecamatan=kecamatan, periode=periode, as_of=as_of, nama=nama),
    )
    return _ke_pekerjaan(request, pekerjaan)


def capaian_pdf(request, kode=None):
    return _capaian(request, kode, tugas.LAPORAN_CAPAIAN_PDF)


def capaian_xlsx(request, kode=None):
    return _capaian(request, kode, tugas.LAPORAN_CAPAIAN_XLSX)


def _dokumen_iku(request, kode, jenis):
    kecamatan = access_laporan_kecamatan_by_kode(request.user, kode)
    hari_ini = timezone.localdate()
    if not DokumenIKU.objects.in_force_on(kecamatan, hari_ini):
        # No document to print: said at once, as before, not after a job (the job says it again if it
        # disappears in between).
        try:
            generator.dokumen_iku_generate(kecamatan=kecamatan, hari_ini=hari_ini)
        except generator.TanpaDokumenIKU as exc:
            raise Http404(str(exc)) from exc
    pekerjaan = pekerjaan_mulai(
        pemilik=request.user,
        jenis=jenis,
        parameter={
            "kode": kecamatan.kode,
            "hari_ini": hari_ini.isoformat(),
            "nama": f"dokumen-iku-{slugify(kecamatan.nama)}",
        },
        kecamatan=kecamatan,
        kunci=tugas.kunci_dokumen_iku(jenis, kecamatan=kecamatan, hari_ini=hari_ini),
    )
    return _ke_pekerjaan(request, pekerjaan)


def dokumen_pdf(request, kode=None):
    return _dokumen_iku(request, kode, tugas.DOKUMEN_IKU_PDF)


def dokumen_xlsx(request, kode=None):
    return _dokumen_iku(request, kode, tugas.DOKUMEN_IKU_XLSX)


def _penanda_tte(kecamatan, hari_ini):
    """What the approval form says about the electronic signature: signer, type, or why there is none."""
    try:
        return {"penanda": tte.penanda_laporan(kecamatan, hari_ini), "salah_konfigurasi": ""}
    except ImproperlyConfigured as exc:
        return {"penanda": None, "salah_konfigurasi": str(exc)}


@sensitive_post_parameters("rahasia_tte")
@require_POST
@sensitive_variables("rahasia_tte")
def sahkan(request, kode=None):
    # Only the kecamatan's own pimpinan gets further, whatever the period says (403 with the reason).
    kecamatan = access_laporan_kecamatan_by_kode(request.user, kode, untuk=Akses.SAHKAN)
    tujuan = reverse("laporan:kecamatan", args=[kode]) if kode else reverse("laporan:index")
    # An approval cannot be undone: the year must be chosen, not this year's by default.
    try:
        form, periode, hari_ini = _periode(request.POST, tahun_wajib=True)
    except PeriodeDitolak as exc:
        messages.error(request, f"Laporan tidak disahkan: pilih tahun dan periode yang valid. {exc}")
        return redirect(tujuan)
    # Nothing is written without the confirmation page first: the form there sends "konfirmasi".
    if request.POST.get("konfirmasi") != "1":
        return _konfirmasi(request, kecamatan=kecamatan, periode=periode, hari_ini=hari_ini, form=form, kode=kode)
    if not request.POST.get("sidik"):
        # Without the fingerprint nobody can tell the figures approved are those that were read: refuse.
        return _konfirmasi(
            request,
            kecamatan=kecamatan,
            periode=periode,
            hari_ini=hari_ini,
            form=form,
            kode=kode,
            kesalahan=["Laporan tidak disahkan: periksa angka di bawah ini, lalu sahkan dari halaman konfirmasi ini."],
            status=400,
        )
    # What can be refused without rendering is refused here, on the confirmation page, with the same
    # messages as before; the rendering, signing and freezing run in the job (indikator/laporan/tugas_sahkan.py).
    rahasia_tte = request.POST.get("rahasia_tte", "")
    dipahami = request.POST.get("periode_belum_berakhir") == "1"
    try:
        laporan_sahkan_periksa(
            user=request.user,
            kecamatan=kecamatan,
            periode=periode,
            hari_ini=hari_ini,
            periode_belum_berakhir_dipahami=dipahami,
            sidik=request.POST["sidik"],
            rahasia_tte=rahasia_tte,
        )
    except ImproperlyConfigured as exc:
        messages.error(request, f"Laporan tidak disahkan: konfigurasi tanda tangan elektronik salah. {exc}")
    except ValidationError as exc:
        kembali = {getattr(e, "code", None) for e in exc.error_list} & {"periode_belum_berakhir", "angka_berubah"}
        if kembali or isinstance(exc, tte.GagalTandaTangan):
            # Back to the confirmation, with the reason where the choice (or the passphrase) is made.
            return _konfirmasi(
                request,
                kecamatan=kecamatan,
                periode=periode,
                hari_ini=hari_ini,
                form=form,
                kode=kode,
                kesalahan=exc.messages,
                status=400,
            )
        messages.error(request, " ".join(exc.messages))
    else:
        parameter = {
            "periode": periode.ke_json(),
            "hari_ini": hari_ini.isoformat(),
            "url_dasar": request.build_absolute_uri("/"),
            "periode_belum_berakhir_dipahami": dipahami,
            "sidik": request.POST["sidik"],
            "url_laporan": _url_laporan(kode, form),
        }
        if rahasia_tte:
            # Never in clear: encrypted for the worker, erased from the job when the worker takes it.
            parameter[PARAM_RAHASIA] = rahasia_sandikan(rahasia_tte)
        pekerjaan = pekerjaan_mulai(
            pemilik=request.user, jenis="laporan_sahkan", parameter=parameter, kecamatan=kecamatan
        )
        return ke_pekerjaan(request, pekerjaan)
    return redirect(_url_laporan(kode, form))


def _konfirmasi(request, *, kecamatan, periode, hari_ini, form, kode, kesalahan=(), status=200):
    """What an approval would freeze, shown before anything is written."""
    laporan = generator.laporan_capaian_generate(kecamatan=kecamatan, periode=periode, as_of=hari_ini)
    riwayat = list(
        PengesahanLaporan.objects.untuk_periode(kecamatan, periode).select_related("disahkan_oleh").order_by("-versi")
    )
    return render(
        request,
        "indikator/laporan_konfirmasi.html",
        {
            "kecamatan": kecamatan,
            "laporan": laporan,
            "hasil": laporan.hasil,
            "periode": periode,
            "as_of": hari_ini,
            "ttd": laporan.tanda_tangan,
            "belum_berakhir": periode_belum_berakhir(periode, hari_ini),
            "sidik": sidik_konfirmasi(laporan),
            "riwayat": riwayat,
            "versi_baru": (riwayat[0].versi if riwayat else 0) + 1,
            "bagian": form.cleaned_data.get("bagian") or "",
            "url_sahkan": _url("sahkan", kode),
            "url_kembali": _url_laporan(kode, form),
            "kesalahan": kesalahan,
            # The passphrase/PIN is typed here, on the form that approves, never carried between pages.
            "penanda_tte": _penanda_tte(kecamatan, hari_ini),
            "boleh_kelola_sertifikat": akses.boleh_kelola_sertifikat(request.user, kecamatan),
        },
        status=status,
    )


def unduh_disahkan(request, pk):
    # Scoped by membership: another kecamatan's approved report answers 404.
    pengesahan = access_pengesahan_by_id(request.user, pk)
    nama = (
        f"laporan-capaian-iku-{slugify(pengesahan.kecamatan.nama)}-{slugify(pengesahan.periode.label)}"
        f"-versi-{pengesahan.versi}.pdf"
    )
    return FileResponse(pengesahan.berkas.open("rb"), as_attachment=True, filename=nama, content_type=PDF)


def _rekap(request, jenis):
    kabupaten = access_kabupaten_by_kode(request.user, request.GET.get("kabupaten"))
    try:
        _, periode, hari_ini = _periode(request.GET)
    except PeriodeDitolak as exc:
        return periode_ditolak(request, exc.form, judul="Rekap kabupaten", kesalahan=exc.kesalahan)
    kecamatan_qs = akses.kecamatan_scope(request.user).filter(kabupaten=kabupaten)
    pekerjaan = pekerjaan_mulai(
        pemilik=request.user,
        jenis=jenis,
        parameter={
            "kabupaten": kabupaten.kode,
            "periode": periode.ke_json(),
            "as_of": hari_ini.isoformat(),
            "nama": f"rekap-iku-{slugify(kabupaten.nama)}-{slugify(periode.label)}",
        },
        kunci=tugas.kunci_rekap(jenis, kabupaten=kabupaten, kecamatan_qs=kecamatan_qs, periode=periode, as_of=hari_ini),
    )
    return _ke_pekerjaan(request, pekerjaan)


def rekap_pdf(request):
    return _rekap(request, tugas.REKAP_KABUPATEN_PDF)


def rekap_xlsx(request):
    return _rekap(request, tugas.REKAP_KABUPATEN_XLSX)


def _unggahan_terlalu_sering(request) -> bool:
    """A cheap per-IP limit on the public upload (each upload costs a signature validation)."""
    ip = alamat_klien(request)
    kunci = f"iku:verifikasi-unggah:{ip or 'tanpa-ip'}"
    cache.add(kunci, 0, timeout=600)
    try:
        jumlah = cache.incr(kunci)
    except ValueError:
        cache.set(kunci, 1, timeout=600)
        jumlah = 1
    return jumlah > settings.IKU_TTE_VERIFIKASI_PER_10_MENIT


def _verifikasi_tte(request, pengesahan) -> dict:
    """The stored PDF's signature verdict and, on POST, the uploaded copy's comparison and verdict."""

    def _periksa():
        with pengesahan.berkas.open("rb") as f:
            return tte.pdf_verifikasi(f.read(), tersimpan=True)

    # A public page: the stored file's verdict is computed once per 10 minutes, not on every hit.
    tersimpan = cache.get_or_set(f"iku:tte-tersimpan:{pengesahan.sha256}", _periksa, timeout=600)
    konteks = {"tte_tersimpan": tersimpan, "form_unggah": VerifikasiPDFForm(), "tte_unggahan": None}
    if request.method != "POST":
        return konteks
    if _unggahan_terlalu_sering(request):
        konteks["unggah_ditolak"] = "Terlalu banyak unggahan dari alamat Anda; coba lagi sepuluh menit lagi."
        return konteks
    form = VerifikasiPDFForm(request.POST, request.FILES)
    konteks["form_unggah"] = form
    if form.is_valid():
        hasil = tte.pdf_verifikasi(form.data_berkas())
        konteks["tte_unggahan"] = hasil
        konteks["identik"] = hasil.sha256 == pengesahan.sha256
    return konteks


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def verifikasi(request, token):
    """Public (no login): does a printed approved report match what was approved? Unknown token → 404."""
    pengesahan = access_pengesahan_publik_by_token(token)
    terbaru = (
        PengesahanLaporan.objects.untuk_periode(pengesahan.kecamatan, pengesahan.periode)
        .order_by("-versi")
        .values_list("versi", flat=True)
        .first()
    )
    data = pengesahan.data
    dokumen_iku2 = dokumen_iku2_beku(data)
    response = render(
        request,
        "indikator/laporan_verifikasi.html",
        {
            "pengesahan": pengesahan,
            "data": data,
            "dokumen_iku2": dokumen_iku2,
            "ttd": pengesahan.penandatangan,
            "terbaru": terbaru,
            **_verifikasi_tte(request, pengesahan),
        },
    )
    # The page is for whoever holds the printed copy, not for search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
