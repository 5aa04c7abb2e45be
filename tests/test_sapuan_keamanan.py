"""Security sweep over the whole URL configuration, so that a new page cannot escape it.

Every named URL outside the admin is visited by users of another kecamatan
with the ids and codes of Lumajang's objects: the answer is never a page that
shows them, and no POST changes them. Every POST without a CSRF token is
refused. A URL parameter this test does not know fails the test: teach it
below when you add one.
"""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode

from desa.models import DokumenDesa, PengajuanDokumenDesa
from kecamatan.models import (
    BuktiPendukung,
    JenisBukti,
    JenisKegiatan,
    Kegiatan,
    Pejabat,
    Peran,
    Seksi,
    TokenAPI,
    UraianAktivitas,
)
from notifikasi.models import Notifikasi
from skm.models import JenisLayanan, Kuesioner, RencanaTindakLanjut, Responden, Unsur

RAHASIA = "RAHASIA-LUMAJANG-7Q"

# URLs that are public by design, or that only end the user's own session.
PUBLIK = {"login", "logout", "laporan:verifikasi"}


def _patterns(patterns=None, namespace=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue  # the admin is swept below, model by model (and in tests/kecamatan/test_lingkup.py)
            ns = ":".join(filter(None, [namespace, entry.namespace]))
            yield from _patterns(entry.url_patterns, ns or None, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL {prefix}{entry.pattern} has no name"
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, list(entry.pattern.converters)


@pytest.fixture
def lumajang_data(lumajang, make_user):
    kasi = make_user(Peran.KASI, kecamatan=lumajang, username="kasi.lumajang")
    seksi = Seksi.objects.create(kecamatan=lumajang, nama=f"Seksi {RAHASIA}")
    uraian = UraianAktivitas.objects.select_related("jenis").first()
    kegiatan = Kegiatan(
        kecamatan=lumajang,
        tanggal="2025-03-01",
        status="dilaksanakan",
        seksi=seksi,
        keterangan=RAHASIA,
        output=f"Output {RAHASIA}",
        tanggal_output="2025-03-02",
        dibuat_oleh=kasi,
    )
    kegiatan.snapshot_katalog(uraian)
    kegiatan.save()
    desa = lumajang.desa.filter(jenis="desa").first()
    kegiatan.desa.add(desa)
    bukti = BuktiPendukung.objects.create(
        kegiatan=kegiatan, jenis=JenisBukti.objects.first(), nomor=RAHASIA, tanggal="2025-03-02"
    )
    dokumen = DokumenDesa.objects.create(
        desa=desa, jenis="apbdes", tahun_anggaran=2025, nomor=RAHASIA, tanggal="2024-12-20"
    )
    pejabat = Pejabat.objects.create(kecamatan=lumajang, nama=RAHASIA, nip="197012181991011002", jabatan="camat")
    operator = make_user(Peran.OPERATOR_DESA, desa=desa, username="operator.lumajang")
    pengajuan = PengajuanDokumenDesa.objects.create(
        desa=desa, jenis="lppdes", tahun_anggaran=2025, tanggal="2026-03-01", nomor=RAHASIA,
        berkas="pengajuan_desa/2026/03/rahasia.pdf", diajukan_oleh=operator,
    )  # fmt: skip
    notifikasi = Notifikasi.objects.create(
        penerima=kasi, jenis="pengingat", kunci="pengingat:uji", judul=RAHASIA, isi=RAHASIA, url="/desa/tenggat/"
    )
    layanan = JenisLayanan.objects.create(kecamatan=lumajang, nama="Legalisasi")
    responden = Responden.objects.create(
        kecamatan=lumajang, kuesioner=Kuesioner.objects.get(versi=1), jenis_layanan=layanan,
        tanggal="2025-03-01", usia=30, jenis_kelamin="P", pendidikan="sma", pekerjaan="swasta", saran=RAHASIA,
        **{f"u{i}": 3 for i in range(1, 10)},
    )  # fmt: skip
    rtl = RencanaTindakLanjut.objects.create(
        kecamatan=lumajang, periode_mulai="2025-01-01", periode_selesai="2025-12-31",
        unsur=Unsur.objects.get(kode="U1"), rencana=RAHASIA, penanggung_jawab=RAHASIA, target_waktu="2026",
    )  # fmt: skip
    from django.utils import timezone

    from kecamatan.services import token_api_create

    token, _ = token_api_create(user=kasi, nama=RAHASIA, berlaku_hari=30, sekarang=timezone.now())
    from pekerjaan.models import Pekerjaan

    # Lumajang's kasi's finished report job: its status page and file are the kasi's alone.
    pekerjaan = Pekerjaan.objects.create(
        pemilik=kasi, jenis="laporan_capaian_pdf", kecamatan=lumajang, status="selesai", langkah=RAHASIA,
        berkas="pekerjaan/2026/01/rahasia", nama_berkas=f"{RAHASIA}.pdf", content_type="application/pdf",
    )  # fmt: skip
    return {
        "pekerjaan": pekerjaan,
        "token": token,
        "responden": responden,
        "rtl": rtl,
        "kasi": kasi,
        "kegiatan": kegiatan,
        "bukti": bukti,
        "dokumen": dokumen,
        "desa": desa,
        "pejabat": pejabat,
        "kecamatan": lumajang,
        "pengajuan": pengajuan,
        "notifikasi": notifikasi,
        "operator": operator,
    }


def _candidates(param, data, name=""):
    """Values of Lumajang's objects for each URL parameter name (a job's pages take its UUID)."""
    if name.startswith("pekerjaan:") and param == "pk":
        return [data["pekerjaan"].pk]
    objects = [
        data[k]
        for k in (
            "kegiatan", "bukti", "dokumen", "desa", "pejabat", "responden", "rtl", "pengajuan", "notifikasi", "token",
        )
    ]  # fmt: skip
    table = {
        "kode": [data["kecamatan"].kode, data["desa"].kode],
        "pk": sorted({o.pk for o in objects}),
        "kegiatan_pk": [data["kegiatan"].pk],
        "desa_id": [data["desa"].pk],
        "user_id": [data["operator"].pk],
        "jenis": ["apbdes"],
        "tahun_anggaran": [2025],
        "tahun": [2025],
        # laporan:verifikasi is public by design; an unknown token answers 404 (tests/indikator/test_laporan_*).
        "token": ["token-yang-tidak-dikenal"],
        # The password reset link of Lumajang's kasi, with a token nobody issued: an invalid link.
        "uidb64": [urlsafe_base64_encode(str(data["kasi"].pk).encode())],
        "fmt": ["pdf", "xlsx"],
    }
    assert param in table, f"teach the security sweep the URL parameter {param!r}"
    return table[param]


def _urls(data):
    for name, params in _patterns():
        if name in PUBLIK:
            continue
        if not params:
            yield name, reverse(name)
            continue
        for values in itertools.product(*(_candidates(p, data, name) for p in params)):
            yield name, reverse(name, kwargs=dict(zip(params, values, strict=True)))


def _snapshot():
    return (
        list(Kegiatan.objects.values_list("pk", "versi", "output", "status", "keterangan")),
        list(BuktiPendukung.objects.values_list("pk", "nomor", "dihapus_pada")),
        list(DokumenDesa.objects.values_list("pk", "nomor", "tanggal")),
        list(Responden.objects.values_list("pk", "saran", "u1")),
        list(RencanaTindakLanjut.objects.values_list("pk", "rencana")),
        list(PengajuanDokumenDesa.objects.values_list("pk", "status", "alasan", "nomor")),
        list(Notifikasi.objects.values_list("pk", "dibaca_pada")),
        list(TokenAPI.objects.values_list("pk", "nama", "dicabut_pada")),
        list(get_user_model().objects.values_list("pk", "is_active")),
    )


@pytest.mark.parametrize("peran", [Peran.STAF, Peran.KASI, Peran.PIMPINAN])
def test_no_url_shows_or_changes_another_kecamatans_data(client, make_user, senduro, lumajang_data, peran):
    client.force_login(make_user(peran, kecamatan=senduro))
    before = _snapshot()
    visited = 0
    for name, url in _urls(lumajang_data):
        response = client.get(url)
        assert RAHASIA.encode() not in response.content, f"GET {url} ({name}) shows Lumajang's data"
        if response.status_code == 200 and response.get("Content-Disposition"):
            # A download (XLSX, PDF) of one's own scope: must not contain the marker either.
            assert RAHASIA.encode() not in b"".join(getattr(response, "streaming_content", [response.content]))
        post = client.post(
            url, {"output": "diubah", "nomor": "diubah", "tanggal": "2025-01-01", "status": "dibatalkan"}
        )
        assert post.status_code in (302, 400, 403, 404, 405) or RAHASIA.encode() not in post.content, url
        visited += 1
    assert _snapshot() == before
    assert visited > 20  # the walk really walked


def test_a_desa_operator_gets_404_on_every_kecamatan_page(client, make_user, senduro, lumajang_data):
    """docs/DESIGN.md §2.7: an operator of a Senduro desa reaches its own page, nothing of any kecamatan."""
    from kecamatan.middleware import OPERATOR_BOLEH, OPERATOR_BOLEH_NAMESPACE
    from wilayah.models import Desa

    desa_sendiri = Desa.objects.filter(kecamatan=senduro, jenis="desa").first()
    client.force_login(make_user(Peran.OPERATOR_DESA, desa=desa_sendiri))
    before = _snapshot()
    dilihat = 0
    for name, url in _urls(lumajang_data):
        response = client.get(url)
        assert RAHASIA.encode() not in response.content, f"GET {url} ({name}) shows Lumajang's data"
        post = client.post(url, {"alasan": "diubah", "nomor": "diubah", "tanggal": "2025-01-01"})
        if name in OPERATOR_BOLEH or name.split(":")[0] in OPERATOR_BOLEH_NAMESPACE:
            assert response.status_code in (200, 302, 404, 405), f"GET {url} ({name})"
            assert post.status_code in (200, 302, 400, 404, 405) and RAHASIA.encode() not in post.content, url
        else:
            assert response.status_code == 404, f"GET {url} ({name}) answered {response.status_code}"
            assert post.status_code == 404, f"POST {url} ({name}) answered {post.status_code}"
            dilihat += 1
    assert client.get("/admin/").status_code == 404
    assert _snapshot() == before
    assert dilihat > 20


def test_every_post_without_a_csrf_token_is_refused(lumajang_data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lumajang_data["kasi"])
    before = _snapshot()
    for name, params in _patterns():
        kwargs = {p: _candidates(p, lumajang_data, name)[0] for p in params} if name not in PUBLIK or params else {}
        if name == "laporan:verifikasi":
            continue
        url = reverse(name, kwargs=kwargs)
        response = client.post(url, {"output": "tanpa token", "tanggal": "2025-01-01"})
        assert response.status_code == 403, f"POST {url} ({name}) without CSRF token answered {response.status_code}"
    assert _snapshot() == before


# --- The admin's history pages (django-simple-history) ----------------------------------------------
#
# Every ModelAdmin with simple-history's pages is walked: the history list and every version of another
# tenant's objects, by GET and by a revert POST that tries to move the object into the user's own
# kecamatan. The answer is 404 and nothing changes; a shared catalogue entry may be read but not reverted.


def _admin_riwayat():
    """(model, model_admin) for every admin that serves simple-history's history and version pages."""
    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    return [(m, ma) for m, ma in admin.site._registry.items() if isinstance(ma, SimpleHistoryAdmin)]


def _buat_data_tenant(kecamatan, *, penanda):
    """A kegiatan with bukti, a desa document, a target and a Dokumen IKU of ``kecamatan``, each saved twice."""
    from decimal import Decimal

    from indikator.models import DokumenIKU, TargetIKU
    from wilayah.models import Desa

    desa = Desa.objects.filter(kecamatan=kecamatan, jenis="desa").first()
    uraian = UraianAktivitas.objects.select_related("jenis").first()
    kegiatan = Kegiatan(kecamatan=kecamatan, tanggal="2025-03-01", status="dilaksanakan", keterangan=penanda)
    kegiatan.snapshot_katalog(uraian)
    kegiatan.save()
    kegiatan.output, kegiatan.tanggal_output = f"Output {penanda}", "2025-03-02"
    kegiatan.save()
    bukti = BuktiPendukung.objects.create(
        kegiatan=kegiatan, jenis=JenisBukti.objects.first(), nomor=penanda, tanggal="2025-03-02"
    )
    bukti.nomor = f"{penanda}-2"
    bukti.save()
    dokumen = DokumenDesa.objects.create(
        desa=desa, jenis="rkpdes", tahun_anggaran=2025, nomor=penanda, tanggal="2024-09-01"
    )
    dokumen.nomor = f"{penanda}-2"
    dokumen.save()
    target = TargetIKU.objects.create(kecamatan=kecamatan, indikator="iku1", tahun=2025, target=Decimal("80"))
    target.target = Decimal("85")
    target.save()
    dokumen_iku = DokumenIKU.objects.create(
        kecamatan=kecamatan, tugas=penanda, fungsi=penanda, tujuan=penanda, indikator_tujuan=penanda
    )
    dokumen_iku.tujuan = f"{penanda} (perubahan)"
    dokumen_iku.save()
    return {"desa": desa, "objek": [kegiatan, bukti, dokumen, target, dokumen_iku]}


def _snapshot_riwayat():
    from django.forms.models import model_to_dict

    return {
        model._meta.label: sorted(
            (tuple(sorted((k, str(v)) for k, v in model_to_dict(o).items())) for o in model._default_manager.all()),
        )
        for model, _ in _admin_riwayat()
    }


def _revert_payload(obj, *, kecamatan_sendiri, desa_sendiri):
    """The version's fields, with its kecamatan (or desa) pointed at the attacker's own."""
    from django.db import models
    from django.forms.models import model_to_dict

    from wilayah.models import Kecamatan

    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or not field.editable or isinstance(field, models.FileField):
            continue
        value = model_to_dict(obj, fields=[field.name]).get(field.name)
        if getattr(field, "related_model", None) is Kecamatan:
            value = kecamatan_sendiri.pk
        elif field.name == "desa" and field.is_relation:
            value = desa_sendiri.pk
        data[field.name] = "" if value is None else value
    return data


def _walk_history(client, obj, *, kecamatan_sendiri, desa_sendiri):
    """Yield (method, url, response) for the history list and every version of ``obj``."""
    opts = obj._meta
    base = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    yield "GET", base, client.get(base)
    yield "POST", base, client.post(base, {})
    for version in obj.history.all():
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, version.history_id])
        yield "GET", url, client.get(url)
        payload = _revert_payload(version.instance, kecamatan_sendiri=kecamatan_sendiri, desa_sendiri=desa_sendiri)
        yield "POST", url, client.post(url, {**payload, "_save": "Revert"})


