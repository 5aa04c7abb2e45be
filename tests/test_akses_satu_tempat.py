"""The access rules live in one place (issue 18.2): ``kecamatan/akses.py``.

Role groups are defined there (or beside ``Peran``, whose membership constraint uses them); views and
templates ask its predicates instead of comparing roles. A new ``peran == "kasi"`` in a template, a
``Peran.PIMPINAN`` test in a view or a fourth ``PERAN_KABUPATEN = (...)`` fails here.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["kecamatan", "desa", "indikator", "skm", "iku_project"]
AKSES = {ROOT / "kecamatan" / "akses.py", ROOT / "kecamatan" / "models" / "akses.py"}
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
