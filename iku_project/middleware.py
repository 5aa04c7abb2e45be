"""Response headers that every page of a logged-in user and every PDF must carry."""

from django.utils.cache import add_never_cache_headers, patch_vary_headers

PDF = "application/pdf"
# A PDF may carry JavaScript (/OpenAction); in a sandbox it cannot act in the site's origin.
CSP_PDF = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'"


class HeaderKeamananMiddleware:
    """``Cache-Control: no-store`` on everything a logged-in user receives, and a sandbox on every PDF.

    A logged-in page or download (reports, scans) holds a kecamatan's data: a
    shared computer's browser cache or a proxy must not keep it after logout.
    Listed before django-csp's middleware so that the PDF policy is the one sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        if response.get("Content-Type", "").split(";")[0].strip() == PDF:
            response["Content-Security-Policy"] = CSP_PDF
            response["X-Content-Type-Options"] = "nosniff"
            disposition = response.get("Content-Disposition", "")
            if not disposition.startswith("attachment"):
                # Browsers refuse to show a sandboxed PDF inline; as a download it opens outside the site.
                response["Content-Disposition"] = "attachment" + disposition[len("inline") :]
        return response
