"""The floor: both IKU's numerators and denominators in ONE hand-written SQL statement.

It reads the same rows as ``indikator.fetch`` (carried-out kegiatan of the period up to the
as-of date, semi-joined to their live bukti with EXISTS, which is cheaper than the LEFT JOIN +
GROUP BY count on both backends, the desa of the kecamatan and their documents of the
measurement year's tahun anggaran) and aggregates them in the database with conditional
counts. Portable SQL (CTE, CASE, LEFT JOIN), run unchanged on SQLite and PostgreSQL.
"""

import datetime


def _tabel():
    from desa.models import DokumenDesa
    from kecamatan.models import BuktiPendukung, Kegiatan
    from wilayah.models import Desa

    return {
        "kegiatan": Kegiatan._meta.db_table,
        "bukti": BuktiPendukung._meta.db_table,
        "desa": Desa._meta.db_table,
        "dokumen": DokumenDesa._meta.db_table,
    }


def lantai_sql(n_kecamatan: int, n_wajib: int) -> str:
    t = _tabel()
    ids = ", ".join(["%s"] * n_kecamatan)
    wajib_join = " OR ".join(["(dd.jenis = %s AND dd.tahun_anggaran = %s)"] * n_wajib) or "1 = 0"
    wajib_tepat = " OR ".join(["(dd.jenis = %s AND dd.tanggal <= %s)"] * n_wajib) or "1 = 0"
    # Only placeholders and our own table names are interpolated; every value is a parameter.
    return f"""
WITH kg AS (
    SELECT k.kecamatan_id, k.output, k.tanggal_output,
           CASE WHEN EXISTS (SELECT 1 FROM {t["bukti"]} b WHERE b.kegiatan_id = k.id AND b.dihapus_pada IS NULL)
                THEN 1 ELSE 0 END AS nb
    FROM {t["kegiatan"]} k
    WHERE k.kecamatan_id IN ({ids}) AND k.status = 'dilaksanakan' AND k.tanggal >= %s AND k.tanggal <= %s
),
i1 AS (
    SELECT kecamatan_id,
           SUM(CASE WHEN output <> '' AND tanggal_output IS NOT NULL AND tanggal_output <= %s AND nb > 0
                    THEN 1 ELSE 0 END) AS num,
           COUNT(*) AS den
    FROM kg GROUP BY kecamatan_id
),
i2 AS (
    SELECT d.kecamatan_id,
           COUNT(DISTINCT d.id) AS jumlah_desa,
           SUM(CASE WHEN dd.id IS NOT NULL AND dd.tanggal <= %s AND ({wajib_tepat}) THEN 1 ELSE 0 END) AS num
    FROM {t["desa"]} d
    LEFT JOIN {t["dokumen"]} dd ON dd.desa_id = d.id AND ({wajib_join})
    WHERE d.kecamatan_id IN ({ids}) AND d.jenis = 'desa'
    GROUP BY d.kecamatan_id
)
SELECT i1.kecamatan_id, i1.num, i1.den, i2.jumlah_desa, i2.num
FROM i1 LEFT JOIN i2 ON i2.kecamatan_id = i1.kecamatan_id
UNION ALL
SELECT i2.kecamatan_id, 0, 0, i2.jumlah_desa, i2.num
FROM i2 WHERE i2.kecamatan_id NOT IN (SELECT kecamatan_id FROM i1)
"""  # noqa: S608


def lantai_run(*, kecamatan_ids: list[int], periode, as_of: datetime.date, basis: str) -> dict[int, tuple]:
    """{kecamatan_id: (iku1 num, iku1 den, jumlah desa, iku2 tepat waktu)} in one statement."""
    from desa.tenggat import dokumen_wajib_periode
    from indikator.agregat import jalankan

    wajib = dokumen_wajib_periode(periode.tahun, basis, akhir_periode=periode.selesai)
    sql = lantai_sql(len(kecamatan_ids), len(wajib))
    params = [*kecamatan_ids, periode.mulai, min(periode.selesai, as_of), as_of, as_of]
    for w in wajib:
        params += [w.jenis, w.tenggat]
    for w in wajib:
        params += [w.jenis, w.tahun_anggaran]
    params += kecamatan_ids
    # Under the same JIT rule as the computation (``indikator.agregat.jalankan``): the floor measures the
    # statement, not PostgreSQL's compilation of it.
    rows = jalankan(sql, params, tanpa_jit=len(kecamatan_ids) > 1)
    return {r[0]: (int(r[1] or 0), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0)) for r in rows}


def cocok(lantai: dict[int, tuple], hasil) -> bool:
    """Does the floor give the same numerators and denominators as ``iku_compute``?"""
    for h in hasil:
        num1, den1, desa, num2 = lantai.get(h.kecamatan.id, (0, 0, 0, 0))
        if (num1, den1) != (h.iku1.numerator, h.iku1.denominator):
            return False
        if (desa, num2) != (h.iku2.jumlah_desa, h.iku2.numerator):
            return False
    return True
