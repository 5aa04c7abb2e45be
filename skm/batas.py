"""A per-address limit on the public form, counted in the cache (no login to tie it to).

A service counter's wifi puts many respondents behind one address, so the limit
is generous; it stops a script, not a queue of citizens. With several server
processes the cache must be shared (Redis/Memcached/database) for the count to hold.
"""

from django.conf import settings
from django.core.cache import cache

from iku_project.klien import alamat_klien


def kirim_diizinkan(request) -> bool:
    """Count one submission from this address; False once over the limit within the window."""
    batas = settings.SKM_BATAS_KIRIM
    jendela = settings.SKM_JENDELA_DETIK
    kunci = f"skm:kirim:{alamat_klien(request) or '-'}"
    if cache.add(kunci, 1, timeout=jendela):
        return batas >= 1
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.add(kunci, 1, timeout=jendela)
        jumlah = 1
    return jumlah <= batas
