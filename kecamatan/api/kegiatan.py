"""Kegiatan and bukti pendukung through the JSON API (docs/DESIGN.md §3.6).

Thin like the pages: reads through ``kecamatan.selectors`` (the list page's very selector and filter
form), writes through ``kecamatan.services`` with ``kecamatan.validation``'s rules, files through
``kecamatan.berkas``. Another kecamatan's ids answer 404.
"""

from contextlib import nullcontext

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from iku_project.api.base import AbaikanAccept, ApiMixin, ApiView
from iku_project.api.tulis import (
    PraSyaratGagal,
    SudahTerkirim,
    catat_hasil,
    etag,
    hasil_pertama,
    kunci_idempotensi,
    sekali,
    versi_dari_if_match,
)
from kecamatan import akses, periode, selectors, services
from kecamatan.berkas import validate_upload
from kecamatan.forms import KegiatanFilterForm
from kecamatan.models import BuktiPendukung, JenisBukti, Kategori, Kegiatan, Seksi, UraianAktivitas
from kecamatan.views.kegiatan import bukti_berkas_response
from wilayah.models import Desa

# --- Serializers --------------------------------------------------------------------------------------


class KegiatanSerializer(serializers.ModelSerializer):
    kecamatan = serializers.CharField(source="kecamatan.kode", help_text="Kode Kepmendagri kecamatan.")
    seksi_nama = serializers.CharField(source="seksi.nama", allow_null=True, default=None)
    desa = serializers.SerializerMethodField(help_text="Kode Kepmendagri desa/kelurahan yang terlibat.")
    ditindaklanjuti = serializers.BooleanField(help_text="Dilaksanakan, output tercatat dan ada bukti (per hari ini).")
    jumlah_bukti = serializers.IntegerField(help_text="Bukti pendukung yang aktif.")
    etag = serializers.SerializerMethodField(help_text="Kirim nilai ini dalam header If-Match untuk mengubah.")

    class Meta:
        model = Kegiatan
        fields = [
            "id",
            "kecamatan",
            "tanggal",
            "status",
            "kategori",
            "jenis_nomor",
            "jenis_nama",
            "uraian",
            "uraian_nomor",
            "uraian_teks",
            "output_diharapkan",
            "seksi",
            "seksi_nama",
            "desa",
            "keterangan",
            "output",
            "tanggal_output",
            "ditindaklanjuti",
            "jumlah_bukti",
            "versi",
            "etag",
            "dibuat_pada",
            "diubah_pada",
        ]

    def get_desa(self, kegiatan) -> list[str]:
        return [desa.kode for desa in kegiatan.desa.all()]

    def get_etag(self, kegiatan) -> str:
        return etag(kegiatan.pk, kegiatan.versi)


class KegiatanTulisSerializer(serializers.Serializer):
    uraian = serializers.PrimaryKeyRelatedField(
        queryset=UraianAktivitas.objects.select_related("jenis"), help_text="id uraian aktivitas dari /katalog/."
    )
    tanggal = serializers.DateField()
    status = serializers.ChoiceField(choices=Kegiatan.Status.choices)
    seksi = serializers.PrimaryKeyRelatedField(queryset=Seksi.objects.none(), allow_null=True, required=False)
    desa = serializers.SlugRelatedField(
        slug_field="kode", many=True, required=False, queryset=Desa.objects.none(), help_text="Kode desa/kelurahan."
    )
    keterangan = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return  # the schema generator describes the fields without a user
        scope = akses.kecamatan_scope(request.user)
        self.fields["seksi"].queryset = Seksi.objects.filter(kecamatan__in=scope)
        self.fields["desa"].child_relation.queryset = Desa.objects.filter(kecamatan__in=scope)


class OutputSerializer(serializers.Serializer):
    output = serializers.CharField(allow_blank=True, max_length=5000, help_text="Kosongkan keduanya untuk menghapus.")
    tanggal_output = serializers.DateField(allow_null=True)


