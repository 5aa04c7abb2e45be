"""The client's address, in one place: the security log, django-axes and the rate limits all ask here.

X-Forwarded-For is a list the client starts and every proxy appends to, so only its last
``PROXY_COUNT`` entries were written by proxies we run; anything to their left is whatever the
client chose to send. With ``PROXY_COUNT`` 0 (no proxy in front) the header is ignored entirely.
"""

from django.conf import settings
from ipware import get_client_ip


def alamat_klien(request) -> str | None:
    """REMOTE_ADDR, or behind ``PROXY_COUNT`` proxies the address the outermost of them appended."""
    if request is None:
        return None
    jumlah_proxy = settings.PROXY_COUNT
    if jumlah_proxy:
        # django-ipware counts the proxies whose own addresses are in the header, besides the one in
        # REMOTE_ADDR: our outermost proxy appends the client's address, not its own, hence the - 1.
        # Not strict, so a client-sent prefix does not void the answer; it is simply not read.
        ip, _ = get_client_ip(
            request,
            proxy_count=jumlah_proxy - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if ip:
            return ip
    # Without a proxy, or a header too short to have come through ours: the peer itself.
    return request.META.get("REMOTE_ADDR") or None
