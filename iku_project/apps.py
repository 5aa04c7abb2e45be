from django.contrib.admin.apps import AdminConfig


class IKUAdminConfig(AdminConfig):
    default_site = "iku_project.admin.IKUAdminSite"
