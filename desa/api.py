"""Dokumen desa through the JSON API (docs/DESIGN.md §3.6): the matrix of the Dokumen desa page, and one cell.

Reads go through ``desa.selectors`` (status per measurement year judged by ``desa.tenggat``), writes
through ``desa.services`` with ``desa.validation``'s rules. A desa outside the user's scope is a 404.
"""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from desa import selectors, services
from desa.akses import access_desa_by_kode
from desa.tenggat import JenisDokumen, StatusDokumen
from iku_project.api.base import ApiView
from iku_project.api.tulis import PraSyaratGagal, etag, versi_dari_if_match
from kecamatan import akses, periode
from kecamatan.akses import Akses

# --- Serializers --------------------------------------------------------------------------------------

sel_fields = {
    "jenis": serializers.ChoiceField(choices=JenisDokumen.choices),
    "tahun_anggaran": serializers.IntegerField(),
    "tenggat": serializers.DateField(),
    "status": serializers.ChoiceField(choices=StatusDokumen.choices),
    "tanggal": serializers.DateField(allow_null=True),
    "nomor": serializers.CharField(allow_null=True),
    "catatan": serializers.CharField(allow_null=True),
    "ada_berkas": serializers.BooleanField(),
    "etag": serializers.CharField(allow_null=True, help_text="Untuk If-Match saat mengubah dokumen yang sudah ada."),
}
SelSerializer = inline_serializer("SelDokumenDesa", fields=sel_fields)
SelListSerializer = inline_serializer("SelDokumenDesa", fields=sel_fields, many=True)


def _dokumen_etag(dokumen) -> str | None:
    return None if dokumen is None else etag(dokumen.pk, int(dokumen.diubah_pada.timestamp() * 1_000_000))


def _sel_dict(sel) -> dict:
    dokumen = sel.dokumen
    return {
        "jenis": sel.wajib.jenis,
        "tahun_anggaran": sel.wajib.tahun_anggaran,
        "tenggat": sel.wajib.tenggat,
        "status": sel.status.value,
        "tanggal": dokumen.tanggal if dokumen else None,
        "nomor": dokumen.nomor if dokumen else None,
        "catatan": dokumen.catatan if dokumen else None,
        "ada_berkas": bool(dokumen and dokumen.berkas),
        "etag": _dokumen_etag(dokumen),
    }


MatriksSerializer = inline_serializer(
    "MatriksDokumenDesa",
    fields={
        "kecamatan": serializers.CharField(help_text="Kode kecamatan."),
        "tahun": serializers.IntegerField(help_text="Tahun pengukuran IKU 2."),
        "basis": serializers.CharField(),
        "as_of": serializers.DateField(),
        "kolom": inline_serializer(
            "KolomDokumenDesa",
            fields={
                "jenis": serializers.CharField(),
                "tahun_anggaran": serializers.IntegerField(),
                "tenggat": serializers.DateField(),
                "tepat_waktu": serializers.IntegerField(),
                "terlambat": serializers.IntegerField(),
                "belum_ada": serializers.IntegerField(),
                "belum_jatuh_tempo": serializers.IntegerField(),
            },
            many=True,
        ),
        "desa": inline_serializer(
            "BarisDokumenDesa",
            fields={"kode": serializers.CharField(), "nama": serializers.CharField(), "dokumen": SelListSerializer},
            many=True,
        ),
        "kelurahan": serializers.ListField(child=serializers.CharField(), help_text="Kelurahan: tanpa dokumen desa."),
    },
)


class DokumenTulisSerializer(serializers.Serializer):
    # nomor and catatan left out keep what is stored (a client that only knows the date erases nothing);
    # an empty string clears them.
    tanggal = serializers.DateField(help_text="Tanggal penetapan dokumen.")
    nomor = serializers.CharField(
        allow_blank=True, required=False, max_length=100, help_text='Tidak dikirim: tetap; "": dikosongkan.'
    )
    catatan = serializers.CharField(
        allow_blank=True, required=False, max_length=5000, help_text='Tidak dikirim: tetap; "": dikosongkan.'
    )


# --- Views --------------------------------------------------------------------------------------------


