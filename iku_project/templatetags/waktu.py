"""Durations in words, in Bahasa Indonesia (the lockout page: "Coba lagi dalam 15 menit")."""

import datetime

from django import template

register = template.Library()

_SATUAN = (("hari", 86400), ("jam", 3600), ("menit", 60), ("detik", 1))


@register.filter
def durasi(value) -> str:
    """``timedelta(minutes=90)`` → "1 jam 30 menit"; under a second, or not a timedelta → ""."""
    if not isinstance(value, datetime.timedelta):
        return ""
    sisa = int(value.total_seconds())
    bagian = []
    for nama, detik in _SATUAN:
        jumlah, sisa = divmod(sisa, detik)
        if jumlah:
            bagian.append(f"{jumlah} {nama}")
    return " ".join(bagian)