@pytest.fixture
def kabupaten_jember(db):
    from wilayah.models import Desa, Kabupaten, Kecamatan, Provinsi

    provinsi = Provinsi.objects.get(kode="35")
    kabupaten = Kabupaten.objects.create(kode="35.09", nama="Kabupaten Jember", provinsi=provinsi)
    kecamatan = Kecamatan.objects.create(kode="35.09.01", nama="Jombang", kabupaten=kabupaten)
    Desa.objects.create(kode="35.09.01.2001", nama="Ngampelrejo", kecamatan=kecamatan)
    return kecamatan


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.ADMIN_KABUPATEN])
def test_admin_history_pages_show_and_revert_nothing_of_another_tenant(
    client, make_user, senduro, lumajang, kabupaten_jember, peran
):
    # pimpinan of Senduro against Lumajang; the Lumajang admin kabupaten against Jember.
    korban = lumajang if peran == Peran.PIMPINAN else kabupaten_jember
    data_korban = _buat_data_tenant(korban, penanda=RAHASIA)
    sendiri = _buat_data_tenant(senduro, penanda="MILIK-SENDURO")
    client.force_login(make_user(peran, kecamatan=senduro))
    model_riwayat = {m for m, _ in _admin_riwayat()}
    assert {type(o) for o in data_korban["objek"]} <= model_riwayat
    before = _snapshot_riwayat()

    bocor, dilihat = [], 0
    for obj in data_korban["objek"]:
        for method, url, response in _walk_history(
            client, obj, kecamatan_sendiri=senduro, desa_sendiri=sendiri["desa"]
        ):
            dilihat += 1
            if response.status_code != 404 or RAHASIA.encode() in response.content:
                bocor.append(f"{method} {url} → {response.status_code}")
    assert bocor == []
    assert dilihat >= 5 * 6  # list + version GET/POST for each of five models, two versions each
    assert _snapshot_riwayat() == before

    # The user's own history is readable (so the 404s above are about scope), but never reverted.
    for obj in sendiri["objek"]:
        for method, url, response in _walk_history(
            client, obj, kecamatan_sendiri=senduro, desa_sendiri=sendiri["desa"]
        ):
            if method == "GET":
                assert response.status_code == 200, url
            elif "/history/" in url and not url.endswith("/history/"):
                assert response.status_code == 403, url
    assert _snapshot_riwayat() == before


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.ADMIN_KABUPATEN])
def test_shared_catalogue_history_is_readable_but_cannot_be_reverted(client, make_user, senduro, peran):
    jenis = JenisKegiatan.objects.first()
    nama_asli = jenis.nama
    jenis.nama = f"{nama_asli} (diperbaiki)"
    jenis.save()
    uraian = jenis.uraian.first()
    uraian.teks = f"{uraian.teks} (diperbaiki)"
    uraian.save()
    client.force_login(make_user(peran, kecamatan=senduro))
    before = _snapshot_riwayat()
    for obj in (jenis, uraian):
        opts = obj._meta
        tertua = obj.history.earliest("history_date")
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, tertua.history_id])
        assert client.get(url).status_code == 200
        payload = _revert_payload(tertua.instance, kecamatan_sendiri=senduro, desa_sendiri=None)
        assert client.post(url, {**payload, "_save": "Revert"}).status_code == 403
    assert _snapshot_riwayat() == before


