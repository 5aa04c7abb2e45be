"""Throttling of the API: one budget per token (docs/DESIGN.md §3.6), in Django's default cache."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class PerTokenThrottle(SimpleRateThrottle):
    """Each token has its own budget, so one busy integration cannot spend its owner's other tokens';
    a browser session counts per user, and an anonymous caller per client address."""

    scope = "token"

    def get_rate(self):
        # Read at each request rather than frozen at import, so a changed setting (IKU_API_BATAS) takes effect.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        prefix = getattr(request.auth, "prefix", None)
        if prefix:
            ident = f"t-{prefix}"
        elif request.user and request.user.is_authenticated:
            ident = f"u-{request.user.pk}"
        else:
            ident = f"a-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
