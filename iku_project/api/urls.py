"""/api/v1/: the URLs of the JSON API. Each app serves its own part from its ``api`` module beside its
services and selectors; this file only wires them (docs/DESIGN.md §3.6)."""

from django.urls import path
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import desa.api
import indikator.api
import skm.api
import wilayah.api
from iku_project.api.base import ApiMixin
from kecamatan.api import katalog, kegiatan

app_name = "api"


class Skema(ApiMixin, SpectacularAPIView):
    # JSON first, like every other answer of the API (errors included); YAML on ?format=yaml.
    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]


_swagger = SpectacularSwaggerSplitView.as_view(url_name="api:schema")


def docs(request, *args, **kwargs):
    """Swagger UI from drf-spectacular-sidecar's static files. A page for people: unlike the API views
    (which DRF marks login_not_required), LoginRequiredMiddleware sends an anonymous visitor to the login."""
    return _swagger(request, *args, **kwargs)


urlpatterns = [
    path("schema/", Skema.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    path("wilayah/kabupaten/", wilayah.api.KabupatenList.as_view(), name="kabupaten-list"),
    path("wilayah/kecamatan/", wilayah.api.KecamatanList.as_view(), name="kecamatan-list"),
    path("wilayah/desa/", wilayah.api.DesaList.as_view(), name="desa-list"),
    path("katalog/", katalog.Katalog.as_view(), name="katalog"),
    path("katalog/jenis-bukti/", katalog.JenisBuktiList.as_view(), name="jenis-bukti-list"),
    path("capaian/", indikator.api.Capaian.as_view(), name="capaian"),
    path("laporan/", indikator.api.PengesahanList.as_view(), name="laporan-list"),
    path("skm/", skm.api.HasilSKM.as_view(), name="skm"),
    path("kegiatan/", kegiatan.KegiatanList.as_view(), name="kegiatan-list"),
    path("kegiatan/<int:pk>/", kegiatan.KegiatanDetail.as_view(), name="kegiatan-detail"),
    path("kegiatan/<int:pk>/output/", kegiatan.KegiatanOutput.as_view(), name="kegiatan-output"),
    path("kegiatan/<int:kegiatan_pk>/bukti/", kegiatan.BuktiList.as_view(), name="bukti-list"),
    path("kegiatan/<int:kegiatan_pk>/bukti/<int:pk>/", kegiatan.BuktiDetail.as_view(), name="bukti-detail"),
    path("kegiatan/<int:kegiatan_pk>/bukti/<int:pk>/berkas/", kegiatan.BuktiBerkas.as_view(), name="bukti-berkas"),
    path("dokumen-desa/", desa.api.DokumenDesaMatriks.as_view(), name="dokumen-desa"),
    path(
        "dokumen-desa/<str:kode>/<str:jenis>/<int:tahun_anggaran>/",
        desa.api.DokumenDesaSel.as_view(),
        name="dokumen-desa-sel",
    ),
]