class DokumenDesaMatriks(ApiView):
    @extend_schema(
        tags=["dokumen desa"],
        summary="Dokumen desa satu kecamatan per tahun pengukuran",
        operation_id="dokumen_desa_matriks",
        description="RKPDes, APBDes dan LPPDes tiap desa dengan statusnya (tepat waktu, terlambat, belum ada, "
        "belum jatuh tempo) per hari ini, seperti halaman Dokumen desa.",
        parameters=[
            OpenApiParameter("kecamatan", OpenApiTypes.STR, description="Kode kecamatan; wajib untuk peran kabupaten."),
            OpenApiParameter("tahun", OpenApiTypes.INT, required=True, description="Tahun pengukuran."),
        ],
        responses=MatriksSerializer,
    )
    def get(self, request):
        kecamatan = akses.access_kecamatan_by_kode(request.user, request.query_params.get("kecamatan") or None)
        if kecamatan is None:
            raise ValidationError({"kecamatan": ["Sebutkan kode kecamatan."]})
        try:
            tahun = periode.tahun_parse(request.query_params.get("tahun"))
        except periode.PeriodeTidakSah as exc:
            raise ValidationError({"tahun": [str(exc)]}) from None
        as_of = timezone.localdate()
        m = selectors.matriks_dokumen(kecamatan=kecamatan, tahun=tahun, basis=selectors.iku2_basis(), as_of=as_of)
        return Response(
            {
                "kecamatan": kecamatan.kode,
                "tahun": tahun,
                "basis": m.basis,
                "as_of": as_of,
                "kolom": [
                    {
                        "jenis": k.wajib.jenis,
                        "tahun_anggaran": k.wajib.tahun_anggaran,
                        "tenggat": k.wajib.tenggat,
                        "tepat_waktu": k.tepat_waktu,
                        "terlambat": k.terlambat,
                        "belum_ada": k.belum_ada,
                        "belum_jatuh_tempo": k.belum_jatuh_tempo,
                    }
                    for k in m.kolom
                ],
                "desa": [
                    {"kode": b.desa.kode, "nama": b.desa.nama, "dokumen": [_sel_dict(s) for s in b.sel]}
                    for b in m.baris
                ],
                "kelurahan": [d.kode for d in m.kelurahan],
            }
        )


class DokumenDesaSel(ApiView):
    def _sel(self, kode, jenis, tahun_anggaran, *, untuk=Akses.BACA):
        if jenis not in JenisDokumen.values or not periode.TAHUN_MIN <= tahun_anggaran <= periode.TAHUN_MAX:
            raise Http404("Dokumen tidak dikenal.")
        desa = access_desa_by_kode(self.request.user, kode, untuk=untuk)
        return desa, selectors.sel_dokumen(
            desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, as_of=timezone.localdate()
        )

    def _response(self, sel):
        response = Response(_sel_dict(sel))
        if tag := _dokumen_etag(sel.dokumen):
            response["ETag"] = tag
        return response

    @extend_schema(
        tags=["dokumen desa"], summary="Satu dokumen desa", operation_id="dokumen_desa_sel", responses=SelSerializer
    )
    def get(self, request, kode, jenis, tahun_anggaran):
        return self._response(self._sel(kode, jenis, tahun_anggaran)[1])

    @extend_schema(
        tags=["dokumen desa"],
        summary="Isi atau betulkan satu dokumen desa",
        description="Untuk kasi dan pimpinan. Bila dokumen sudah tercatat, kirim header If-Match berisi ETag-nya "
        "(412 bila usang, 428 bila tidak ada). Nomor dan catatan yang tidak dikirim tetap seperti tersimpan. "
        "Kelurahan tidak mempunyai dokumen desa.",
        parameters=[OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER)],
        request=DokumenTulisSerializer,
        responses={
            200: SelSerializer,
            412: OpenApiResponse(description="ETag usang."),
            428: OpenApiResponse(description="If-Match tidak dikirim untuk dokumen yang sudah ada."),
        },
    )
    def put(self, request, kode, jenis, tahun_anggaran):
        desa, sel = self._sel(kode, jenis, tahun_anggaran, untuk=Akses.UBAH)
        data = DokumenTulisSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data | {"hari_ini": timezone.localdate()}
        if sel.dokumen is None:
            services.dokumen_desa_create(
                user=request.user, desa=desa, jenis=jenis, tahun_anggaran=tahun_anggaran, **fields
            )
        else:
            dokumen = sel.dokumen
            stempel = int(dokumen.diubah_pada.timestamp() * 1_000_000)
            versi_dari_if_match(request, pk=dokumen.pk, versi_sekarang=stempel)
            fields = {"nomor": dokumen.nomor, "catatan": dokumen.catatan} | fields
            try:
                services.dokumen_desa_update(
                    user=request.user, dokumen=dokumen, diubah_pada_diharapkan=dokumen.diubah_pada, **fields
                )
            except services.DokumenDesaKonflik:
                raise PraSyaratGagal() from None
        return self._response(self._sel(kode, jenis, tahun_anggaran)[1])