class BuktiSerializer(serializers.ModelSerializer):
    kegiatan = serializers.IntegerField(source="kegiatan_id")
    jenis = serializers.CharField(source="jenis.kode", help_text="Kode jenis bukti (lihat /katalog/jenis-bukti/).")
    jenis_nama = serializers.CharField(source="jenis.nama")
    ada_berkas = serializers.SerializerMethodField()
    unduh = serializers.SerializerMethodField(help_text="Alamat unduhan berkas pindaian, bila ada.")

    class Meta:
        model = BuktiPendukung
        fields = [
            "id",
            "kegiatan",
            "jenis",
            "jenis_nama",
            "nomor",
            "tanggal",
            "ada_berkas",
            "content_type",
            "ukuran",
            "nama_berkas_asli",
            "diunggah_pada",
            "unduh",
        ]

    def get_ada_berkas(self, bukti) -> bool:
        return bool(bukti.berkas)

    def get_unduh(self, bukti) -> str | None:
        if not bukti.berkas:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("api:bukti-berkas", kwargs={"kegiatan_pk": bukti.kegiatan_id, "pk": bukti.pk})
        )


class BuktiTulisSerializer(serializers.Serializer):
    jenis = serializers.SlugRelatedField(slug_field="kode", queryset=JenisBukti.objects.all())
    nomor = serializers.CharField(allow_blank=True, required=False, default="", max_length=150)
    tanggal = serializers.DateField()
    berkas = serializers.FileField(required=False, allow_null=True, help_text="PDF, JPEG atau PNG; diperiksa isinya.")

    def validate_berkas(self, berkas):
        # As BuktiForm.clean_berkas: the refusal is the berkas field's (the service checks again before storing).
        if berkas is not None:
            try:
                validate_upload(berkas)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from None
        return berkas


# --- Kegiatan -------------------------------------------------------------------------------------------


class KegiatanCursor(CursorPagination):
    ordering = ("-tanggal", "-id")
    page_size = 50
    page_size_query_param = "jumlah"
    max_page_size = 200
    cursor_query_description = "Penanda halaman dari `next`/`previous` jawaban sebelumnya."
    page_size_query_description = "Jumlah kegiatan per halaman (bawaan 50, paling banyak 200)."

    def decode_cursor(self, request):
        # DRF answers a broken cursor with an English 404; it is a malformed parameter, said in Bahasa.
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise serializers.ValidationError({"cursor": ["Penanda halaman tidak sah."]}) from None


FILTER_KEGIATAN = [
    OpenApiParameter(
        "tahun",
        OpenApiTypes.INT,
        description=f"Tahun kegiatan, misalnya 2025 ({periode.TAHUN_MIN}–{periode.TAHUN_MAX}).",
    ),
    OpenApiParameter(
        "bagian", OpenApiTypes.STR, description="Bagian tahun: tw1–tw4 (triwulan) atau s1–s2 (semester); perlu tahun."
    ),
    OpenApiParameter("dari", OpenApiTypes.DATE, description="Tanggal awal (TTTT-BB-HH)."),
    OpenApiParameter("sampai", OpenApiTypes.DATE, description="Tanggal akhir (TTTT-BB-HH)."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=Kegiatan.Status.values),
    OpenApiParameter("kategori", OpenApiTypes.STR, enum=Kategori.values, description="Kategori kegiatan."),
    OpenApiParameter("jenis", OpenApiTypes.INT, description="id jenis kegiatan dari /katalog/."),
    OpenApiParameter("seksi", OpenApiTypes.INT, description="id seksi."),
    OpenApiParameter(
        "desa", OpenApiTypes.STR, description="Kode Kepmendagri desa/kelurahan yang terlibat, misalnya 35.08.12.2001."
    ),
    OpenApiParameter("kecamatan", OpenApiTypes.STR, description="Kode kecamatan (peran kabupaten)."),
    OpenApiParameter("tindak_lanjut", OpenApiTypes.STR, enum=["ya", "tidak"]),
    OpenApiParameter(
        "perlu_tindak_lanjut",
        OpenApiTypes.BOOL,
        description="Hanya kegiatan yang dilaksanakan dan belum ditindaklanjuti (halaman Perlu tindak lanjut).",
    ),
    OpenApiParameter("q", OpenApiTypes.STR, description="Cari pada keterangan, uraian, jenis, output dan desa."),
]


