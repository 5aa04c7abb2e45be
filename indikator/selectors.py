"""Reads the dashboards need beside the IKU figures themselves."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.utils import timezone

from desa.models import DokumenDesa
from kecamatan.models import Kegiatan

# Shown on the kabupaten dashboard: the definition the "in use" total relies on.
DEFINISI_DIPAKAI = (
    "Kecamatan dianggap sudah memakai aplikasi bila sedikitnya satu kegiatan sudah dicatat "
    "atau satu dokumen desa sudah diisi (kapan pun, apa pun statusnya)."
)


@dataclass(frozen=True)
class PenggunaanKecamatan:
    """Whether and since when a kecamatan enters data: the context a bare 0% lacks."""

    kegiatan_pertama: datetime.date | None  # the date of its earliest kegiatan
    terakhir_diisi: datetime.date | None  # the last day a kegiatan or desa document was saved
    jumlah_kegiatan: int
    jumlah_dokumen: int

    @property
    def dipakai(self) -> bool:
        return self.jumlah_kegiatan > 0 or self.jumlah_dokumen > 0


BELUM_DIPAKAI = PenggunaanKecamatan(None, None, 0, 0)


def _tanggal(nilai: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(nilai).date() if nilai is not None else None


def penggunaan_kecamatan(*, kecamatan_ids) -> dict[int, PenggunaanKecamatan]:
    """Per kecamatan id, in two grouped queries whatever the number of kecamatan (never one per row)."""
    kecamatan_ids = list(kecamatan_ids)
    kegiatan = {
        row["kecamatan_id"]: row
        for row in Kegiatan.objects.filter(kecamatan_id__in=kecamatan_ids)
        .order_by()
        .values("kecamatan_id")
        .annotate(pertama=Min("tanggal"), terakhir=Max("diubah_pada"), jumlah=Count("id"))
    }
    dokumen = {
        row["desa__kecamatan_id"]: row
        for row in DokumenDesa.objects.filter(desa__kecamatan_id__in=kecamatan_ids)
        .order_by()
        .values("desa__kecamatan_id")
        .annotate(terakhir=Max("diubah_pada"), jumlah=Count("id"))
    }
    hasil = {}
    for pk in kecamatan_ids:
        k, d = kegiatan.get(pk), dokumen.get(pk)
        terakhir = [t for t in ((k or {}).get("terakhir"), (d or {}).get("terakhir")) if t is not None]
        hasil[pk] = PenggunaanKecamatan(
            kegiatan_pertama=k["pertama"] if k else None,
            terakhir_diisi=_tanggal(max(terakhir)) if terakhir else None,
            jumlah_kegiatan=k["jumlah"] if k else 0,
            jumlah_dokumen=d["jumlah"] if d else 0,
        )
    return hasil
