"""Signals of the wilayah app, for the apps above it that hang their own work on a region import."""

from django.dispatch import Signal

# Sent by ``manage.py import_wilayah`` after the regions are loaded, with ``hasil``
# (a ``HasilImportWilayah``). wilayah is the bottom layer and may not call the apps above it, so
# they hook in here instead (indikator gives each new kecamatan its IKU document). A receiver
# returns a ``(keterangan, jumlah)`` pair for the command's summary, or ``None``; an exception
# aborts the command, as a failed step should.
wilayah_diimpor = Signal()
