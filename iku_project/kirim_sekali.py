"""One-time form tokens against double submission (a double click, a resent POST, a flaky connection).

A create form carries a hidden random token (``KirimSekaliForm``). The view wraps the
service call in ``kirim_sekali``: the token is recorded in the same transaction as the
object, so a failed save leaves it unused (the user corrects the form and sends again),
and a second submission of a saved form raises ``SudahTerkirim`` with where the first
one's result is, instead of creating it twice.
"""

import datetime
import secrets
from contextlib import contextmanager

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from iku_project.models import TokenFormulir

NAMA_FIELD = "token_kirim"
# Tokens are kept long enough to catch a resubmission from a tab left open, then pruned.
SIMPAN_TOKEN = datetime.timedelta(days=7)


class SudahTerkirim(Exception):
    def __init__(self, url_hasil: str):
        super().__init__(url_hasil)
        self.url_hasil = url_hasil


def token_baru() -> str:
    return secrets.token_urlsafe(32)


class KirimSekaliForm(forms.Form):
    """Base of a create form: a hidden one-time token, fresh on every unbound form."""

    token_kirim = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get(NAMA_FIELD):
            self.initial[NAMA_FIELD] = token_baru()

    def clean(self):
        data = super().clean()
        if not data.get(NAMA_FIELD):
            # A hidden field's own error would not be shown next to anything: say it above the form.
            self.add_error(None, "Formulir ini tidak lengkap. Muat ulang halaman, lalu kirim lagi.")
        return data


@contextmanager
def kirim_sekali(*, user, token: str):
    """Run the body once per token: yields the token's record, whose ``url_hasil`` the body sets."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                catatan = TokenFormulir.objects.create(token=token, user=user)
        except IntegrityError:
            sebelumnya = TokenFormulir.objects.filter(token=token, user=user).values_list("url_hasil", flat=True)
            raise SudahTerkirim(next(iter(sebelumnya), "")) from None
        yield catatan
        catatan.save(update_fields=["url_hasil"])
        TokenFormulir.objects.filter(dipakai_pada__lt=timezone.now() - SIMPAN_TOKEN).delete()