class HalamanSerializer(serializers.Serializer):
    """The list's own parameters beside the page's filters: refused when malformed, never silently ignored."""

    perlu_tindak_lanjut = serializers.BooleanField(required=False, default=False)
    jumlah = serializers.IntegerField(required=False, min_value=1)
    cursor = serializers.CharField(required=False)


def _filter_form(request, hari_ini):
    """The kegiatan list page's own filter form; the API names a kecamatan by its code."""
    scope = akses.kecamatan_scope(request.user)
    data = {key: request.query_params.get(key) for key in request.query_params if key not in ("cursor", "jumlah")}
    data.pop("urut", None)
    data.pop("perlu_tindak_lanjut", None)
    if data.get("kecamatan"):
        # A kecamatan outside the scope is a 404, as everywhere; the form then narrows by its pk.
        data["kecamatan"] = scope.filter(kode=data["kecamatan"]).values_list("pk", flat=True).first()
        if data["kecamatan"] is None:
            raise Http404("Kecamatan tidak ditemukan.")
    if data.get("desa"):
        # The API names a desa by its Kepmendagri code everywhere; outside the scope it is a 404.
        data["desa"] = Desa.objects.filter(kecamatan__in=scope, kode=data["desa"]).values_list("pk", flat=True).first()
        if data["desa"] is None:
            raise Http404("Desa tidak ditemukan.")
    form = KegiatanFilterForm(data, kecamatan_scope=scope, hari_ini=hari_ini)
    if data.get("tahun"):
        # The page offers the last few years in a dropdown; the API takes any year periode knows.
        try:
            tahun = periode.tahun_parse(data["tahun"])
        except periode.PeriodeTidakSah as exc:
            raise serializers.ValidationError({"tahun": [str(exc)]}) from None
        form.fields["tahun"].choices = [("", ""), (tahun, str(tahun))]
    if not form.is_valid():
        raise serializers.ValidationError(form.errors)
    return form.cleaned_data


def _kegiatan_response(request, kegiatan, *, status_code=status.HTTP_200_OK, headers=None):
    kegiatan = akses.access_kegiatan_by_id(request.user, kegiatan.pk, as_of=timezone.localdate())
    response = Response(KegiatanSerializer(kegiatan).data, status=status_code, headers=headers)
    response["ETag"] = etag(kegiatan.pk, kegiatan.versi)
    return response


