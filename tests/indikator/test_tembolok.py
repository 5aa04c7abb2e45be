"""Issue 11.5: computed figures come from Django's cache under the kecamatan's data versions.

A repeat costs no computation; any write through a service shows on the next view; another
kecamatan's write evicts nothing; a national roll-up reuses the kabupaten entries it finds; and the
Redis backend (REDIS_URL in production) holds the same entries.
"""

import datetime
import pickle
import re
import sys
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from desa import services as desa_services
from desa.selectors import iku2_basis
from desa.tenggat import Basis
from indikator import iku, tembolok
from indikator import services as indikator_services
from indikator.iku import iku_compute
from kecamatan import services as kecamatan_services
from kecamatan.models import JenisBukti, Peran, UraianAktivitas
from kecamatan.periode import tahunan
from skm import services as skm_services
from skm.models import JenisLayanan
from tests import factories
from wilayah.models import Desa, Kecamatan

HARI_INI = datetime.date(2026, 11, 23)
TANGGAL = datetime.date(2026, 11, 2)
PERIODE = tahunan(2026)


@pytest.fixture
def hari_ini(jam):
    jam.pindah(HARI_INI)
    return HARI_INI


@pytest.fixture
def muat(monkeypatch):
    """Every load of the facts (the computation's cold path): the kecamatan ids it was asked for."""
    panggilan = []
    asli = iku.fakta_load

    def hitung(*, kecamatan_qs, **kwargs):
        panggilan.append(sorted(kecamatan_qs.values_list("pk", flat=True)))
        return asli(kecamatan_qs=kecamatan_qs, **kwargs)

    monkeypatch.setattr(iku, "fakta_load", hitung)
    return panggilan


@pytest.fixture
def orang(make_user, senduro, lumajang, seksi_pemerintahan):
    return {
        "staf": make_user(Peran.STAF, kecamatan=senduro, seksi=seksi_pemerintahan),
        "kasi": make_user(Peran.KASI, kecamatan=senduro, seksi=seksi_pemerintahan),
        "pimpinan": make_user(Peran.PIMPINAN, kecamatan=senduro),
        "pimpinan_lumajang": make_user(Peran.PIMPINAN, kecamatan=lumajang),
        "admin": make_user(Peran.ADMIN_KABUPATEN, kabupaten=senduro.kabupaten),
    }


def _kegiatan(orang, seksi):
    uraian = UraianAktivitas.objects.get(jenis__kategori="fasilitasi", jenis__nomor=1, nomor=1)
    return kecamatan_services.kegiatan_create(
        user=orang["staf"], uraian=uraian, tanggal=TANGGAL, status="dilaksanakan", seksi=seksi, hari_ini=HARI_INI
    )


def _senduro():
    return Kecamatan.objects.filter(kode="35.08.12")


def test_a_hit_costs_no_computation_and_one_query(senduro, lumajang, hari_ini, muat, django_assert_num_queries):
    pertama = iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI)
    assert len(muat) == 1
    with django_assert_num_queries(1):  # the data versions of the set, nothing else
        kedua = iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI)
    assert len(muat) == 1
    assert [h.iku2.denominator for h in kedua] == [h.iku2.denominator for h in pertama]
    # Another as-of date, period or basis is another result.
    iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI - datetime.timedelta(days=1))
    iku_compute(kecamatan_qs=_senduro(), periode=tahunan(2025), as_of=HARI_INI)
    lain = next(b for b in Basis.values if b != iku2_basis())
    iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI, basis=lain)
    assert len(muat) == 4


def test_a_write_is_computed_at_once_and_another_kecamatans_write_evicts_nothing(
    orang, senduro, lumajang, seksi_pemerintahan, hari_ini, muat
):
    def iku1():
        (h,) = iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI)
        return h.iku1.denominator

    assert iku1() == 0
    indikator_services.target_iku_set(
        user=orang["pimpinan_lumajang"], kecamatan=lumajang, tahun=2026, target={"iku1": Decimal("90")}
    )
    assert iku1() == 0 and len(muat) == 1  # Lumajang's write left Senduro's entry in place
    _kegiatan(orang, seksi_pemerintahan)
    assert iku1() == 1 and len(muat) == 2


