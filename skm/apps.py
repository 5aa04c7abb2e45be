from django.apps import AppConfig


class SkmConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "skm"
    verbose_name = "Survei Kepuasan Masyarakat"