def test_every_admin_with_history_pages_is_scoped():
    from kecamatan.admin_scope import PeranHistoryAdmin

    tidak_terlindung = [m._meta.label for m, ma in _admin_riwayat() if not isinstance(ma, PeranHistoryAdmin)]
    assert tidak_terlindung == []
    assert len(_admin_riwayat()) >= 7


# --- Every admin page of every registered model (issue 18.2) -------------------------------------------
#
# The change list, add, change and delete pages of every ModelAdmin, by GET and POST, as a pimpinan of
# another kecamatan and as the admin kabupaten of another kabupaten: none shows the other tenant's data
# and none writes anything (the POSTs try to edit, delete, move into the user's own kecamatan, or add
# into the other tenant's).


def _buat_data_admin(kecamatan, *, penanda, make_user):
    """``_buat_data_tenant`` plus the tenant's seksi, pejabat, users and SKM data."""
    data = _buat_data_tenant(kecamatan, penanda=penanda)
    Seksi.objects.create(kecamatan=kecamatan, nama=f"Seksi {penanda}")
    Pejabat.objects.create(kecamatan=kecamatan, nama=penanda, nip="197012181991011002", jabatan="camat")
    layanan = JenisLayanan.objects.create(kecamatan=kecamatan, nama=f"Layanan {penanda}")
    Responden.objects.create(
        kecamatan=kecamatan, kuesioner=Kuesioner.objects.get(versi=1), jenis_layanan=layanan,
        tanggal="2025-03-01", usia=30, jenis_kelamin="P", pendidikan="sma", pekerjaan="swasta", saran=penanda,
        **{f"u{i}": 3 for i in range(1, 10)},
    )  # fmt: skip
    RencanaTindakLanjut.objects.create(
        kecamatan=kecamatan, periode_mulai="2025-01-01", periode_selesai="2025-12-31",
        unsur=Unsur.objects.get(kode="U1"), rencana=penanda, penanggung_jawab=penanda, target_waktu="2026",
    )  # fmt: skip
    kasi = make_user(Peran.KASI, kecamatan=kecamatan)
    kasi.first_name = penanda
    kasi.save()
    TokenAPI.objects.create(user=kasi, nama=penanda, prefix=penanda[:8].lower(), digest="0" * 64,
                            dibuat_pada=timezone.now(), kedaluwarsa_pada=timezone.now())  # fmt: skip
    return data


