from django.conf import settings
from django.db import models


class TokenFormulir(models.Model):
    """A one-time form token already used: a second submission of the same form finds it here.

    The unique token is the lock: of two identical submissions racing, one inserts it and
    the other gets an IntegrityError, on SQLite and PostgreSQL alike, across processes.
    """

    token = models.CharField("token", max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    dipakai_pada = models.DateTimeField("dipakai pada", auto_now_add=True, db_index=True)
    url_hasil = models.CharField("alamat hasil", max_length=300, blank=True)

    class Meta:
        verbose_name = "token formulir"
        verbose_name_plural = "token formulir"

    def __str__(self):
        return self.token
