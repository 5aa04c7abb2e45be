"""The access rules live in one place (issue 18.2): ``kecamatan/akses.py`` and the apps' ``akses.py``.

Role groups are defined there (or beside ``Peran``, whose membership constraint uses them); views and
templates ask its predicates instead of comparing roles. A new ``peran == "kasi"`` in a template, a
``Peran.PIMPINAN`` test in a view or a fourth ``PERAN_KABUPATEN = (...)`` fails here.

Single objects are fetched only by the access layer (``access_<thing>_by_<key>``, docs/DESIGN.md §3.4):
a ``get_object_or_404`` or a ``.get(pk=…)`` in a view, export, report or admin module fails here.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["kecamatan", "desa", "notifikasi", "indikator", "skm", "pekerjaan", "iku_project"]
AKSES = {ROOT / "kecamatan" / "akses.py", ROOT / "kecamatan" / "models" / "akses.py"}
# The access layer: one module per app, beside its services.
LAPISAN_AKSES = {
    ROOT / app / "akses.py" for app in ("kecamatan", "desa", "notifikasi", "indikator", "skm", "pekerjaan")
}
# A single row fetched by key: Django's shortcut, or ``.get(`` with a lookup (``dict.get`` takes no keywords).
POLA_AMBIL = r"get_object_or_404|\.get\(\s*(\*\*|\w+\s*=)"
# Modules that may fetch a row by key themselves, and why; nothing else may.
BOLEH_AMBIL = {
    # Writes re-read (and lock) a row the caller already got from the access layer and passed in.
    "services.py": "re-reads a row passed in",
    # The demo commands build sample data with no user and no request.
    "demo.py": "builds demo data",
}
# Single lines allowed elsewhere, each with its reason.
BARIS_BOLEH = {
    # simple-history's record of an object already fetched through the scoped queryset; the version's
    # own kecamatan is then checked against the scope (``_versi_dalam_lingkup``).
    ("admin_scope.py", "record = history.get("),
}
NAMA_PERAN = "staf|kasi|pimpinan|admin_kabupaten|pemeriksa"


def _python(apps=APPS):
    for app in apps:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def _views():
    return [p for p in _python() if p.name.startswith("views") or "views" in p.parts]


def _temuan(paths, pola):
    pola = re.compile(pola)
    return [
        f"{path.name}:{n}: {baris.strip()}"
        for path in paths
        for n, baris in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pola.search(baris)
    ]


def test_role_groups_are_defined_only_in_the_access_module():
    # A tuple of roles bound to a name is a rule: it belongs to akses (aliases of its names are fine).
    definisi = _temuan([p for p in _python() if p not in AKSES], r"^\s*PERAN_\w+\s*(:[^=]+)?=\s*[\(\[{]")
    assert definisi == []


def test_views_ask_the_access_module_instead_of_comparing_roles():
    perbandingan = _temuan(_views(), rf"Peran\.[A-Z_]+|\.peran\s*(==|!=|\bin\b)|[\"']({NAMA_PERAN})[\"']")
    assert perbandingan == []


def test_templates_take_flags_instead_of_comparing_roles():
    templates = list((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 20
    perbandingan = _temuan(templates, rf"\.peran\s*(==|!=|\bin\b)|[\"']({NAMA_PERAN})[\"']")
    assert perbandingan == []


def _pengambil_tunggal():
    """Every module of the apps (views, exports, reports, admin, selectors...) outside the access layer."""
    for path in _python([*APPS, "wilayah"]):
        if path not in LAPISAN_AKSES and path.name not in BOLEH_AMBIL:
            yield path


def test_single_objects_are_fetched_only_through_the_access_layer():
    temuan = [
        baris
        for baris in _temuan(_pengambil_tunggal(), POLA_AMBIL)
        if not any(baris.startswith(f"{nama}:") and potongan in baris for nama, potongan in BARIS_BOLEH)
    ]
    assert temuan == []


def test_every_access_module_exists_and_fetches():
    # The exceptions above name real modules; the layer itself holds the one lookup.
    for path in LAPISAN_AKSES:
        assert "def access_" in path.read_text(encoding="utf-8"), path
    assert any(p.name == "services.py" for p in _python()) and any(p.name == "demo.py" for p in _python())


def test_the_grep_finds_what_it_looks_for(tmp_path):
    # The patterns above must be able to fail: run them on a file that breaks each rule.
    contoh = tmp_path / "views.py"
    contoh.write_text(
        'PERAN_KABUPATEN = ("admin_kabupaten", "pemeriksa")\n'
        "if keanggotaan.peran == Peran.KASI: pass\n"
        '{% if keanggotaan.peran == "pimpinan" %}\n',
        encoding="utf-8",
    )
    assert len(_temuan([contoh], r"^\s*PERAN_\w+\s*(:[^=]+)?=\s*[\(\[{]")) == 1
    assert len(_temuan([contoh], rf"\.peran\s*(==|!=|\bin\b)|[\"']({NAMA_PERAN})[\"']")) == 3


def test_the_fetch_grep_finds_the_old_way(tmp_path):
    # What the views did before the access layer (issue 18.2), and what stays allowed.
    contoh = tmp_path / "views.py"
    contoh.write_text(
        "kegiatan = get_object_or_404(Kegiatan.objects.for_user(user), pk=pk)\n"
        "rtl = RencanaTindakLanjut.objects.for_user(user).get(pk=pk)\n"
        "kabupaten = Kabupaten.objects.get(kode=kode)\n"
        "lookup = queryset.get(**lookup)\n"
        'tahun = request.GET.get("tahun")\n'
        "nilai = data.get(kunci, 0)\n",
        encoding="utf-8",
    )
    assert len(_temuan([contoh], POLA_AMBIL)) == 4