def test_the_national_roll_up_reuses_the_kabupaten_entries(orang, senduro, lumajang, hari_ini, muat):
    lain = factories.KecamatanFactory(
        kode="35.09.01", nama="Kencong", kabupaten__kode="35.09", kabupaten__nama="Jember"
    )
    factories.DesaFactory(kode="35.09.01.2001", nama="Desa Jember", kecamatan=lain)
    semua = iku_compute(kecamatan_qs=Kecamatan.objects.all(), periode=PERIODE, as_of=HARI_INI)
    assert [h.kecamatan.kode for h in semua] == ["35.08.10", "35.08.12", "35.09.01"]
    assert muat == [sorted([senduro.pk, lumajang.pk, lain.pk])]
    # Each kabupaten is its own entry: the kabupaten dashboard of either one is already computed.
    iku_compute(kecamatan_qs=Kecamatan.objects.filter(kabupaten__kode="35.08"), periode=PERIODE, as_of=HARI_INI)
    assert len(muat) == 1
    indikator_services.target_iku_set(
        user=orang["pimpinan"], kecamatan=senduro, tahun=2026, target={"iku1": Decimal("90")}
    )
    lagi = iku_compute(kecamatan_qs=Kecamatan.objects.all(), periode=PERIODE, as_of=HARI_INI)
    # Only Lumajang's kabupaten was computed again; Jember came from the cache.
    assert muat[1:] == [sorted([senduro.pk, lumajang.pk])]
    assert [h.kecamatan.kode for h in lagi] == ["35.08.10", "35.08.12", "35.09.01"]
    assert next(h for h in lagi if h.kecamatan.id == senduro.pk).iku1.target == Decimal("90")


# --- The dashboards show each kind of write at once ---------------------------------------------------------


def _tulis_kegiatan(orang, seksi, senduro):
    _kegiatan(orang, seksi)


def _tulis_output(orang, seksi, senduro):
    k = _kegiatan(orang, seksi)
    kecamatan_services.kegiatan_output_record(
        user=orang["kasi"], kegiatan=k, versi=k.versi, output="BA", tanggal_output=TANGGAL, hari_ini=HARI_INI
    )
    kecamatan_services.bukti_create(
        user=orang["kasi"], kegiatan=k, jenis=JenisBukti.objects.get(kode="berita_acara"), nomor="1", tanggal=TANGGAL
    )


def _tulis_dokumen(orang, seksi, senduro):
    desa_services.dokumen_desa_create(
        user=orang["kasi"],
        desa=Desa.objects.get(kode="35.08.12.2001"),
        jenis="lppdes",
        tahun_anggaran=2025,
        tanggal=datetime.date(2026, 3, 20),
        hari_ini=HARI_INI,
    )


def _tulis_target(orang, seksi, senduro):
    indikator_services.target_iku_set(
        user=orang["pimpinan"], kecamatan=senduro, tahun=2026, target={"iku1": Decimal("75")}
    )


def _tulis_skm(orang, seksi, senduro):
    layanan = JenisLayanan.objects.create(kecamatan=senduro, nama="Surat keterangan")
    skm_services.responden_create(
        kecamatan=senduro,
        jenis_layanan=layanan,
        tanggal=datetime.date(2026, 3, 2),
        usia=35,
        jenis_kelamin="L",
        pendidikan="sma",
        pekerjaan="swasta",
        nilai=(4,) * 9,
        hari_ini=HARI_INI,
    )


TULIS = {
    # write → what the kecamatan dashboard's context shows of it
    "kegiatan": (_tulis_kegiatan, lambda c: c["hasil"].iku1.denominator),
    "output_dan_bukti": (_tulis_output, lambda c: c["hasil"].iku1.numerator),
    "dokumen_desa": (_tulis_dokumen, lambda c: c["hasil"].iku2.numerator),
    "target": (_tulis_target, lambda c: c["hasil"].iku1.target),
    "skm": (_tulis_skm, lambda c: c["tujuan"].responden),
}


@pytest.mark.parametrize("jenis", TULIS)
def test_the_kecamatan_dashboard_shows_each_write_at_once(
    jenis, orang, senduro, lumajang, seksi_pemerintahan, hari_ini, client_for, muat
):
    tulis, angka = TULIS[jenis]
    client = client_for(orang["staf"])
    pertama = client.get("/")
    sebelum = angka(pertama.context)  # computed: the context carries the figures
    n = len(muat)
    assert n >= 1
    kedua = client.get("/")
    # Served from the cache as rendered: no load of the facts, and the fragment was not rendered again.
    assert len(muat) == n and not _dirender(kedua)
    assert _isi(kedua) == _isi(pertama)
    tulis(orang, seksi_pemerintahan, senduro)
    ketiga = client.get("/")
    assert angka(ketiga.context) != sebelum
    assert _isi(ketiga) != _isi(pertama)


def _dirender(response) -> bool:
    """Whether the dashboard's figures were computed and rendered for this response (a cache miss)."""
    return "hasil" in response.context