@extend_schema_view(
    get=extend_schema(
        tags=["kegiatan"],
        summary="Daftar kegiatan",
        description="Kegiatan dalam lingkup Anda, terbaru dahulu, dengan saringan yang sama seperti halaman "
        "Daftar kegiatan; halaman berikutnya lewat `next` (cursor).",
        parameters=FILTER_KEGIATAN,
    ),
    post=extend_schema(
        tags=["kegiatan"],
        summary="Catat kegiatan baru",
        description="Untuk staf dan kasi. Kirim header `Idempotency-Key` (teks unik pilihan Anda) agar "
        "pengiriman ulang dengan kunci yang sama tidak membuat kegiatan kedua: jawabannya kegiatan yang pertama.",
        request=KegiatanTulisSerializer,
        responses={201: KegiatanSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER)],
    ),
)
class KegiatanList(ApiMixin, generics.ListAPIView):
    serializer_class = KegiatanSerializer
    pagination_class = KegiatanCursor

    def get_queryset(self):
        hari_ini = timezone.localdate()
        halaman = HalamanSerializer(data=self.request.query_params)
        halaman.is_valid(raise_exception=True)
        perlu = halaman.validated_data["perlu_tindak_lanjut"]
        filters = _filter_form(self.request, hari_ini)
        return selectors.kegiatan_list(
            user=self.request.user, as_of=hari_ini, filters=filters, perlu_tindak_lanjut=perlu
        ).order_by()

    def post(self, request):
        kunci = kunci_idempotensi(request)
        data = KegiatanTulisSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            with sekali(request, kunci) or nullcontext() as kiriman:
                kegiatan = services.kegiatan_create(
                    user=request.user, hari_ini=timezone.localdate(), **data.validated_data
                )
                catat_hasil(kiriman, request, reverse("api:kegiatan-detail", kwargs={"pk": kegiatan.pk}))
        except SudahTerkirim as exc:
            pertama = akses.access_kegiatan_by_id(
                request.user, hasil_pertama(exc, "api:kegiatan-detail", request)["pk"], as_of=timezone.localdate()
            )
            return _kegiatan_response(
                request, pertama, status_code=status.HTTP_201_CREATED, headers={"Idempotent-Replayed": "true"}
            )
        return _kegiatan_response(request, kegiatan, status_code=status.HTTP_201_CREATED)


IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True, description="ETag dari GET terakhir."
)
JAWABAN_TULIS = {
    200: KegiatanSerializer,
    412: OpenApiResponse(description="ETag usang: kegiatan telah diubah orang lain."),
    428: OpenApiResponse(description="Header If-Match tidak dikirim."),
}


class KegiatanDetail(ApiView):
    def _kegiatan(self, pk):
        return akses.access_kegiatan_by_id(self.request.user, pk, as_of=timezone.localdate())

    @extend_schema(tags=["kegiatan"], summary="Satu kegiatan", responses=KegiatanSerializer)
    def get(self, request, pk):
        return _kegiatan_response(request, self._kegiatan(pk))

    @extend_schema(
        tags=["kegiatan"],
        summary="Ubah kegiatan",
        description="Staf: kegiatannya sendiri selama output belum dicatat; kasi: kegiatan seksinya.",
        request=KegiatanTulisSerializer,
        responses=JAWABAN_TULIS,
        parameters=[IF_MATCH],
    )
    def put(self, request, pk):
        return self._ubah(request, pk, partial=False)

    @extend_schema(
        tags=["kegiatan"],
        summary="Ubah sebagian isian kegiatan",
        request=KegiatanTulisSerializer(partial=True),
        responses=JAWABAN_TULIS,
        parameters=[IF_MATCH],
    )
    def patch(self, request, pk):
        return self._ubah(request, pk, partial=True)

    def _ubah(self, request, pk, *, partial):
        kegiatan = akses.access_kegiatan_by_id(request.user, pk, untuk=akses.Akses.UBAH, as_of=timezone.localdate())
        versi = versi_dari_if_match(request, pk=kegiatan.pk, versi_sekarang=kegiatan.versi)
        data = KegiatanTulisSerializer(data=request.data, partial=partial, context={"request": request})
        data.is_valid(raise_exception=True)
        if partial:
            data.validated_data.setdefault("uraian", kegiatan.uraian)
            data.validated_data.setdefault("tanggal", kegiatan.tanggal)
            data.validated_data.setdefault("status", kegiatan.status)
        # PATCH keeps what it does not name; PUT replaces the whole, so an omitted seksi or desa is emptied.
        sekarang = {"seksi": kegiatan.seksi, "desa": list(kegiatan.desa.all()), "keterangan": kegiatan.keterangan}
        nilai = (sekarang if partial else {"seksi": None, "desa": []}) | data.validated_data
        try:
            kegiatan = services.kegiatan_update(
                user=request.user, kegiatan=kegiatan, versi=versi, hari_ini=timezone.localdate(), **nilai
            )
        except services.KonflikVersi:
            raise PraSyaratGagal() from None
        return _kegiatan_response(request, kegiatan)


