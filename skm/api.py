"""SKM results through the JSON API (docs/DESIGN.md §3.6): what ``skm_report`` prints, from the same code."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from iku_project.api.base import ApiView
from kecamatan import akses
from kecamatan.api.periode import PARAMETER_PERIODE, periode_dari_query
from skm.serializers import hasil_skm_dict


class KodeNamaSKM(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()


class PeriodeSKM(serializers.Serializer):
    mulai = serializers.DateField()
    selesai = serializers.DateField()


class UnsurSKM(KodeNamaSKM):
    nrr = serializers.CharField(allow_null=True, help_text="Nilai rata-rata unsur, koma desimal; null tanpa responden.")


class HasilSKMSerializer(serializers.Serializer):
    """The shape of ``skm.serializers.hasil_skm_dict``, for the schema."""

    kecamatan = KodeNamaSKM()
    periode = PeriodeSKM()
    responden = serializers.IntegerField()
    unsur = UnsurSKM(many=True)
    ikm = serializers.CharField(allow_null=True, help_text="Indeks Kepuasan Masyarakat, koma desimal.")
    mutu = serializers.CharField(allow_null=True)
    kinerja = serializers.CharField(allow_null=True)


class HasilSKM(ApiView):
    @extend_schema(
        tags=["skm"],
        summary="Hasil Survei Kepuasan Masyarakat",
        description="NRR per unsur, IKM dan mutu pelayanan satu kecamatan untuk satu periode (PermenPANRB "
        "14/2017); angka ditulis dengan koma desimal seperti di halaman. Sama dengan `manage.py skm_report`.",
        parameters=[
            OpenApiParameter("kecamatan", OpenApiTypes.STR, description="Kode kecamatan; wajib untuk peran kabupaten."),
            *PARAMETER_PERIODE,
        ],
        responses={200: HasilSKMSerializer},
    )
    def get(self, request):
        kecamatan = akses.access_kecamatan_by_kode(request.user, request.query_params.get("kecamatan") or None)
        if kecamatan is None:
            raise ValidationError({"kecamatan": ["Sebutkan kode kecamatan."]})
        periode = periode_dari_query(request.query_params, satu_tahun=False)
        return Response(hasil_skm_dict(kecamatan=kecamatan, periode=periode))