def _isi(response) -> str:
    return response.content.decode().split('<div id="isi-dasbor">', 1)[1]


def _total_iku1(response) -> str:
    return re.search(r'data-testid="total-semua">IKU 1 ([^;]*);', response.content.decode()).group(1)


def test_the_kabupaten_dashboard_shows_a_write_at_once(
    orang, senduro, lumajang, seksi_pemerintahan, hari_ini, client_for, muat
):
    client = client_for(orang["admin"])
    sebelum = _total_iku1(client.get("/dasbor/kabupaten/"))
    assert "dari 0" in sebelum and len(muat) == 1
    assert _total_iku1(client.get("/dasbor/kabupaten/")) == sebelum and len(muat) == 1  # the rendered table, cached
    _kegiatan(orang, seksi_pemerintahan)
    assert "dari 1" in _total_iku1(client.get("/dasbor/kabupaten/"))


# --- Redis --------------------------------------------------------------------------------------------------


def test_the_redis_backend_keeps_the_entries(settings, senduro, lumajang, hari_ini, muat):
    import redis

    awalan = f"uji-tembolok-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": awalan,
        }
    }
    klien = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        assert "RedisCache" in type(caches["default"]).__name__
        pertama = iku_compute(kecamatan_qs=Kecamatan.objects.all(), periode=PERIODE, as_of=HARI_INI)
        kedua = iku_compute(kecamatan_qs=Kecamatan.objects.all(), periode=PERIODE, as_of=HARI_INI)
        assert len(muat) == 1
        assert [h.kecamatan.kode for h in kedua] == [h.kecamatan.kode for h in pertama]
        assert list(klien.scan_iter(f"{awalan}:*"))  # really stored in Redis
    finally:
        # Only this test's keys: the server is shared with the job queue and other test runs.
        for k in klien.scan_iter(f"{awalan}:*"):
            klien.delete(k)
        klien.close()


def test_a_bukti_scan_is_a_write_too(orang, senduro, lumajang, seksi_pemerintahan, hari_ini, muat):
    k = _kegiatan(orang, seksi_pemerintahan)
    bukti = kecamatan_services.bukti_create(
        user=orang["kasi"], kegiatan=k, jenis=JenisBukti.objects.get(kode="berita_acara"), nomor="1", tanggal=TANGGAL
    )
    iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI)
    n = len(muat)
    kecamatan_services.bukti_remove(user=orang["kasi"], bukti=bukti)
    iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI)
    assert len(muat) == n + 1


# --- What the keys are made of ------------------------------------------------------------------------------


def _entri_html(nama: str) -> list[str]:
    return [k for k in caches["default"]._cache if f":{nama}:" in k]


@pytest.mark.parametrize(
    ("peran", "url", "nama"),
    [
        ("admin", "/dasbor/kabupaten/", "dasbor-kabupaten-html"),
        ("staf", "/", "dasbor-kecamatan-html"),
    ],
)
def test_an_unknown_parameter_makes_no_new_entry(peran, url, nama, orang, hari_ini, client_for, muat):
    client = client_for(orang[peran])
    pertama = client.get(f"{url}?tahun=2026&x=1")
    assert _dirender(pertama) and len(_entri_html(nama)) == 1
    for i in range(2, 6):
        assert not _dirender(client.get(f"{url}?x={i}&tahun=2026"))  # a hit
    assert len(_entri_html(nama)) == 1
    # What the fragment does depend on still makes its own entry.
    assert _dirender(client.get(f"{url}?tahun=2025"))
    assert len(_entri_html(nama)) == 2


def test_the_sort_links_keep_the_period_and_drop_unknown_parameters(orang, hari_ini, client_for):
    halaman = client_for(orang["admin"]).get("/dasbor/kabupaten/?tahun=2026&x=1&urut=iku1").content.decode()
    assert 'href="?tahun=2026&amp;urut=nama"' in halaman
    assert 'href="?tahun=2026&amp;urut=-iku1"' in halaman  # a second click reverses the order
    assert 'href="?tahun=2026&amp;urut=iku2"' in halaman
    assert "x=1" not in halaman


def _form_periode(response) -> str:
    return re.search(r'<form method="get".*?</form>', response.content.decode(), re.S).group(0)


