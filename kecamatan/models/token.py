"""Personal API tokens (docs/DESIGN.md §3.6): a user's key for the JSON API, acting exactly as that user.

Only a SHA-256 digest of the secret is stored; the secret is shown once, when the token is made.
The first characters of the token (``prefix``) are kept in clear to find the row without a scan.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models

PANJANG_PREFIX = 8


def token_digest(rahasia: str) -> str:
    return hashlib.sha256(rahasia.encode()).hexdigest()


class TokenAPIQuerySet(models.QuerySet):
    def berlaku(self, sekarang):
        return self.filter(dicabut_pada__isnull=True, kedaluwarsa_pada__gt=sekarang)


class TokenAPI(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_api", verbose_name="pengguna"
    )
    nama = models.CharField("nama", max_length=100, help_text="Untuk apa token ini, misalnya “e-SAKIP”.")
    prefix = models.CharField("awalan", max_length=PANJANG_PREFIX, unique=True)
    digest = models.CharField("SHA-256 token", max_length=64)
    dibuat_pada = models.DateTimeField("dibuat pada")
    kedaluwarsa_pada = models.DateTimeField("kedaluwarsa pada")
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)

    objects = TokenAPIQuerySet.as_manager()

    class Meta:
        ordering = ["-dibuat_pada", "-pk"]
        verbose_name = "token API"
        verbose_name_plural = "token API"

    def __str__(self):
        return f"{self.nama} ({self.prefix}…)"

    def cocok(self, token: str) -> bool:
        return hmac.compare_digest(self.digest, token_digest(token))

    def berlaku_pada(self, sekarang) -> bool:
        return self.dicabut_pada is None and self.kedaluwarsa_pada > sekarang
