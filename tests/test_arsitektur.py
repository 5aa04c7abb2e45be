"""The apps depend one way: wilayah ← kecamatan ← desa ← indikator, and skm between kecamatan and indikator.

An app may import, and point a foreign key at, only the apps listed for it in ``BOLEH``: never one
above it, so no cycle can come back (issue 18: kecamatan ↔ desa through ``Kegiatan.desa``). The
project package ``iku_project`` (settings, URLconf, shared middleware) wires the apps together and is
not a layer here.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent

BOLEH = {
    "wilayah": set(),
    # The job engine (docs/DESIGN.md §3.7) knows only the kecamatan a job is about; the apps above register
    # their job kinds with it.
    "pekerjaan": {"wilayah"},
    "kecamatan": {"wilayah", "pekerjaan"},
    "desa": {"wilayah", "kecamatan", "pekerjaan"},
    # The indicator pages and reports read the survey results: skm sits below indikator.
    "skm": {"wilayah", "kecamatan", "pekerjaan"},
    # Notifications speak about desa documents; the pimpinan's digest (with the IKU) is built in indikator.
    "notifikasi": {"wilayah", "kecamatan", "desa", "pekerjaan"},
    "indikator": {"wilayah", "kecamatan", "desa", "skm", "notifikasi", "pekerjaan"},
}

# The wilayah names, to be imported from wilayah itself: a re-export elsewhere would hide an arrow.
NAMA_WILAYAH = {
    "Provinsi",
    "Kabupaten",
    "Kecamatan",
    "KecamatanQuerySet",
    "Desa",
    "DesaQuerySet",
    "jenis_dari_kode",
    "wilayah_import",
    "HasilImportWilayah",
    "rows_under",
    "KodeWilayahTidakDikenal",
    "lettered_fungsi",
}


def _imported_modules(source: str):
    """(line, module) of every absolute import, including those inside functions."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def back_arrows(app: str, source: str) -> list[str]:
    """The imports in ``source`` (a module of ``app``) that reach an app it may not use."""
    found = []
    for line, module in _imported_modules(source):
        target = module.split(".")[0]
        if target in BOLEH and target != app and target not in BOLEH[app]:
            found.append(f"line {line}: {module}")
    return found


def _modules(app: str):
    return sorted((ROOT / app).rglob("*.py"))


def test_the_layers_allow_no_cycle():
    graph = {app: set(deps) for app, deps in BOLEH.items()}
    while graph:
        bottom = [app for app, deps in graph.items() if not deps & graph.keys()]
        assert bottom, f"BOLEH has a cycle among {sorted(graph)}"
        for app in bottom:
            del graph[app]


def test_the_checker_sees_a_back_arrow_also_inside_a_function():
    assert back_arrows("kecamatan", "from desa.models import DokumenDesa\n") == ["line 1: desa.models"]
    inside = "def f():\n    import indikator.services\n"
    assert back_arrows("desa", inside) == ["line 2: indikator.services"]
    assert back_arrows("wilayah", "from kecamatan.models import Peran\n")
    assert back_arrows("skm", "from indikator.tujuan import Tujuan\n")
    assert back_arrows("indikator", "from skm.selectors import x\nfrom wilayah.models import Desa\n") == []


@pytest.mark.parametrize("app", sorted(BOLEH))
def test_no_module_imports_an_app_above_its_own(app):
    found = {
        str(path.relative_to(ROOT)): arrows
        for path in _modules(app)
        if (arrows := back_arrows(app, path.read_text(encoding="utf-8")))
    }
    assert not found, f"{app} may import only {sorted(BOLEH[app]) or 'no other app'}; found {found}"


@pytest.mark.parametrize("app", sorted(BOLEH))
def test_no_model_points_at_an_app_above_its_own(app):
    """String references ("desa.Desa") escape the import check; the loaded relations do not."""
    found = []
    for model in apps.get_app_config(app).get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = field.related_model._meta.app_label
            if target in BOLEH and target != app and target not in BOLEH[app]:
                found.append(f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}")
    assert not found


def test_wilayah_names_are_imported_from_wilayah_only():
    found = []
    for folder in [*BOLEH, "iku_project", "tests", "bench"]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = {alias.name for alias in node.names} & NAMA_WILAYAH
                    if names and node.module.split(".")[0] != "wilayah":
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module} {sorted(names)}")
    assert not found
