"""The job kinds of indikator (found by pekerjaan's autodiscovery, docs/DESIGN.md §3.7)."""

from indikator.impor import tugas as _impor  # noqa: F401 - the workbook import and export
from indikator.laporan import tugas, tugas_sahkan, tugas_skm  # noqa: F401 - renderings, approval, SKM report
