"""Every `docs/DESIGN.md §n` a comment cites is a section of docs/DESIGN.md, inside this repository."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESIGN = ROOT / "docs" / "DESIGN.md"
SKIP = {".git", ".venv", "node_modules", "seeds", "staticfiles", "media", "var", "__pycache__"}
SUFFIXES = {".py", ".html", ".md", ".js", ".css", ".txt", ".toml", ".cfg"}
CITATION = re.compile(r"((?:docs/)?)DESIGN\.md §(\d+(?:\.\d+)*)(?:[–-](\d+(?:\.\d+)*))?")


def _sections() -> set[str]:
    headings = re.findall(r"^#{2,} (\d+(?:\.\d+)*)\.? ", DESIGN.read_text(encoding="utf-8"), flags=re.M)
    return set(headings)


def _files():
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIP]
        for name in names:
            if Path(name).suffix in SUFFIXES:
                yield Path(folder, name)


def _citations():
    for path in _files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for match in CITATION.finditer(line):
                yield path.relative_to(ROOT), number, match


def test_the_design_document_has_its_numbered_sections():
    assert {"1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3", "5"} <= _sections()


def test_every_cited_section_exists():
    sections = _sections()
    missing = [
        f"{path}:{line}: §{cited}"
        for path, line, match in _citations()
        for cited in filter(None, match.group(2, 3))
        if cited not in sections
    ]
    assert not missing, "citations of sections docs/DESIGN.md does not have:\n" + "\n".join(missing)


def test_citations_outside_docs_point_into_the_repository():
    # docs/*.md sit next to DESIGN.md; everywhere else the path names the file in this repository.
    loose = [f"{path}:{line}" for path, line, match in _citations() if not match.group(1) and path.parts[0] != "docs"]
    assert not loose, "cite docs/DESIGN.md, not DESIGN.md:\n" + "\n".join(loose)


def test_citations_are_found():
    # The scan itself works: the code cites the design in dozens of places.
    assert sum(1 for _ in _citations()) >= 30
