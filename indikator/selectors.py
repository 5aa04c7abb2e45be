"""Reads the dashboards need beside the IKU figures themselves."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, prefetch_related_objects
from django.utils import timezone

from desa.models import DokumenDesa
from desa.selectors import tenggat_dokumen
from indikator.tembolok import tersimpan
from kecamatan.models import Kegiatan
from wilayah.models import Kecamatan

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


def penggunaan_kecamatan_tersimpan(*, kecamatan_qs) -> dict[int, PenggunaanKecamatan]:
    """``penggunaan_kecamatan`` of the set, from the cache while none of its kecamatan was written.

    Its two grouped queries read every kegiatan and desa document of the set: the costliest reads of
    the kabupaten dashboard once the IKU come from the cache.
    """
    return tersimpan(
        "penggunaan",
        kecamatan_qs=kecamatan_qs,
        argumen=(),
        hitung=lambda: penggunaan_kecamatan(kecamatan_ids=list(kecamatan_qs.values_list("pk", flat=True))),
    )


@dataclass
class RincianDasborKecamatan:
    """What the kecamatan dashboard shows beside the IKU: read together, cached together."""

    perlu_tindak_lanjut: list  # the first ten kegiatan still to be followed up (seksi loaded)
    jumlah_perlu_tindak_lanjut: int
    dokumen_iku: object  # DokumenIKU in force at the period's end (its rows prefetched) or None
    nilai_tujuan: object  # NilaiIndikatorTujuan of the year or None
    per_seksi: list
    tenggat: object  # desa.selectors.DaftarTenggat
    tujuan: object  # indikator.tujuan.Tujuan


def rincian_dasbor_kecamatan(*, kecamatan, periode, as_of: datetime.date, iku1) -> RincianDasborKecamatan:
    """The kecamatan dashboard's other reads, from the cache while the kecamatan was not written.

    Everything here is computed from the kecamatan's own data (kegiatan, bukti, seksi, desa documents,
    IKU document, SKM answers), all of which bump its data version when written.
    """
    from indikator.iku import iku1_per_seksi
    from indikator.models import DokumenIKU, NilaiIndikatorTujuan
    from indikator.tujuan import tujuan_compute

    def hitung() -> RincianDasborKecamatan:
        perlu = (
            Kegiatan.objects.filter(kecamatan=kecamatan, tanggal__gte=periode.mulai, tanggal__lte=periode.selesai)
            .perlu_tindak_lanjut(as_of)
            .select_related("seksi")
            .order_by("tanggal", "pk")
        )
        dokumen_iku = DokumenIKU.objects.in_force_on(kecamatan, periode.selesai)
        if dokumen_iku is not None:
            # Prefetched now, so the cached document carries its rows (the page names the indicators).
            prefetch_related_objects([dokumen_iku], "baris")
        return RincianDasborKecamatan(
            perlu_tindak_lanjut=list(perlu[:10]),
            jumlah_perlu_tindak_lanjut=perlu.count(),
            dokumen_iku=dokumen_iku,
            nilai_tujuan=NilaiIndikatorTujuan.objects.filter(kecamatan=kecamatan, tahun=periode.tahun).first(),
            per_seksi=iku1_per_seksi(kecamatan=kecamatan, iku1=iku1),
            tenggat=tenggat_dokumen(kecamatan=kecamatan, as_of=as_of, hari=60),
            tujuan=tujuan_compute(kecamatan=kecamatan, periode=periode, dokumen=dokumen_iku, as_of=as_of),
        )

    return tersimpan(
        "dasbor-kecamatan",
        kecamatan_qs=Kecamatan.objects.filter(pk=kecamatan.pk),
        argumen=(kecamatan.pk, periode, as_of),
        hitung=hitung,
    )
