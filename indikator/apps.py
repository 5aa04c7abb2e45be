from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indikator"
    verbose_name = "Indikator Kinerja Utama"

    def ready(self):
        from indikator import receivers  # noqa: F401  (connects the signal receivers)
