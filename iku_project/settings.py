"""Settings for IKU Kecamatan: one module, configured from the environment.

Every value a deployment may change is read from an environment variable; the
defaults are those of a developer's machine (SQLite file, local media folder).
"""

import datetime
import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

# pyHanko (electronic signatures) needs lxml; with lxml importable, openpyxl would parse workbooks with it
# instead of defusedxml, and a workbook declaring XML entities would no longer be refused
# (indikator/impor/reader/). openpyxl reads this once, on first import, which comes after the settings.
os.environ["OPENPYXL_LXML"] = "False"


env = environ.Env()
# An empty variable counts as unset (as `VAR=` in a unit or compose file is meant), so it takes the default.
env.ENVIRON = {name: value for name, value in os.environ.items() if value != ""}


def secret(name: str) -> str:
    # Read verbatim: django-environ would take a value starting with "$" for the name of another variable.
    return os.environ.get(name, "")


DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see README, section Konfigurasi).")
    # Only ever used on a developer's machine: DEBUG is on and no key was given.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", cast=str.strip, default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[])
# The public address printed and QR-coded on approved reports (e.g. https://iku.lumajangkab.go.id).
# Empty: the address the approving request came in on.
IKU_URL_DASAR = env.str("IKU_URL_DASAR", default="")

INSTALLED_APPS = [
    "iku_project.apps.IKUAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "iku_project.apps.IKUProjectConfig",
    "pekerjaan",
    "wilayah",
    "kecamatan",
    "desa",
    "notifikasi",
    "skm",
    "indikator",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before CSPMiddleware, so its headers (no-store, the PDF sandbox) are set last.
    "iku_project.middleware.HeaderKeamananMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every view needs a login unless marked @login_not_required (the public pages, docs/DESIGN.md §3.5).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "iku_project.audit.AksesDitolakMiddleware",
    "kecamatan.middleware.WajibGantiSandiMiddleware",
    "kecamatan.middleware.OperatorDesaMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iku_project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kecamatan.context_processors.keanggotaan",
                "notifikasi.context_processors.lonceng",
            ],
        },
    },
]

WSGI_APPLICATION = "iku_project.wsgi.application"

