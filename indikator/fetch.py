"""Load the facts behind both IKU in a fixed number of queries, whatever the amount of data.

One statement for any number of kecamatan, desa and kegiatan on the cache's miss path (``agregat``,
``indikator.agregat``): the kecamatan with their desa and targets, IKU 1's kegiatan and IKU 2's
documents counted. Row by row (the reference the tests compare with) the same statement loads the
kecamatan and their targets, then three queries the kegiatan (with whether they have a live bukti),
the desa and their documents.
"""

import datetime

from desa.models import DokumenDesa
from desa.tenggat import dokumen_wajib_periode, tahun_anggaran_terkait
from indikator import agregat as agregat_sql
from indikator.calculations import (
    DesaFakta,
    DokumenDesaFakta,
    Fakta,
    KegiatanFakta,
    SelDokumen,
    SumberDaftar,
    SumberSel,
    hitung_iku1,
    hitung_iku2,
)
from kecamatan.models import Kegiatan
from kecamatan.models.kegiatan import ada_bukti_aktif
from kecamatan.periode import Periode
from wilayah.models import Desa


def _kegiatan_dilaksanakan(kecamatan_qs, mulai: datetime.date, selesai: datetime.date):
    return Kegiatan.objects.filter(
        kecamatan__in=kecamatan_qs,
        status=Kegiatan.Status.DILAKSANAKAN,
        tanggal__gte=mulai,
        tanggal__lte=selesai,
    )


def _kegiatan_fakta(kecamatan_qs, mulai: datetime.date, selesai: datetime.date) -> list[KegiatanFakta]:
    return [
        KegiatanFakta(*row)
        for row in _kegiatan_dilaksanakan(kecamatan_qs, mulai, selesai)
        # "At least one live bukti" is all the rule needs: no COUNT over a join, and a probe per
        # kegiatan through the index rather than a pass over the whole bukti table.
        .annotate(jumlah_bukti_aktif=ada_bukti_aktif())
        .values_list(
            "id",
            "kecamatan_id",
            "kategori",
            "tanggal",
            "status",
            "output",
            "tanggal_output",
            "jumlah_bukti_aktif",
            "seksi_id",
        )
    ]


def _saling_lepas(periode_list: list[Periode]) -> bool:
    urut = sorted(set(periode_list), key=lambda p: p.mulai)
    return all(a.selesai < b.mulai for a, b in zip(urut, urut[1:], strict=False))


def daftar_kegiatan_load(sumber: SumberDaftar) -> tuple[list[int], list[int]]:
    """The counted and the followed-up kegiatan of one kecamatan (ids), for what lists them: computed
    from their rows by ``hitung_iku1``, exactly as the figures were counted."""
    p, as_of = sumber.periode, sumber.as_of
    kegiatan = _kegiatan_fakta([sumber.kecamatan_id], p.mulai, min(p.selesai, as_of))
    return hitung_iku1(kegiatan, periode=p, as_of=as_of, target=None).daftar


def _desa_fakta(kecamatan_qs) -> list[DesaFakta]:
    return [
        DesaFakta(*row)
        for row in Desa.objects.filter(kecamatan__in=kecamatan_qs, jenis=Desa.Jenis.DESA).values_list(
            "id", "kecamatan_id", "kode", "nama"
        )
    ]


def _dokumen_fakta(kecamatan_qs, tahun_list, basis: str) -> list[DokumenDesaFakta]:
    return [
        DokumenDesaFakta(*row)
        for row in DokumenDesa.objects.filter(
            desa__kecamatan__in=kecamatan_qs,
            desa__jenis=Desa.Jenis.DESA,
            tahun_anggaran__in=tahun_anggaran_terkait(tahun_list, basis),
        ).values_list("desa_id", "jenis", "tahun_anggaran", "tanggal", "nomor")
    ]


def sel_dokumen_load(sumber: SumberSel) -> dict[tuple[str, int], list[SelDokumen]]:
    """The cells of one kecamatan's IKU 2, (jenis, tahun anggaran) → one per desa, for what lists them:
    computed from the rows by ``hitung_iku2``, exactly as the figures are counted."""
    desa = _desa_fakta([sumber.kecamatan_id])
    dokumen = _dokumen_fakta([sumber.kecamatan_id], [sumber.periode.tahun], sumber.basis)
    iku2 = hitung_iku2(desa, dokumen, periode=sumber.periode, as_of=sumber.as_of, basis=sumber.basis, target=None)
    return {(r.wajib.jenis, r.wajib.tahun_anggaran): r.sel for r in iku2.dokumen}


def fakta_load(
    *,
    kecamatan_qs,
    periode_list: list[Periode],
    as_of: datetime.date,
    basis: str,
    agregat: bool = False,
    kecamatan_ids: list[int] | None = None,
) -> Fakta:
    """``agregat``: both IKU counted by the database (``Fakta.kegiatan_agregat``, ``Fakta.dokumen_agregat``)
    rather than from a row per kegiatan, desa and document; the results then load their lists of kegiatan
    and their cells of documents only when something reads them. ``kecamatan_ids``: the members of the
    set, when the caller has just read them (``agregat.agregat_load``)."""
    mulai = min(p.mulai for p in periode_list)
    selesai = min(max(p.selesai for p in periode_list), as_of)
    tahun_list = sorted({p.tahun for p in periode_list})

    # Overlapping periods (a range longer than a year beside its year before) would share rows
    # between buckets: those are counted row by row.
    kegiatan_agregat = agregat and _saling_lepas(periode_list)
    wajib = {w for p in periode_list for w in dokumen_wajib_periode(p.tahun, basis, akhir_periode=p.selesai)}
    dimuat = agregat_sql.agregat_load(
        kecamatan_qs,
        kecamatan_ids=kecamatan_ids,
        tahun_list=tahun_list,
        wajib=sorted(wajib) if agregat else None,
        periode_list=periode_list if kegiatan_agregat else None,
        mulai=mulai,
        selesai=selesai,
        as_of=as_of,
    )
    kecamatan = dimuat.kecamatan
    fakta = Fakta(
        kecamatan=kecamatan, kegiatan=[], desa=[], dokumen=[], target=dimuat.target, periode_list=list(periode_list)
    )
    if agregat:
        fakta.dokumen_agregat = dimuat.dokumen
    if kegiatan_agregat:
        fakta.kegiatan_agregat = dimuat.kegiatan
    if not kecamatan or (agregat and kegiatan_agregat):
        return fakta
    # The row-by-row loads take the ids as literals when they are few: given a subquery, SQLite scans
    # the date index of every kecamatan instead of the (kecamatan, tanggal) one (17 ms against 2 ms for
    # one kecamatan). Too many for the backends' parameter limits, they take the scoped set itself.
    ids = [k.id for k in kecamatan]
    kecamatan_qs = ids if len(ids) <= agregat_sql.BATAS_ID_LITERAL else kecamatan_qs
    if not agregat:
        fakta.desa = _desa_fakta(kecamatan_qs)
        fakta.dokumen = _dokumen_fakta(kecamatan_qs, tahun_list, basis)
    if not kegiatan_agregat:
        fakta.kegiatan = _kegiatan_fakta(kecamatan_qs, mulai, selesai)
    return fakta
