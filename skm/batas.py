"""A per-address limit on the public form, counted in the cache (no login to tie it to).

A service counter's wifi puts many respondents behind one address, so the limit
is generous; it stops a script, not a queue of citizens. With several server
processes the cache must be shared (Redis/Memcached/database) for the count to hold.
"""

from django.conf import settings
from django.core.cache import cache


def alamat_klien(request) -> str:
    # Only trust X-Forwarded-For behind the configured proxies (as django-axes does).
    proxy = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxy and forwarded:
        alamat = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(alamat) >= proxy:
            return alamat[-proxy]
    return request.META.get("REMOTE_ADDR", "-")


def kirim_diizinkan(request) -> bool:
    """Count one submission from this address; False once over the limit within the window."""
    batas = settings.SKM_BATAS_KIRIM
    jendela = settings.SKM_JENDELA_DETIK
    kunci = f"skm:kirim:{alamat_klien(request)}"
    if cache.add(kunci, 1, timeout=jendela):
        return batas >= 1
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.add(kunci, 1, timeout=jendela)
        jumlah = 1
    return jumlah <= batas
