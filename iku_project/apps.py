from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class IKUAdminConfig(AdminConfig):
    default_site = "iku_project.admin.IKUAdminSite"


class IKUProjectConfig(AppConfig):
    name = "iku_project"
    verbose_name = "IKU Kecamatan"

    def ready(self):
        from iku_project import audit  # noqa: F401 - connects the security-log receivers