def _milik(model, model_admin, korban, sendiri):
    """The rows of ``model`` that belong to ``korban`` and not also to ``sendiri`` (shared data: none)."""
    from django.contrib.auth import get_user_model

    if model is get_user_model():
        return list(model.objects.filter(keanggotaan__kecamatan=korban))
    lookup = getattr(model_admin, "kecamatan_lookup", None)  # Django's own admins: by permission
    if lookup is None:
        return []
    return list(model._default_manager.filter(**{lookup: korban.pk}).exclude(**{lookup: sendiri.pk}))


def _snapshot_admin():
    from django.contrib import admin
    from django.forms.models import model_to_dict

    return {
        model._meta.label: sorted(
            tuple(sorted((k, str(v)) for k, v in model_to_dict(o).items())) for o in model._default_manager.all()
        )
        for model in admin.site._registry
    }


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.ADMIN_KABUPATEN])
def test_no_admin_page_shows_or_changes_another_tenants_data(
    client, make_user, senduro, lumajang, kabupaten_jember, peran
):
    from django.contrib import admin

    korban = lumajang if peran == Peran.PIMPINAN else kabupaten_jember
    data_korban = _buat_data_admin(korban, penanda=RAHASIA, make_user=make_user)
    desa_sendiri = senduro.desa.filter(jenis="desa").first()
    client.force_login(make_user(peran, kecamatan=senduro))
    before = _snapshot_admin()

    bocor, dilihat, objek_dilihat = [], 0, 0
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        nama = f"admin:{opts.app_label}_{opts.model_name}"
        milik = _milik(model, model_admin, korban, senduro)
        for url in (reverse(f"{nama}_changelist"), reverse(f"{nama}_add")):
            response = client.get(url)
            dilihat += 1
            if RAHASIA.encode() in response.content:
                bocor.append(f"GET {url}")
            # Adding into the other tenant: its own kecamatan/desa named in the form.
            isian = (
                _revert_payload(milik[0], kecamatan_sendiri=korban, desa_sendiri=data_korban["desa"]) if milik else {}
            )
            client.post(url, isian)
        for obj in milik:
            objek_dilihat += 1
            for aksi in ("change", "delete"):
                url = reverse(f"{nama}_{aksi}", args=[obj.pk])
                response = client.get(url)
                if response.status_code == 200 or RAHASIA.encode() in response.content:
                    bocor.append(f"GET {url} → {response.status_code}")
                isian = (
                    _revert_payload(obj, kecamatan_sendiri=senduro, desa_sendiri=desa_sendiri)
                    if aksi == "change"
                    else {"post": "yes"}
                )
                response = client.post(url, isian)
                if response.status_code == 200:
                    bocor.append(f"POST {url} → 200")
    assert bocor == []
    assert dilihat >= 2 * 20  # every registered model's list and add page
    assert objek_dilihat >= 10  # kegiatan, bukti, dokumen, target, IKU, seksi, pejabat, SKM, users, …
    assert _snapshot_admin() == before
