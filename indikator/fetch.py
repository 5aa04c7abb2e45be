"""Load the facts behind both IKU in a fixed number of queries, whatever the amount of data.

Five queries for any number of kecamatan, desa and kegiatan: kecamatan,
kegiatan (with whether they have a live bukti), desa, desa documents, targets.
"""

import datetime
import sys

from django.db.models import Case, CharField, Count, F, Func, IntegerField, Q, Sum, Value, When

from desa.models import DokumenDesa
from desa.tenggat import tahun_anggaran_terkait
from indikator.calculations import (
    DesaFakta,
    DokumenDesaFakta,
    Fakta,
    KecamatanFakta,
    KegiatanAgregat,
    KegiatanFakta,
    SumberDaftar,
    hitung_iku1,
)
from indikator.models import TargetIKU
from kecamatan.models import Kegiatan
from kecamatan.models.kegiatan import ada_bukti_aktif
from kecamatan.periode import Periode
from wilayah.models import Desa

BATAS_ID_LITERAL = 500


# Every character ``str.strip()`` removes: an output of whitespace alone is no output
# (``kecamatan.tindak_lanjut.output_tercatat``), and SQL's plain TRIM removes spaces only.
SPASI = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())


class TanpaSpasi(Func):
    """TRIM(text, characters): the same on SQLite and PostgreSQL (BTRIM there)."""

    function = "TRIM"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="BTRIM", **extra_context)


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


def _kegiatan_agregat(
    kecamatan_qs, periode_list: list[Periode], mulai: datetime.date, selesai: datetime.date, as_of: datetime.date
) -> list[KegiatanAgregat]:
    """IKU 1 counted in the database: carried-out kegiatan grouped by kecamatan, (period, triwulan),
    kategori, seksi and whether they are followed up. The bucket is the first triwulan whose end is on or
    after the date (``hitung_iku1`` bisects the same ends), within the period up to the as-of date."""
    from indikator.calculations import _triwulan_di_dalamnya

    # The periods are disjoint: in order of their start, a date before a period's start (a gap, or a
    # date past the previous period's as-of cut) has no bucket; then the triwulan in order of their end.
    kelompok = []
    for ke, p in sorted(enumerate(periode_list), key=lambda kp: kp[1].mulai):
        kelompok.append(When(tanggal__lt=p.mulai, then=None))
        batas = min(p.selesai, as_of)
        for i, tw in enumerate(_triwulan_di_dalamnya(p)):
            kelompok.append(When(tanggal__lte=min(tw.selesai, batas), then=Value(ke * 100 + i)))
    # kecamatan.tindak_lanjut.is_ditindaklanjuti (status is filtered above).
    selesai_q = Q(tanggal_output__lte=as_of) & ~Q(output_isi="") & Q(ada_bukti_aktif())
    rows = (
        _kegiatan_dilaksanakan(kecamatan_qs, mulai, selesai)
        .annotate(
            output_isi=TanpaSpasi(F("output"), Value(SPASI)),
            kelompok=Case(*kelompok, default=None, output_field=IntegerField()),
        )
        .order_by()
        .values_list("kecamatan_id", "kelompok", "kategori", "seksi_id")
        # Followed up counted inside the group rather than grouped by: half the groups, and PostgreSQL
        # does not evaluate the bukti probe a second time for the group key (whose estimated cost
        # crossed jit_above_cost: 17 ms of JIT compilation for a 30 ms query).
        .annotate(
            selesai=Sum(Case(When(selesai_q, then=Value(1)), default=Value(0), output_field=IntegerField())),
            jumlah=Count("id"),
        )
    )
    # Rows in no bucket (between disjoint periods) are left out here rather than by a WHERE that
    # would evaluate the CASE a second time.
    return [KegiatanAgregat(*row) for row in rows if row[1] is not None]


def daftar_kegiatan_load(sumber: SumberDaftar) -> tuple[list[int], list[int]]:
    """The counted and the followed-up kegiatan of one kecamatan (ids), for what lists them: computed
    from their rows by ``hitung_iku1``, exactly as the figures were counted."""
    p, as_of = sumber.periode, sumber.as_of
    kegiatan = _kegiatan_fakta([sumber.kecamatan_id], p.mulai, min(p.selesai, as_of))
    return hitung_iku1(kegiatan, periode=p, as_of=as_of, target=None).daftar


def fakta_load(
    *, kecamatan_qs, periode_list: list[Periode], as_of: datetime.date, basis: str, agregat: bool = False
) -> Fakta:
    """``agregat``: IKU 1 counted by the database (``Fakta.kegiatan_agregat``) rather than a row per
    kegiatan; the results then load their lists of kegiatan only when something reads them."""
    mulai = min(p.mulai for p in periode_list)
    selesai = min(max(p.selesai for p in periode_list), as_of)
    tahun_list = sorted({p.tahun for p in periode_list})

    kecamatan = [KecamatanFakta(*row) for row in kecamatan_qs.order_by("kode").values_list("id", "kode", "nama")]
    # The ids as literals when they are few: given a subquery, SQLite scans the date index of every
    # kecamatan instead of the (kecamatan, tanggal) one (17 ms against 2 ms for one kecamatan).
    # A national roll-up keeps the subquery: it would exceed the backends' parameter limits.
    if len(kecamatan) <= BATAS_ID_LITERAL:
        kecamatan_qs = [k.id for k in kecamatan]
    # Overlapping periods (a range longer than a year beside its year before) would share rows
    # between buckets: those are counted row by row.
    agregat = agregat and _saling_lepas(periode_list)
    kegiatan, kegiatan_agregat = [], None
    if agregat:
        kegiatan_agregat = _kegiatan_agregat(kecamatan_qs, periode_list, mulai, selesai, as_of)
    else:
        kegiatan = _kegiatan_fakta(kecamatan_qs, mulai, selesai)
    desa = [
        DesaFakta(*row)
        for row in Desa.objects.filter(kecamatan__in=kecamatan_qs, jenis=Desa.Jenis.DESA).values_list(
            "id", "kecamatan_id", "kode", "nama"
        )
    ]
    dokumen = [
        DokumenDesaFakta(*row)
        for row in DokumenDesa.objects.filter(
            desa__kecamatan__in=kecamatan_qs,
            desa__jenis=Desa.Jenis.DESA,
            tahun_anggaran__in=tahun_anggaran_terkait(tahun_list, basis),
        ).values_list("desa_id", "jenis", "tahun_anggaran", "tanggal", "nomor")
    ]
    target = {
        (kecamatan_id, indikator, tahun): nilai
        for kecamatan_id, indikator, tahun, nilai in TargetIKU.objects.filter(
            kecamatan__in=kecamatan_qs, tahun__in=tahun_list
        ).values_list("kecamatan_id", "indikator", "tahun", "target")
    }
    return Fakta(
        kecamatan=kecamatan,
        kegiatan=kegiatan,
        desa=desa,
        dokumen=dokumen,
        target=target,
        kegiatan_agregat=kegiatan_agregat,
        periode_list=list(periode_list),
    )
