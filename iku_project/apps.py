from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class IKUAdminConfig(AdminConfig):
    default_site = "iku_project.admin.IKUAdminSite"


class IKUProjectConfig(AppConfig):
    name = "iku_project"
    verbose_name = "IKU Kecamatan"

    def ready(self):
        from iku_project import audit  # noqa: F401 - connects the security-log receivers


class IKUStaticFilesConfig(StaticFilesConfig):
    # The API documentation uses Swagger UI only; drf-spectacular-sidecar also ships Redoc (about 5 MB) and
    # DRF its browsable API's assets (the API answers JSON only): collectstatic would hash and compress them
    # on every deploy for nothing.
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "drf_spectacular_sidecar/redoc/*", "rest_framework/*"]
