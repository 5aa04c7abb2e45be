"""Both IKU counted by the database on the cache's miss path, in one statement written by hand.

By hand because the figures of one kecamatan are little work for the database, and building the same
statements through the ORM took five times their running time (5 of 6 ms for one kecamatan), then three
round trips took half again: its cold figure stayed at 3–8× the SQL floor (``bench/lantai.py``). One
statement, the floor's shape: portable SQL (UNION ALL, CASE, correlated subqueries, GROUP BY; one
function name differs), every value a parameter, and only our own table names, placeholders and the
scoped queryset's own compiled SQL put into the text.

Each part of the UNION yields rows of the same eight columns, told apart by the first:

    0 kecamatan  id, jumlah desa, -, -, -, kode, nama
    1 target     kecamatan id, tahun, target in hundredths, -, -, indikator, -
    2 dokumen    kecamatan id, tahun anggaran, on time, dated (≤ as-of), -, jenis, -
    3 kegiatan   kecamatan id, bucket, seksi id, followed up, counted, kategori, -

The rules stay where they are written in Python (``hitung_iku1``, ``status_dokumen``): the randomized
tests (tests/indikator/test_iku1_agregat.py, test_iku2_agregat.py) compare these counts with them.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction

from desa.models import DokumenDesa
from desa.tenggat import DokumenWajib
from indikator.calculations import DokumenAgregat, KecamatanFakta, KegiatanAgregat, _triwulan_di_dalamnya
from indikator.models import TargetIKU
from kecamatan.models import BuktiPendukung, Kegiatan
from kecamatan.periode import Periode
from wilayah.models import Desa, Kecamatan

# Every character ``str.strip()`` removes: an output of whitespace alone is no output
# (``kecamatan.tindak_lanjut.output_tercatat``), and SQL's plain TRIM removes spaces only. Python's
# whitespace ends at U+3000 (IDEOGRAPHIC SPACE): scanning up to it rather than all 1.1 million code
# points spares every process 90 ms at start-up; a test holds it to the full scan.
SPASI_SAMPAI = 0x3000
SPASI = "".join(c for c in map(chr, range(SPASI_SAMPAI + 1)) if c.isspace())

# The members named by their ids when they are few: the statement is planned in two thirds of the time
# of one that names the set by its query (0.4 of 2.5 ms for one kecamatan on PostgreSQL). The four
# parts name them each: 800 parameters stay under the 999 of the oldest SQLite Django supports. More
# than that (a province, the country), the set is named by its query.
BATAS_ID_LITERAL = 200

KECAMATAN, TARGET, DOKUMEN, KEGIATAN = range(4)
KOSONG = "CAST(NULL AS INTEGER)"


@dataclass
class Agregat:
    """What the statement returns, per kecamatan."""

    kecamatan: list[KecamatanFakta] = field(default_factory=list)  # ordered by code
    target: dict[tuple[int, str, int], Decimal] = field(default_factory=dict)  # (kecamatan, indikator, tahun)
    dokumen: dict[int, DokumenAgregat] = field(default_factory=dict)
    kegiatan: list[KegiatanAgregat] = field(default_factory=list)


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _tanggal(d: datetime.date):
    return connection.ops.adapt_datefield_value(d)


def _bagian_kecamatan(himpunan: tuple[str, list]) -> tuple[str, list]:
    sql = f"""
SELECT {KECAMATAN}, k.id, (SELECT COUNT(*) FROM {_t(Desa)} d WHERE d.kecamatan_id = k.id AND d.jenis = %s),
       {KOSONG}, {KOSONG}, {KOSONG}, k.kode, k.nama
FROM {_t(Kecamatan)} k WHERE k.id IN ({himpunan[0]})"""  # noqa: S608
    return sql, [Desa.Jenis.DESA.value, *himpunan[1]]


def _bagian_target(himpunan: tuple[str, list], tahun_list: list[int]) -> tuple[str, list]:
    # In hundredths, as an integer: the same exact value on both backends (SQLite keeps a DecimalField
    # as a REAL).
    sql = f"""