DATABASES = {
    "default": {
        **env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        "CONN_MAX_AGE": env.int("DB_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
    }
}


def sqlite_options() -> dict:
    """SQLite with several writers (gunicorn workers, threads): queue for the lock, never fail at once.

    WAL lets readers go on while one writes; IMMEDIATE takes the write lock at BEGIN, so a
    transaction that reads before it writes waits for the lock (up to the busy timeout)
    instead of failing with "database is locked" when it tries to upgrade.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=30),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **sqlite_options()}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache: computed dashboard figures (indikator/tembolok.py, keyed by the kecamatan's data
# versions), the API throttle and the per-address limits. Local memory per process by default; with
# several processes or machines set REDIS_URL so they share it (README, Konfigurasi).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="iku"),
            "TIMEOUT": env.int("CACHE_TIMEOUT", default=24 * 3600),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "iku",
            "TIMEOUT": env.int("CACHE_TIMEOUT", default=24 * 3600),
            # A kabupaten's figures are one entry; a national roll-up about 500. Room for both and more.
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=5000)},
        }
    }

AUTHENTICATION_BACKENDS = [
    # Refuses a username/IP pair after AXES_FAILURE_LIMIT failures, before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Email (password reset). Without EMAIL_HOST no email can leave, so the "lupa kata sandi"
# link and pages are off; RESET_SANDI_EMAIL can force either way.
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
# Reminders and digests (docs/DESIGN.md §2.7) go out by SMTP when EMAIL_HOST is set; without it they are
# printed on the console (``make run``), so no email can leave by accident.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="IKU Kecamatan <noreply@localhost>")
RESET_SANDI_EMAIL = env.bool("RESET_SANDI_EMAIL", default=bool(EMAIL_HOST))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "indikator:beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Off, so that years and codes never print as "2.025"; counts are grouped explicitly
# with the |angka filter.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Third-party assets come from the npm registry at set-up (package.json), never
# from a CDN and never committed; they are served from node_modules by prefix.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    # The PDF reports embed this font, so they look the same whatever the host has installed.
    ("vendor/dejavu", NODE_MODULES / "dejavu-fonts-ttf" / "ttf"),
]

STATICFILES_FINDERS = [
    "iku_project.staticfiles.FinderTanpaVendorLebih",
    "iku_project.staticfiles.FinderAplikasiTanpaLebih",
]
# The DejaVu fonts are read from disk by the PDF renderer, and source maps only by a developer's
# tools: compressing them (brotli at its highest level) was most of what collectstatic still spent.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf", "map")

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Media is never served by URL: bukti pendukung go through a view that checks
# the user. MEDIA_URL is set only so that Django does not complain.
MEDIA_URL = "/media-tidak-dilayani/"

# Bukti pendukung and scans: local disk by default, S3-compatible object storage
# (MinIO, AWS, …) with STORAGE_BACKEND=s3. Either way they are private and only
# ever served through the application's own views.
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="local")
if STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET", default=""),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": secret("S3_ACCESS_KEY_ID") or None,
            "secret_key": secret("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND == "local":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'local' or 's3'.")

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Upload limits for bukti pendukung and desa document scans.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

# Lampiran I of the Laporan Capaian PDF lists at most this many kegiatan (about 3 s and
# 100 pages per 1,000); the rest are counted in a note and listed in full in the XLSX.
LAPORAN_PDF_MAKS_KEGIATAN = env.int("LAPORAN_PDF_MAKS_KEGIATAN", default=1000)

# An XLSX export (kegiatan list, desa matrix, data workbook, SKM report) of more rows than this is written
# by the job worker and downloaded from its status page; a smaller one is answered at once (10,000 rows
# took 3.2 s in `make bench`, so 2,000 stay well under the second a request may spend).
EKSPOR_SINKRON_MAKS_BARIS = env.int("EKSPOR_SINKRON_MAKS_BARIS", default=2000)

# Background jobs (docs/DESIGN.md §3.7, docs/adr/0003-job-engine.md): Django's Tasks API through the
# django-tasks backport. "database" (default): the queue is a table of this database and `make run` starts
# its worker; "rq": Redis at REDIS_URL through RQ, for several machines. Either way the worker is
# `manage.py pekerjaan_worker`.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
PEKERJAAN_ANTREAN = env.str("PEKERJAAN_ANTREAN", default="default")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": [PEKERJAAN_ANTREAN]}}
elif TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (the Redis that holds the queue).")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [PEKERJAAN_ANTREAN]}}
    # Its rqworker command only with RQ; its admin dashboard stays off (superuser pages outside the admin
    # sweep's scoping, and JSON stats views without the admin's login).
    INSTALLED_APPS.append("django_rq")
else:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'database' or 'rq'.")
RQ_SHOW_ADMIN_LINK = False
# A job may run this long on RQ before RQ kills it (a large import, a signed approval).
# Without REDIS_URL the database backend runs the jobs; the RQ tests still find the local Redis here.
RQ_QUEUES = {
    PEKERJAAN_ANTREAN: {
        "URL": REDIS_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": env.int("PEKERJAAN_BATAS_WAKTU", default=1800),
    }
}
# The running worker touches its job every PEKERJAAN_DETAK_DETIK seconds; a job whose heartbeat is older
# than PEKERJAAN_DETAK_BATAS_DETIK lost its worker: it is re-queued once (PEKERJAAN_PERCOBAAN_MAKS attempts
# in all), then failed.
PEKERJAAN_DETAK_DETIK = env.float("PEKERJAAN_DETAK_DETIK", default=5.0)
PEKERJAAN_DETAK_BATAS_DETIK = env.int("PEKERJAAN_DETAK_BATAS_DETIK", default=60)
PEKERJAAN_PERCOBAAN_MAKS = 2
# A job no worker has taken after this many seconds is failed (the queue lost it, or no worker runs).
PEKERJAAN_ANTRE_BATAS_DETIK = env.int("PEKERJAAN_ANTRE_BATAS_DETIK", default=900)

# Which documents belong to an IKU 2 measurement year (docs/DESIGN.md §2.3).
IKU2_BASIS = env.str("IKU2_BASIS", default="jatuh_tempo")
if IKU2_BASIS not in {"jatuh_tempo", "tahun_anggaran"}:
    raise ImproperlyConfigured("IKU2_BASIS must be 'jatuh_tempo' or 'tahun_anggaran'.")

# Tanda tangan elektronik (TTE) on approved reports (docs/tanda-tangan.md).
# PEM/DER files of the CA certificates a signature must chain to (e.g. BSrE's root and intermediate).
IKU_TTE_TRUST_ROOTS = env.list("IKU_TTE_TRUST_ROOTS", cast=str.strip, default=[])
# RFC 3161 timestamp authority: set it and approvals are signed PAdES B-T.
IKU_TTE_TSA_URL = env.str("IKU_TTE_TSA_URL", default="")
# Embed the chain's revocation data (CRL/OCSP) at signing: PAdES B-LT with a TSA. Needs the network.
IKU_TTE_LTV = env.bool("IKU_TTE_LTV", default=False)
# Fetch CRL/OCSP when verifying (off: verification works offline against the trust roots only).
IKU_TTE_AMBIL_REVOKASI = env.bool("IKU_TTE_AMBIL_REVOKASI", default=False)
# A PKCS#11 token (hardware) for one pejabat, instead of a PKCS#12 file; the PIN is typed at approval.
IKU_TTE_PKCS11 = {
    "MODULE": env.str("IKU_TTE_PKCS11_MODULE", default=""),
    "TOKEN_LABEL": env.str("IKU_TTE_PKCS11_TOKEN_LABEL", default=""),
    "KEY_LABEL": env.str("IKU_TTE_PKCS11_KEY_LABEL", default=""),
    "CERT_LABEL": env.str("IKU_TTE_PKCS11_CERT_LABEL", default=""),
    "NIP": env.str("IKU_TTE_PKCS11_NIP", default=""),
}
# The public verification form accepts a PDF up to this size; and so many uploads per IP per 10 minutes.
IKU_TTE_VERIFIKASI_MAX_BYTES = env.int("IKU_TTE_VERIFIKASI_MAX_BYTES", default=20 * 1024 * 1024)
IKU_TTE_VERIFIKASI_PER_10_MENIT = env.int("IKU_TTE_VERIFIKASI_PER_10_MENIT", default=20)
# A PKCS#12 file is a few kilobytes; anything large is not one.
IKU_TTE_PKCS12_MAX_BYTES = 64 * 1024

# The kabupaten the first-run command and the demo data set up.
IKU_KABUPATEN_DEFAULT = env.str("IKU_KABUPATEN_DEFAULT", default="35.08")

SESSION_COOKIE_HTTPONLY = True
# Idle timeout: the session expires after this long without a request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_SAVE_EVERY_REQUEST = True

# Login attempt limiting (django-axes): a username/IP pair is locked out for a
# while after a few failures; a success resets the count.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# The reverse proxies in front (1 behind nginx): X-Forwarded-For is read only as far as they wrote it,
# so a client cannot choose its own address (iku_project/klien.py). 0: REMOTE_ADDR.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "iku_project.klien.alamat_klien"

# Content-Security-Policy: only the application's own scripts, styles, fonts and
# images; no inline script, no framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO; only its warnings are worth a line.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        # Logins, failed logins and denied access (iku_project/audit.py).
        "iku.keamanan": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line per task the worker runs (django-tasks logs each start and end at INFO).
        "django_tasks": {"level": "WARNING"},
    },
}

# Survei Kepuasan Masyarakat: submissions of the public form per client address and window.
SKM_BATAS_KIRIM = env.int("SKM_BATAS_KIRIM", default=30)
SKM_JENDELA_DETIK = env.int("SKM_JENDELA_DETIK", default=3600)

# The JSON API at /api/v1/ (docs/DESIGN.md §3.6, docs/adr/0002-api.md).
# Personal API tokens: valid this many days unless the user picks fewer; never more than IKU_API_TOKEN_MAKS_HARI.
IKU_API_TOKEN_HARI = env.int("IKU_API_TOKEN_HARI", default=90)
IKU_API_TOKEN_MAKS_HARI = 366
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kecamatan.api.auth.TokenAPIAuthentication",
        # The browser (Swagger UI on /api/v1/docs/): the login session, with its CSRF check kept.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["iku_project.api.throttle.PerTokenThrottle"],
    # Requests per token (or per session user) per minute; a field app and a nightly e-SAKIP pull fit well under it.
    "DEFAULT_THROTTLE_RATES": {"token": env.str("IKU_API_BATAS", default="120/minute")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "iku_project.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API IKU Kecamatan",
    "DESCRIPTION": (
        "API JSON versi 1 untuk aplikasi IKU Kecamatan: wilayah, katalog, capaian IKU, kegiatan, bukti pendukung, "
        "dokumen desa, laporan yang disahkan dan hasil SKM. Setiap permintaan memakai token API pribadi "
        "(`Authorization: Token <token>`, dibuat di halaman Akun saya) dan hanya melihat data dalam peran dan "
        "wilayah pemilik token. Perubahan kegiatan memerlukan header `If-Match` berisi ETag terakhir "
        "(412 bila sudah usang, 428 bila tidak ada); pembuatan kegiatan menerima header `Idempotency-Key`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema is read with a token or the login session, like every other API answer.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # Deep links put a link inside each operation's toggle button, which assistive technology cannot reach.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "persistAuthorization": False, "displayOperationId": False},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "iku_project.api.skema.jawaban_galat",
    ],
    "ENUM_NAME_OVERRIDES": {
        "StatusKegiatanEnum": "kecamatan.models.kegiatan.Kegiatan.Status",
        "StatusDokumenEnum": "desa.tenggat.StatusDokumen",
    },
}
