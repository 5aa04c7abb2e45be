"""Security sweep over the whole URL configuration, so that a new page cannot escape it.

Every named URL outside the admin is visited by users of another kecamatan
with the ids and codes of Lumajang's objects: the answer is never a page that
shows them, and no POST changes them. Every POST without a CSRF token is
refused. A URL parameter this test does not know fails the test: teach it
below when you add one.
"""

import itertools

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from desa.models import DokumenDesa
from kecamatan.models import BuktiPendukung, JenisBukti, Kegiatan, Pejabat, Peran, Seksi, UraianAktivitas
from skm.models import JenisLayanan, Kuesioner, RencanaTindakLanjut, Responden, Unsur

RAHASIA = "RAHASIA-LUMAJANG-7Q"

# URLs that are public by design, or that only end the user's own session.
PUBLIK = {"login", "logout", "laporan:verifikasi"}


def _patterns(patterns=None, namespace=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue  # the admin has its own scoping tests (tests/kecamatan/test_lingkup.py)
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
    return {
        "responden": responden,
        "rtl": rtl,
        "kasi": kasi,
        "kegiatan": kegiatan,
        "bukti": bukti,
        "dokumen": dokumen,
        "desa": desa,
        "pejabat": pejabat,
        "kecamatan": lumajang,
    }


def _candidates(param, data):
    """Values of Lumajang's objects for each URL parameter name."""
    objects = [data[k] for k in ("kegiatan", "bukti", "dokumen", "desa", "pejabat", "responden", "rtl")]
    table = {
        "kode": [data["kecamatan"].kode, data["desa"].kode],
        "pk": sorted({o.pk for o in objects}),
        "kegiatan_pk": [data["kegiatan"].pk],
        "desa_id": [data["desa"].pk],
        "jenis": ["apbdes"],
        "tahun_anggaran": [2025],
        "tahun": [2025],
        # laporan:verifikasi is public by design; an unknown token answers 404 (tests/indikator/test_laporan_*).
        "token": ["token-yang-tidak-dikenal"],
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
        for values in itertools.product(*(_candidates(p, data) for p in params)):
            yield name, reverse(name, kwargs=dict(zip(params, values, strict=True)))


def _snapshot():
    return (
        list(Kegiatan.objects.values_list("pk", "versi", "output", "status", "keterangan")),
        list(BuktiPendukung.objects.values_list("pk", "nomor", "dihapus_pada")),
        list(DokumenDesa.objects.values_list("pk", "nomor", "tanggal")),
        list(Responden.objects.values_list("pk", "saran", "u1")),
        list(RencanaTindakLanjut.objects.values_list("pk", "rencana")),
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


def test_every_post_without_a_csrf_token_is_refused(lumajang_data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lumajang_data["kasi"])
    before = _snapshot()
    for name, params in _patterns():
        kwargs = {p: _candidates(p, lumajang_data)[0] for p in params} if name not in PUBLIK or params else {}
        if name == "laporan:verifikasi":
            continue
        url = reverse(name, kwargs=kwargs)
        response = client.post(url, {"output": "tanpa token", "tanggal": "2025-01-01"})
        assert response.status_code == 403, f"POST {url} ({name}) without CSRF token answered {response.status_code}"
    assert _snapshot() == before
