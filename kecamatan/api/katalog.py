"""The fasilitasi catalogue through the JSON API: the same search as the Katalog page (``katalog_search``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from iku_project.api.base import ApiView
from kecamatan.models import JenisBukti
from kecamatan.selectors import katalog_search


class UraianSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Dipakai sebagai `uraian` saat mencatat kegiatan.")
    nomor = serializers.IntegerField()
    teks = serializers.CharField()
    output = serializers.CharField()
    output_lengkap = serializers.CharField(help_text="Output beserta rinciannya, seperti disalin ke kegiatan.")


class JenisSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nomor = serializers.IntegerField()
    nama = serializers.CharField()
    uraian = UraianSerializer(many=True, source="uraian_cocok")


class KategoriSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    jenis = JenisSerializer(many=True)


class JenisBuktiSerializer(serializers.ModelSerializer):
    class Meta:
        model = JenisBukti
        fields = ["kode", "nama"]


class Katalog(ApiView):
    @extend_schema(
        tags=["katalog"],
        summary="Katalog fasilitasi yang aktif",
        description="Per kategori, jenis dan uraian aktivitas; `q` menyaring seperti kotak cari halaman Katalog.",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Kata yang dicari.")],
        responses=KategoriSerializer(many=True),
    )
    def get(self, request):
        hasil = katalog_search(q=(request.query_params.get("q") or "").strip())
        return Response(KategoriSerializer(hasil, many=True).data)


class JenisBuktiList(ApiView):
    @extend_schema(
        tags=["katalog"], summary="Jenis bukti pendukung yang aktif", responses=JenisBuktiSerializer(many=True)
    )
    def get(self, request):
        return Response(JenisBuktiSerializer(JenisBukti.objects.aktif(), many=True).data)