@pytest.mark.parametrize("urut", ["nama", "-iku1", "tidak-ada"])
def test_a_warm_kabupaten_page_keeps_the_order_in_the_period_form(urut, orang, hari_ini, client_for):
    client = client_for(orang["admin"])
    dingin = client.get(f"/dasbor/kabupaten/?tahun=2026&urut={urut}")
    hangat = client.get(f"/dasbor/kabupaten/?tahun=2026&urut={urut}")
    assert _dirender(dingin) and not _dirender(hangat)
    assert _form_periode(hangat) == _form_periode(dingin)
    sah = urut if urut != "tidak-ada" else "kode"
    assert f'<input type="hidden" name="urut" value="{sah}">' in _form_periode(hangat)


@pytest.fixture
def awalan_baru():
    """The prefix is computed once per process: clear it around a test that changes what it reads."""
    tembolok.awalan.cache_clear()
    yield
    tembolok.awalan.cache_clear()


def test_the_prefix_follows_the_code_the_entries_depend_on(awalan_baru, monkeypatch, tmp_path):
    berkas = tmp_path / "calculations.py"
    berkas.write_text("TARGET = 1\n")
    monkeypatch.setattr(tembolok, "_KODE_TEMBOLOK", [str(berkas)])
    lama = tembolok.kunci("iku-kabupaten", versi="1.2.3.4", argumen=(PERIODE,))
    berkas.write_text("TARGET = 2\n")  # a deploy: the running process keeps its prefix...
    assert tembolok.kunci("iku-kabupaten", versi="1.2.3.4", argumen=(PERIODE,)) == lama
    tembolok.awalan.cache_clear()  # ...a new process reads the new code
    assert tembolok.kunci("iku-kabupaten", versi="1.2.3.4", argumen=(PERIODE,)) != lama


def _modul_indikator_yang_diimpor(dari: list[str]) -> set[str]:
    """The indikator modules these files import, and the ones those import, as paths."""
    import ast

    dasar, hasil, antre = Path(settings.BASE_DIR), set(), list(dari)
    while antre:
        berkas = antre.pop()
        if berkas in hasil:
            continue
        hasil.add(berkas)
        for simpul in ast.walk(ast.parse((dasar / berkas).read_text())):
            if not isinstance(simpul, ast.ImportFrom) or not simpul.module:
                continue
            # ``from indikator.fetch import x`` and ``from indikator import agregat``
            for modul in [simpul.module, *(f"{simpul.module}.{a.name}" for a in simpul.names)]:
                jalur = modul.replace(".", "/") + ".py"
                if modul.startswith("indikator.") and (dasar / jalur).exists():
                    antre.append(jalur)
    return hasil


def test_the_prefix_reads_the_computation_the_templates_and_the_pickled_classes():
    for bagian in ["indikator/calculations.py", "indikator/iku.py", "templates/indikator", "indikator/templatetags"]:
        assert bagian in tembolok._KODE_TEMBOLOK
    for bagian in tembolok._KODE_TEMBOLOK:
        assert (Path(settings.BASE_DIR) / bagian).exists(), bagian


def test_every_module_of_the_computation_is_in_both_fingerprints():
    """A deploy that changes any module the figures come from (the statement in agregat.py, say) must
    change the cache's prefix and the stored renderings' key, or old figures are served for a day."""
    from indikator.laporan import tugas

    for modul in _modul_indikator_yang_diimpor(["indikator/iku.py"]):
        assert modul in tembolok._KODE_TEMBOLOK, modul
        assert modul in tugas._KODE_TAMPILAN, modul


class _KelasLama:
    """Stands for a class a deploy renamed: its pickles in the cache can no longer be read back."""


def _rusakkan_semua(monkeypatch):
    cache = caches["default"]
    for k in list(cache._cache):
        cache._cache[k] = pickle.dumps(_KelasLama(), pickle.HIGHEST_PROTOCOL)
    monkeypatch.delattr(sys.modules[__name__], "_KelasLama")


def test_an_entry_that_no_longer_unpickles_is_a_miss(monkeypatch, orang, senduro, hari_ini, client_for, muat):
    pertama = iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI)
    client = client_for(orang["admin"])
    assert client.get("/dasbor/kabupaten/").status_code == 200
    n = len(muat)
    _rusakkan_semua(monkeypatch)
    with pytest.raises(AttributeError):  # what cache.get itself would raise
        caches["default"].get(next(iter(caches["default"]._cache)).split(":", 2)[2])
    kedua = iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI)
    assert len(muat) == n + 1
    assert [h.iku1.denominator for h in kedua] == [h.iku1.denominator for h in pertama]
    assert iku_compute(kecamatan_qs=_senduro(), periode=PERIODE, as_of=HARI_INI) and len(muat) == n + 1  # rewritten
    respons = client.get("/dasbor/kabupaten/")
    assert respons.status_code == 200 and _dirender(respons)