SELECT {TARGET}, t.kecamatan_id, t.tahun, CAST(ROUND(t.target * 100) AS INTEGER), {KOSONG}, {KOSONG}, t.indikator, NULL
FROM {_t(TargetIKU)} t
WHERE t.kecamatan_id IN ({himpunan[0]}) AND t.tahun IN ({", ".join(["%s"] * len(tahun_list))})"""  # noqa: S608
    return sql, [*himpunan[1], *tahun_list]


def _bagian_dokumen(himpunan: tuple[str, list], wajib: list[DokumenWajib], as_of: datetime.date) -> tuple[str, list]:
    """The desa documents of the required (jenis, tahun anggaran) pairs dated on or before the as-of date
    (a later date has not happened yet): how many, and how many on or before the pair's deadline
    (``status_dokumen``'s rule; a desa has at most one document per pair, so documents are desa)."""
    pasangan = " OR ".join(["(dd.jenis = %s AND dd.tahun_anggaran = %s)"] * len(wajib))
    tepat = " OR ".join(["(dd.jenis = %s AND dd.tahun_anggaran = %s AND dd.tanggal <= %s)"] * len(wajib))
    sql = f"""
SELECT {DOKUMEN}, d.kecamatan_id, dd.tahun_anggaran, SUM(CASE WHEN {tepat} THEN 1 ELSE 0 END), COUNT(*), {KOSONG},
       dd.jenis, NULL
FROM {_t(DokumenDesa)} dd JOIN {_t(Desa)} d ON d.id = dd.desa_id
WHERE d.kecamatan_id IN ({himpunan[0]}) AND d.jenis = %s AND dd.tanggal <= %s AND ({pasangan})
GROUP BY d.kecamatan_id, dd.jenis, dd.tahun_anggaran"""  # noqa: S608
    params = [v for w in wajib for v in (w.jenis, w.tahun_anggaran, _tanggal(w.tenggat))]
    params += [*himpunan[1], Desa.Jenis.DESA.value, _tanggal(as_of)]
    params += [v for w in wajib for v in (w.jenis, w.tahun_anggaran)]
    return sql, params


def _bagian_kegiatan(
    himpunan: tuple[str, list],
    periode_list: list[Periode],
    mulai: datetime.date,
    selesai: datetime.date,
    as_of: datetime.date,
) -> tuple[str, list]:
    """Carried-out kegiatan of the periods up to the as-of date, grouped by kecamatan, (period, triwulan),
    seksi and kategori, with how many are followed up (``is_ditindaklanjuti``: an output that is not
    blank, dated on or before the as-of date, and a live bukti). The bucket is period index × 100 + the
    first triwulan whose end is on or after the date (``hitung_iku1`` bisects the same ends); the periods
    must be disjoint."""
    # In order of the periods' start, a date before a period's start (a gap, or a date past the
    # previous period's as-of cut) has no bucket; then the triwulan in order of their end.
    kelompok, kelompok_params = [], []
    for ke, p in sorted(enumerate(periode_list), key=lambda kp: kp[1].mulai):
        kelompok.append("WHEN k.tanggal < %s THEN NULL")
        kelompok_params.append(_tanggal(p.mulai))
        batas = min(p.selesai, as_of)
        for i, tw in enumerate(_triwulan_di_dalamnya(p)):
            kelompok.append("WHEN k.tanggal <= %s THEN %s")
            kelompok_params += [_tanggal(min(tw.selesai, batas)), ke * 100 + i]
    trim = "BTRIM" if connection.vendor == "postgresql" else "TRIM"
    # The bukti probe is a scalar subquery through the (kegiatan_id) index, as ``ada_bukti_aktif``
    # explains; followed up is counted inside the group rather than grouped by (half the groups).
    sql = f"""
SELECT {KEGIATAN}, k.kecamatan_id, CASE {" ".join(kelompok)} ELSE NULL END, k.seksi_id,
       SUM(CASE WHEN k.tanggal_output <= %s AND {trim}(k.output, %s) <> ''
                 AND (SELECT b.id FROM {_t(BuktiPendukung)} b
                      WHERE b.kegiatan_id = k.id AND b.dihapus_pada IS NULL LIMIT 1) IS NOT NULL
                THEN 1 ELSE 0 END),
       COUNT(*), k.kategori, NULL
FROM {_t(Kegiatan)} k
WHERE k.kecamatan_id IN ({himpunan[0]}) AND k.status = %s AND k.tanggal >= %s AND k.tanggal <= %s
GROUP BY 2, 3, 4, 7"""  # noqa: S608
    params = [*kelompok_params, _tanggal(as_of), SPASI, *himpunan[1]]
    params += [Kegiatan.Status.DILAKSANAKAN.value, _tanggal(mulai), _tanggal(selesai)]
    return sql, params


def jalankan(sql: str, params: list, *, tanpa_jit: bool) -> list[tuple]:
    """Run one read statement, with PostgreSQL's JIT off for it when ``tanpa_jit``.

    PostgreSQL compiles a statement whose estimated cost passes ``jit_above_cost`` to machine code first.
    The counts of more than one kecamatan can cross it (the bukti probe is estimated at 8 per kegiatan),
    and the compilation took 0.5 of the 1.0 s of the national statement to save nothing measurable. One
    kecamatan's statement stays far below the threshold and keeps its single round trip. ``SET LOCAL``
    holds for this statement's transaction; inside a caller's transaction it stays off until that ends,
    which changes nothing but speed.
    """
    if tanpa_jit and connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
            return cursor.fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def himpunan(kecamatan_qs, kecamatan_ids: list[int] | None) -> tuple[str, list] | None:
    """The set for ``IN (…)``: its members' ids as literals when known and few, else its own query; None
    when the set is empty."""
    if kecamatan_ids is not None and len(kecamatan_ids) <= BATAS_ID_LITERAL:
        return (", ".join(["%s"] * len(kecamatan_ids)), list(kecamatan_ids)) if kecamatan_ids else None
    try:
        sql, params = kecamatan_qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # ``.none()``, ``pk__in=[]``: the ORM compiles no statement for those
        return None
    return sql, list(params)


def agregat_load(
    kecamatan_qs,
    *,
    kecamatan_ids: list[int] | None = None,
    tahun_list: list[int],
    wajib: list[DokumenWajib] | None,
    periode_list: list[Periode] | None,
    mulai: datetime.date,
    selesai: datetime.date,
    as_of: datetime.date,
) -> Agregat:
    """The kecamatan of the scoped set with their desa and targets of the years and, unless None, IKU 2's
    documents of ``wajib`` and IKU 1's kegiatan of the (disjoint) ``periode_list``, counted.

    ``kecamatan_ids``: the members of ``kecamatan_qs`` (the user's scoped set) as the caller has just
    read them from it (the cache, with their data versions), never ids from elsewhere: the statement
    then names them instead of the set's query."""
    hasil = Agregat()
    anggota = himpunan(kecamatan_qs, kecamatan_ids)
    if anggota is None:
        return hasil
    bagian = [_bagian_kecamatan(anggota), _bagian_target(anggota, tahun_list)]
    if wajib:
        bagian.append(_bagian_dokumen(anggota, wajib, as_of))
    if periode_list:
        bagian.append(_bagian_kegiatan(anggota, periode_list, mulai, selesai, as_of))
    sql = " UNION ALL ".join(s for s, _ in bagian)
    params = [v for _, p in bagian for v in p]
    rows = jalankan(sql, params, tanpa_jit=kecamatan_ids is None or len(kecamatan_ids) > 1)

    jumlah_desa, hitungan = {}, {}
    for bagian_ke, kecamatan_id, a, b, c, d, teks, teks2 in rows:
        if bagian_ke == KEGIATAN:
            # Rows in no bucket (between disjoint periods) are left out here rather than by a WHERE
            # that would evaluate the CASE a second time.
            if a is not None:
                hasil.kegiatan.append(KegiatanAgregat(kecamatan_id, a, teks, b, int(c), int(d)))
        elif bagian_ke == DOKUMEN:
            hitungan.setdefault(kecamatan_id, {})[(teks, a)] = (int(b), int(c) - int(b))
        elif bagian_ke == TARGET:
            if b is not None:
                hasil.target[(kecamatan_id, teks, a)] = Decimal(b).scaleb(-2)
        else:
            hasil.kecamatan.append(KecamatanFakta(kecamatan_id, teks, teks2))
            jumlah_desa[kecamatan_id] = a
    hasil.kecamatan.sort(key=lambda k: k.kode)
    hasil.dokumen = {k: DokumenAgregat(n, hitungan.get(k, {})) for k, n in jumlah_desa.items()}
    return hasil
