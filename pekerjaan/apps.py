from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PekerjaanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pekerjaan"
    verbose_name = "Pekerjaan latar"

    def ready(self):
        # Each app registers its job kinds in its own ``tasks.py`` (like admin.py): the worker and the web
        # process then know the same kinds, and this app names none of the apps above it.
        autodiscover_modules("tasks")
