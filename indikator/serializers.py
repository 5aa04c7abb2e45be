"""Results as plain data for JSON: the shape of ``iku_report --format json``."""

from decimal import Decimal

from desa.tenggat import JenisDokumen
from indikator.calculations import HasilKecamatan


def angka(value: Decimal | None) -> str | None:
    """Two decimals with a point, or ``None`` where there is no value (docs/DESIGN.md §2.4)."""
    return None if value is None else f"{value:.2f}"


def hasil_to_dict(hasil: HasilKecamatan) -> dict:
    iku1, iku2 = hasil.iku1, hasil.iku2
    return {
        "kecamatan": {"kode": hasil.kecamatan.kode, "nama": hasil.kecamatan.nama},
        "periode": {
            "mulai": hasil.periode.mulai.isoformat(),
            "selesai": hasil.periode.selesai.isoformat(),
            "label": hasil.periode.label,
        },
        "as_of": hasil.as_of.isoformat(),
        "iku1": {
            "numerator": iku1.numerator,
            "denominator": iku1.denominator,
            "percent": angka(iku1.percent),
            "target": angka(iku1.target),
            "capaian": angka(iku1.capaian),
            "per_kategori": {
                kategori: {"numerator": r.numerator, "denominator": r.denominator, "percent": angka(r.percent)}
                for kategori, r in iku1.per_kategori.items()
            },
            "per_triwulan": [
                {
                    "triwulan": tw.nomor,
                    "mulai": tw.mulai.isoformat(),
                    "selesai": tw.selesai.isoformat(),
                    "numerator": r.numerator,
                    "denominator": r.denominator,
                    "percent": angka(r.percent),
                }
                for tw, r in iku1.per_triwulan
            ],
        },
        "iku2": {
            "numerator": iku2.numerator,
            "denominator": iku2.denominator,
            "percent": angka(iku2.percent),
            "target": angka(iku2.target),
            "capaian": angka(iku2.capaian),
            "basis": iku2.basis,
            "berlaku": iku2.berlaku,
            "jumlah_desa": iku2.jumlah_desa,
            # The figure so far beside the year's (issue 19): on time ÷ already due, and what is not due yet.
            "sejauh_ini": {
                "numerator": iku2.sejauh_ini.numerator,
                "denominator": iku2.sejauh_ini.denominator,
                "percent": angka(iku2.sejauh_ini.percent),
                "belum_jatuh_tempo": iku2.sejauh_ini.belum_jatuh_tempo,
                "alasan": iku2.sejauh_ini.alasan,
            },
            "dokumen": {
                JenisDokumen(r.wajib.jenis).label: {
                    "tahun_anggaran": r.wajib.tahun_anggaran,
                    "tenggat": r.wajib.tenggat.isoformat(),
                    "tepat_waktu": r.tepat_waktu,
                    "terlambat": r.terlambat,
                    "belum_ada": r.belum_ada,
                    "belum_jatuh_tempo": r.belum_jatuh_tempo,
                    "percent": angka(r.percent),
                }
                for r in iku2.dokumen
            },
        },
    }


def capaian_kecamatan_json(*, kecamatan, periode, as_of) -> dict:
    """``iku_report --kecamatan --format json`` and ``/api/v1/capaian/?kecamatan=``: one code, one shape."""
    from indikator.iku import iku_compute
    from indikator.tujuan import tujuan_per_kecamatan
    from wilayah.models import Kecamatan

    kecamatan_qs = Kecamatan.objects.filter(pk=kecamatan.pk)
    data = hasil_to_dict(iku_compute(kecamatan_qs=kecamatan_qs, periode=periode, as_of=as_of)[0])
    tujuan = tujuan_per_kecamatan(kecamatan_ids=[kecamatan.pk], periode=periode, as_of=as_of)
    data["tujuan"] = tujuan[kecamatan.pk].to_dict()
    return data


def capaian_kabupaten_json(*, kabupaten, kecamatan_qs, periode, as_of) -> dict:
    """``iku_report --kabupaten --format json`` and ``/api/v1/capaian/?kabupaten=``, over ``kecamatan_qs``."""
    from indikator.iku import iku_compute
    from indikator.tujuan import tujuan_per_kecamatan

    hasil = iku_compute(kecamatan_qs=kecamatan_qs, periode=periode, as_of=as_of)
    tujuan = tujuan_per_kecamatan(kecamatan_ids=[h.kecamatan.id for h in hasil], periode=periode, as_of=as_of)
    return {
        "kabupaten": {"kode": kabupaten.kode, "nama": kabupaten.nama},
        "hasil": [{**hasil_to_dict(h), "tujuan": tujuan[h.kecamatan.id].to_dict()} for h in hasil],
    }
