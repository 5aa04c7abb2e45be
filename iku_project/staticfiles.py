"""Which files of the npm packages a deploy collects.

The packages ship far more than the pages and PDFs use: RTL and ESM builds, unminified copies and
their source maps, the partial Bootstrap builds, htmx's extensions and module wrappers, and DejaVu
faces no stylesheet names. Collecting them put 60 MB and 1,363 files through the manifest hasher
and two compressors on every deploy (over two minutes). ``tests/test_settings_deploy.py`` checks
that every file a template or stylesheet names is still collected.
"""

import os

from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import AppDirectoriesFinder, FileSystemFinder

# Matched against a file's name and its path inside its package folder. The source maps of the two
# minified Bootstrap files in use stay: the manifest storage follows their sourceMappingURL comments.
VENDOR_TIDAK_DIPAKAI = [
    "*.rtl.*",
    "*.esm.*",
    "*.d.ts",
    "*.scss",
    "*.ts",
    "*.gz",
    "bootstrap-grid*",
    "bootstrap-reboot*",
    "bootstrap-utilities*",
    "bootstrap.css",
    "bootstrap.css.map",
    "bootstrap.js",
    "bootstrap.js.map",
    "bootstrap.min.js",
    "bootstrap.min.js.map",
    "bootstrap.bundle.js",
    "bootstrap.bundle.js.map",
    "bootstrap-icons.css",
    "bootstrap-icons.json",
    "htmx.js",
    "htmx.amd.js",
    "htmx.cjs.js",
    "ext",
    "DejaVuMathTeXGyre.ttf",
    "DejaVuSansMono*",
    "DejaVuSerifCondensed*",
    "DejaVu*Oblique.ttf",
    "DejaVu*BoldItalic.ttf",
    "DejaVuSans-ExtraLight.ttf",
]


class FinderTanpaVendorLebih(FileSystemFinder):
    """``STATICFILES_DIRS``, less the vendor files listed above, for ``collectstatic``.

    Only listing is narrowed: ``find`` (what ``runserver`` and the PDF fetcher use) is untouched.
    """

    def list(self, ignore_patterns):
        for prefix, root in self.locations:
            if not os.path.isdir(root):
                continue
            patterns = [*(ignore_patterns or []), *(VENDOR_TIDAK_DIPAKAI if prefix.startswith("vendor/") else [])]
            storage = self.storages[root]
            for path in utils.get_files(storage, patterns):
                yield path, storage


# Of the apps' own static files: the API's documentation uses Swagger UI only (docs/DESIGN.md §3.6), so
# drf-spectacular-sidecar's Redoc, and DRF's browsable-API assets (the API answers JSON only), stay out.
# (A folder is matched by its name alone, a file by its whole path: hence the "/*".)
APLIKASI_TIDAK_DIPAKAI = ["drf_spectacular_sidecar/redoc/*", "rest_framework"]


class FinderAplikasiTanpaLebih(AppDirectoriesFinder):
    """The installed apps' ``static/`` folders, less the folders listed above, for ``collectstatic``."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *APLIKASI_TIDAK_DIPAKAI])
