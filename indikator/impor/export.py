"""The data of one kecamatan or a kabupaten in exactly the import format.

A kecamatan can take its data out, and a file exported here imports into an
empty database with the same IKU figures: every kegiatan with its active bukti
(one row per bukti, the kegiatan's facts repeated), and every desa document.
Kecamatan and desa are written by code, which never needs disambiguation.
Removed bukti are left out: they never count, and the import would add them back
as active ones. Scanned files are not part of the workbook.
"""

from django.db.models import Prefetch

from desa.models import DokumenDesa
from indikator.impor.format import NOMOR_KOSONG, PEMISAH_DESA
from indikator.impor.template import workbook_bytes
from kecamatan.models import BuktiPendukung, Kegiatan


def _baris_kegiatan(kecamatan_qs):
    kegiatan = (
        Kegiatan.objects.filter(kecamatan__in=kecamatan_qs)
        .select_related("kecamatan", "uraian__jenis", "seksi")
        .prefetch_related(
            "desa",
            Prefetch(
                "bukti",
                queryset=BuktiPendukung.objects.aktif().select_related("jenis").order_by("tanggal", "pk"),
                to_attr="bukti_aktif",
            ),
        )
        .order_by("kecamatan__kode", "tanggal", "pk")
    )
    for item in kegiatan.iterator(chunk_size=1000):
        # The catalogue numbers as they stand now: the import looks the uraian up by them.
        fakta = [
            item.kecamatan.kode,
            item.tanggal,
            item.uraian.jenis.get_kategori_display(),
            item.uraian.jenis.nomor,
            item.uraian.nomor,
            PEMISAH_DESA.join(d.kode for d in sorted(item.desa.all(), key=lambda d: d.kode)),
            item.seksi.nama if item.seksi else "",
            item.keterangan,
            item.status,
            item.output,
            item.tanggal_output,
        ]
        terlihat = set()
        bukti = []
        for b in item.bukti_aktif:
            # Two active bukti with the same jenis and nomor would be a duplicate row; one is enough.
            kunci = (b.jenis_id, b.nomor.strip().casefold())
            if kunci not in terlihat:
                terlihat.add(kunci)
                bukti.append(b)
        if not bukti:
            yield fakta
        for b in bukti:
            yield [*fakta, b.jenis.nama, b.nomor.strip() or NOMOR_KOSONG, b.tanggal]


def _baris_dokumen(kecamatan_qs):
    dokumen = (
        DokumenDesa.objects.filter(desa__kecamatan__in=kecamatan_qs)
        .select_related("desa")
        .order_by("desa__kode", "jenis", "tahun_anggaran")
    )
    for item in dokumen.iterator(chunk_size=1000):
        yield [item.desa.kode, item.get_jenis_display(), item.tahun_anggaran, item.nomor, item.tanggal]


def workbook_export(*, kecamatan_qs) -> bytes:
    """``kecamatan_qs`` is already scoped to what the caller may read."""
    return workbook_bytes(kegiatan=_baris_kegiatan(kecamatan_qs), dokumen=_baris_dokumen(kecamatan_qs))