class KegiatanOutput(ApiView):
    @extend_schema(
        tags=["kegiatan"],
        summary="Catat output kegiatan",
        description="Untuk kasi seksi kegiatan itu. Output dan tanggal output kosong keduanya menghapus output.",
        request=OutputSerializer,
        responses=JAWABAN_TULIS,
        parameters=[IF_MATCH],
    )
    def put(self, request, pk):
        kegiatan = akses.access_kegiatan_by_id(
            request.user, pk, untuk=akses.Akses.TINDAK_LANJUT, as_of=timezone.localdate()
        )
        versi = versi_dari_if_match(request, pk=kegiatan.pk, versi_sekarang=kegiatan.versi)
        data = OutputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            kegiatan = services.kegiatan_output_record(
                user=request.user, kegiatan=kegiatan, versi=versi, hari_ini=timezone.localdate(), **data.validated_data
            )
        except services.KonflikVersi:
            raise PraSyaratGagal() from None
        return _kegiatan_response(request, kegiatan)


# --- Bukti pendukung ------------------------------------------------------------------------------------


class BuktiList(ApiView):
    @extend_schema(tags=["bukti"], summary="Bukti pendukung sebuah kegiatan", responses=BuktiSerializer(many=True))
    def get(self, request, kegiatan_pk):
        kegiatan = akses.access_kegiatan_by_id(request.user, kegiatan_pk, as_of=timezone.localdate())
        aktif, _ = selectors.bukti_of_kegiatan(kegiatan=kegiatan)
        return Response(BuktiSerializer(aktif, many=True, context={"request": request}).data)

    @extend_schema(
        tags=["bukti"],
        summary="Unggah bukti pendukung",
        description="Untuk kasi seksi kegiatan itu. Berkas diperiksa dari isinya (PDF, JPEG, PNG) dan ukurannya, "
        "sama seperti di halaman. `Idempotency-Key` seperti pada pencatatan kegiatan.",
        request={"multipart/form-data": BuktiTulisSerializer},
        responses={201: BuktiSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER)],
    )
    def post(self, request, kegiatan_pk):
        kegiatan = akses.access_kegiatan_by_id(
            request.user, kegiatan_pk, untuk=akses.Akses.TINDAK_LANJUT, as_of=timezone.localdate()
        )
        kunci = kunci_idempotensi(request)
        data = BuktiTulisSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        headers = {}
        try:
            with sekali(request, kunci) or nullcontext() as kiriman:
                pk = services.bukti_create(user=request.user, kegiatan=kegiatan, **data.validated_data).pk
                catat_hasil(
                    kiriman, request, reverse("api:bukti-detail", kwargs={"kegiatan_pk": kegiatan.pk, "pk": pk})
                )
        except SudahTerkirim as exc:
            # A retry of an upload already stored: the first bukti, not a second copy of the scan.
            pk, headers = hasil_pertama(exc, "api:bukti-detail", request)["pk"], {"Idempotent-Replayed": "true"}
        bukti = akses.access_bukti_by_id(request.user, kegiatan.pk, pk)
        data = BuktiSerializer(bukti, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED, headers=headers)


class BuktiDetail(ApiView):
    @extend_schema(tags=["bukti"], summary="Keterangan satu bukti pendukung", responses=BuktiSerializer)
    def get(self, request, kegiatan_pk, pk):
        bukti = akses.access_bukti_by_id(request.user, kegiatan_pk, pk)
        if bukti.dihapus:
            raise Http404("Bukti ini sudah dihapus.")
        return Response(BuktiSerializer(bukti, context={"request": request}).data)


class BuktiBerkas(ApiView):
    content_negotiation_class = AbaikanAccept

    @extend_schema(
        tags=["bukti"],
        summary="Unduh berkas pindaian bukti",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, kegiatan_pk, pk):
        return bukti_berkas_response(request, kegiatan_pk, pk, inline=False)
