"""The job kinds of indikator (found by pekerjaan's autodiscovery, docs/DESIGN.md §3.7)."""

from indikator.laporan import tugas  # noqa: F401 - registers the report renderings
