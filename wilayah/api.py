"""The regions through the JSON API (docs/DESIGN.md §3.6): kabupaten, kecamatan, desa by Kepmendagri code.

Each list is the user's scope only (``Kecamatan.objects.for_user``): a kecamatan role sees its own
kecamatan and its desa, a kabupaten role its kabupaten's.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from iku_project.api.base import ApiMixin
from wilayah.models import Desa, Kabupaten, Kecamatan


class KabupatenSerializer(serializers.ModelSerializer):
    provinsi = serializers.CharField(source="provinsi.nama", help_text="Nama provinsi.")
    provinsi_kode = serializers.CharField(source="provinsi.kode", help_text="Kode Kepmendagri provinsi.")

    class Meta:
        model = Kabupaten
        fields = ["kode", "nama", "provinsi_kode", "provinsi"]


class KecamatanSerializer(serializers.ModelSerializer):
    kabupaten_kode = serializers.CharField(source="kabupaten.kode", help_text="Kode Kepmendagri kabupaten/kota.")

    class Meta:
        model = Kecamatan
        fields = ["kode", "nama", "kabupaten_kode"]


class DesaSerializer(serializers.ModelSerializer):
    kecamatan_kode = serializers.CharField(source="kecamatan.kode", help_text="Kode Kepmendagri kecamatan.")

    class Meta:
        model = Desa
        fields = ["kode", "nama", "jenis", "kecamatan_kode"]


@extend_schema(tags=["wilayah"], summary="Kabupaten/kota dalam lingkup Anda")
class KabupatenList(ApiMixin, generics.ListAPIView):
    serializer_class = KabupatenSerializer

    def get_queryset(self):
        scope = Kecamatan.objects.for_user(self.request.user)
        return Kabupaten.objects.filter(kecamatan__in=scope).select_related("provinsi").distinct().order_by("kode")


@extend_schema(
    tags=["wilayah"],
    summary="Kecamatan dalam lingkup Anda",
    parameters=[OpenApiParameter("kabupaten", OpenApiTypes.STR, description="Kode kabupaten, misalnya 35.08.")],
)
class KecamatanList(ApiMixin, generics.ListAPIView):
    serializer_class = KecamatanSerializer

    def get_queryset(self):
        queryset = Kecamatan.objects.for_user(self.request.user).select_related("kabupaten").order_by("kode")
        if kode := self.request.query_params.get("kabupaten"):
            queryset = queryset.filter(kabupaten__kode=kode)
        return queryset


@extend_schema(
    tags=["wilayah"],
    summary="Desa dan kelurahan dalam lingkup Anda",
    description="`jenis` mengikuti kode Kepmendagri: akhiran 1xxx kelurahan, 2xxx desa.",
    parameters=[OpenApiParameter("kecamatan", OpenApiTypes.STR, description="Kode kecamatan, misalnya 35.08.12.")],
)
class DesaList(ApiMixin, generics.ListAPIView):
    serializer_class = DesaSerializer

    def get_queryset(self):
        queryset = Desa.objects.for_user(self.request.user).select_related("kecamatan").order_by("kode")
        if kode := self.request.query_params.get("kecamatan"):
            queryset = queryset.filter(kecamatan__kode=kode)
        return queryset
