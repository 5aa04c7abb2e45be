"""Capaian IKU and approved reports through the JSON API (docs/DESIGN.md §3.6).

``/capaian/`` answers exactly what ``iku_report --format json`` prints: both call
``indikator.serializers.capaian_kecamatan_json`` / ``capaian_kabupaten_json``.
"""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from iku_project.api.base import ApiMixin, ApiView
from indikator.akses import access_kabupaten_by_kode
from indikator.laporan.services import url_verifikasi
from indikator.models import PengesahanLaporan
from indikator.serializers import capaian_kabupaten_json, capaian_kecamatan_json
from kecamatan import akses, periode
from kecamatan.api.periode import PARAMETER_PERIODE, periode_dari_query

# --- The shape of iku_report's JSON, for the schema only (``indikator.serializers`` builds the data) -------------


def _angka(help_text=""):
    return serializers.CharField(
        allow_null=True, help_text=help_text or "Dua desimal dengan titik; null: tidak berlaku."
    )


class KodeNama(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()


class PeriodeCapaian(serializers.Serializer):
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    label = serializers.CharField()


class Rasio(serializers.Serializer):
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    percent = _angka()


class RasioTriwulan(Rasio):
    triwulan = serializers.IntegerField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()


class IKU1(Rasio):
    target = _angka()
    capaian = _angka("Persen terhadap target.")
    per_kategori = serializers.DictField(child=Rasio(), help_text="Per kategori: fasilitasi, koordinasi, rekomendasi.")
    per_triwulan = RasioTriwulan(many=True)


class SejauhIni(Rasio):
    belum_jatuh_tempo = serializers.IntegerField()
    alasan = serializers.CharField(allow_blank=True)


class DokumenIKU2(serializers.Serializer):
    tahun_anggaran = serializers.IntegerField()
    tenggat = serializers.DateField()
    tepat_waktu = serializers.IntegerField()
    terlambat = serializers.IntegerField()
    belum_ada = serializers.IntegerField()
    belum_jatuh_tempo = serializers.IntegerField()
    percent = _angka()


class IKU2(Rasio):
    target = _angka()
    capaian = _angka("Persen terhadap target.")
    basis = serializers.CharField()
    berlaku = serializers.BooleanField(help_text="false bila kecamatan tanpa desa (hanya kelurahan).")
    jumlah_desa = serializers.IntegerField()
    sejauh_ini = SejauhIni()
    dokumen = serializers.DictField(child=DokumenIKU2(), help_text="Per dokumen: RKPDes, APBDes, LPPDes.")


class TujuanCapaian(serializers.Serializer):
    indikator = serializers.CharField()
    nilai = _angka()
    mutu = serializers.CharField(allow_null=True)
    responden = serializers.IntegerField(allow_null=True)
    sumber = serializers.CharField()


class CapaianKecamatan(serializers.Serializer):
    kecamatan = KodeNama()
    periode = PeriodeCapaian()
    as_of = serializers.DateField(help_text="Dihitung per tanggal ini.")
    iku1 = IKU1()
    iku2 = IKU2()
    tujuan = TujuanCapaian()


class CapaianKabupaten(serializers.Serializer):
    kabupaten = KodeNama()
    hasil = CapaianKecamatan(many=True)


class Capaian(ApiView):
    @extend_schema(
        tags=["capaian"],
        summary="Capaian IKU 1 dan IKU 2",
        description="Satu kecamatan (`kecamatan`) atau semua kecamatan satu kabupaten (`kabupaten`, untuk peran "
        "kabupaten) untuk satu periode, dihitung per hari ini. Isinya sama persis dengan keluaran "
        "`manage.py iku_report --format json`. Persentase ditulis sebagai teks dengan dua desimal, "
        "`null` bila tidak berlaku.",
        parameters=[
            OpenApiParameter("kecamatan", OpenApiTypes.STR, description="Kode kecamatan, misalnya 35.08.12."),
            OpenApiParameter("kabupaten", OpenApiTypes.STR, description="Kode kabupaten, misalnya 35.08."),
            *PARAMETER_PERIODE,
        ],
        responses={200: PolymorphicProxySerializer("Capaian", [CapaianKecamatan, CapaianKabupaten], None)},
    )
    def get(self, request):
        query = request.query_params
        if bool(query.get("kecamatan")) == bool(query.get("kabupaten")):
            raise ValidationError({"kecamatan": ["Sebutkan satu: kecamatan atau kabupaten."]})
        diminta = periode_dari_query(query)
        as_of = timezone.localdate()
        if query.get("kecamatan"):
            kecamatan = akses.access_kecamatan_by_kode(request.user, query["kecamatan"])
            return Response(capaian_kecamatan_json(kecamatan=kecamatan, periode=diminta, as_of=as_of))
        kabupaten = access_kabupaten_by_kode(request.user, query["kabupaten"])
        kecamatan_qs = akses.kecamatan_scope(request.user).filter(kabupaten=kabupaten)
        return Response(
            capaian_kabupaten_json(kabupaten=kabupaten, kecamatan_qs=kecamatan_qs, periode=diminta, as_of=as_of)
        )


class PengesahanSerializer(serializers.ModelSerializer):
    kecamatan = serializers.CharField(source="kecamatan.kode", help_text="Kode kecamatan.")
    periode = serializers.CharField(source="periode.label", help_text="Nama periode, misalnya “Tahun 2025”.")
    url_verifikasi = serializers.SerializerMethodField(
        help_text="Alamat publik untuk memeriksa keaslian laporan (sama dengan kode QR pada PDF)."
    )
    data = serializers.JSONField(help_text="Angka yang disahkan, dibekukan saat pengesahan.")

    class Meta:
        model = PengesahanLaporan
        fields = [
            "id",
            "kecamatan",
            "periode",
            "periode_mulai",
            "periode_selesai",
            "versi",
            "tanggal",
            "disahkan_pada",
            "sha256",
            "url_verifikasi",
            "data",
        ]

    def get_url_verifikasi(self, pengesahan) -> str:
        return url_verifikasi(pengesahan.token, url_dasar=self.context["request"].build_absolute_uri("/"))


@extend_schema(
    tags=["laporan"],
    summary="Laporan Capaian yang disahkan",
    description="Versi yang disahkan pimpinan, dengan angka bekuannya dan alamat verifikasinya.",
    parameters=[
        OpenApiParameter("kecamatan", OpenApiTypes.STR, description="Kode kecamatan."),
        OpenApiParameter("tahun", OpenApiTypes.INT, description="Tahun akhir periode."),
    ],
)
class PengesahanList(ApiMixin, generics.ListAPIView):
    serializer_class = PengesahanSerializer

    def get_queryset(self):
        queryset = PengesahanLaporan.objects.for_user(self.request.user).select_related("kecamatan")
        if kode := self.request.query_params.get("kecamatan"):
            # Another kecamatan is a 404 like everywhere, not an empty list that says it has no reports.
            queryset = queryset.filter(kecamatan=akses.access_kecamatan_by_kode(self.request.user, kode))
        if (tahun := self.request.query_params.get("tahun")) is not None:
            try:
                queryset = queryset.filter(periode_selesai__year=periode.tahun_parse(tahun))
            except periode.PeriodeTidakSah as exc:
                raise ValidationError({"tahun": [str(exc)]}) from None
        return queryset
