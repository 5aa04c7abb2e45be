"""The period of an API request, read by ``kecamatan.periode`` like the pages and the commands read theirs."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from kecamatan import periode

PARAMETER_PERIODE = [
    OpenApiParameter("tahun", OpenApiTypes.INT, description="Tahun pengukuran, misalnya 2025."),
    OpenApiParameter(
        "bagian", OpenApiTypes.STR, description="tw1–tw4 (triwulan) atau s1, s2 (semester); kosong: setahun."
    ),
    OpenApiParameter("dari", OpenApiTypes.DATE, description="Awal rentang tanggal (dengan `sampai`, tanpa `tahun`)."),
    OpenApiParameter("sampai", OpenApiTypes.DATE, description="Akhir rentang tanggal."),
]


def periode_dari_query(query, *, satu_tahun: bool = True) -> periode.Periode:
    """``tahun`` [+ ``bagian``], or ``dari`` + ``sampai``; a refusal is a 400 naming the parameter."""
    try:
        if query.get("dari") or query.get("sampai"):
            if query.get("tahun") or query.get("bagian"):
                raise ValidationError({"dari": ["Gunakan dari dan sampai bersama, tanpa tahun/bagian."]})
            return periode.rentang_parse(query.get("dari", ""), query.get("sampai", ""), satu_tahun=satu_tahun)
        if not query.get("tahun"):
            raise ValidationError({"tahun": ["Sebutkan tahun, atau dari dan sampai."]})
        return periode.periode_parse(tahun=query.get("tahun"), bagian=query.get("bagian"))
    except periode.PeriodeTidakSah as exc:
        raise ValidationError({"periode": [str(exc)]}) from None
