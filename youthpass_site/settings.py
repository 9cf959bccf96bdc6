"""Settings for the Youthpass platform.

Every value that differs between deployments comes from the environment. The
defaults run the demo on one machine with nothing else installed: SQLite, e-mail
printed to the console, files on the local disk.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from youthpass_site.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY, or DEBUG=1 for a development server.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105

# Encrypts the organisations' credential signing keys (certificates.credentials.keys): 32
# random bytes in URL-safe base64. Without it a development server derives one; with DEBUG
# off `check --deploy` fails and nothing can be issued.
CREDENTIAL_KEY = env_str("CREDENTIAL_KEY")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "accounts",
    "projects",
    "participants",
    "certificates",
    "support",
    "audit",
    "jobs",
    "dashboard",
    "demo",
    "privacy",
    "youthpass_site.apps.SiteConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "axes",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "youthpass_site.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "youthpass_site.urls"
WSGI_APPLICATION = "youthpass_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "youthpass_site.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite takes its write lock when a transaction begins, so that a transaction that
    # reads before it writes (the guards against a double start) is never interleaved.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("lv", _("Latvian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Erasmus+ and the European Solidarity Corps take part with Kosovo, which ISO 3166 has no
# code for yet; XK is the code the European Commission uses.
COUNTRIES_OVERRIDE = {"XK": {"names": [_("Kosovo")], "alpha3": "XKX"}}
FORMAT_MODULE_PATH = ["youthpass_site.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Riga")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"
# Stored files (certificate PDFs, ZIPs, logos, journal photos) go through Django's storage
# API: the local MEDIA_ROOT by default; with STORAGE_BUCKET set, an S3-compatible object
# storage that every app server and worker shares. Files are never public: they are
# served by views that check who may see them.
if env_str("STORAGE_BUCKET"):
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("STORAGE_BUCKET"),
            "endpoint_url": env_str("STORAGE_ENDPOINT_URL") or None,
            "region_name": env_str("STORAGE_REGION") or None,
            "access_key": env_str("STORAGE_ACCESS_KEY") or None,
            "secret_key": env_str("STORAGE_SECRET_KEY") or None,
            "location": env_str("STORAGE_PREFIX"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
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

# E-mail: printed to the console unless EMAIL_HOST names an SMTP server.
if env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Youthpass <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Background tasks (bulk e-mails, bulk issue, ZIPs) are queued in the database and done
# by `manage.py db_worker` processes, as many as the load needs, on any machine.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How many workers one job asks for: each takes the next participant when it is free.
JOBS_PARALLEL = env_int("JOBS_PARALLEL", 4)
# A job without progress for this long has lost its worker; the organiser may restart it.
JOBS_STALLED_AFTER_MINUTES = env_int("JOBS_STALLED_AFTER_MINUTES", 10)
# A task's result file (a ZIP of certificates) is served this long after the task finished,
# then deleted by `manage.py delete_expired_results`, run daily.
JOB_RESULTS_KEEP_DAYS = env_int("JOB_RESULTS_KEEP_DAYS", 7)

# Rate limits, per hour: e-mails that sign-up and password reset send to one address and
# that one client may ask for; certificate IDs one client may look up.
MAIL_LIMIT_PER_ADDRESS = env_int("MAIL_LIMIT_PER_ADDRESS", 3)
MAIL_LIMIT_PER_CLIENT = env_int("MAIL_LIMIT_PER_CLIENT", 10)
VERIFY_LIMIT_PER_CLIENT = env_int("VERIFY_LIMIT_PER_CLIENT", 100)
# Certificate files (PDF or credential) one client may upload to /verify/ to be checked.
VERIFY_FILE_LIMIT_PER_CLIENT = env_int("VERIFY_FILE_LIMIT_PER_CLIENT", 30)
# The largest such file: a certificate's PDF is well under a megabyte.
VERIFY_FILE_MAX_BYTES = 10 * 1024 * 1024
# Certificate previews one person may have made: each costs a render of the whole PDF.
PREVIEW_LIMIT_PER_USER = env_int("PREVIEW_LIMIT_PER_USER", 60)
# The rate limits count in this cache. Several app processes share counts only through a
# shared cache: set CACHE_TABLE to keep them in the database (after `manage.py
# createcachetable`); otherwise each process counts on its own.
if env_str("CACHE_TABLE"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": env_str("CACHE_TABLE"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The largest uploaded image (logo, journal photo), in pixels: decoding one costs up to
# 6 bytes a pixel (PNG, progressive JPEG), a WebP about 16. The defaults (a 12-megapixel
# phone photo) keep an upload under about 100 MB of a worker's memory.
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 12_500_000)
IMAGE_MAX_WEBP_PIXELS = env_int("IMAGE_MAX_WEBP_PIXELS", 4_000_000)

# Participant lists read from spreadsheets (dashboard import). Every limit bounds the work
# done for one upload, whatever the file claims about itself.
SPREADSHEET_MAX_BYTES = env_int("SPREADSHEET_MAX_BYTES", 2 * 1024 * 1024)
SPREADSHEET_MAX_ROWS = env_int("SPREADSHEET_MAX_ROWS", 2000)
# Reading stops after this many empty rows in a row: the list has ended.
SPREADSHEET_MAX_EMPTY_ROWS = env_int("SPREADSHEET_MAX_EMPTY_ROWS", 500)
# An XLSX file is a ZIP archive: what all its parts may unpack to, and the sheet alone.
SPREADSHEET_MAX_UNPACKED_BYTES = env_int("SPREADSHEET_MAX_UNPACKED_BYTES", 30 * 1024 * 1024)
SPREADSHEET_MAX_SHEET_BYTES = env_int("SPREADSHEET_MAX_SHEET_BYTES", 5 * 1024 * 1024)
# The cells a sheet's declared size (its used range, rows x columns) may span.
SPREADSHEET_MAX_SHEET_CELLS = env_int("SPREADSHEET_MAX_SHEET_CELLS", 1_000_000)
# Files read at the same time on one machine; one more upload is asked to try again soon.
SPREADSHEET_PARALLEL_READS = env_int("SPREADSHEET_PARALLEL_READS", 2)

# How long an e-mailed invitation link stays valid.
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 14)
# How many pages a participant's own texts may fill on the certificate (estimated from
# their characters and lines; see youthpass_site/lib/pages.py). Eleven texts of 4,000
# characters in paragraphs fill about 14.
CERTIFICATE_MAX_TEXT_PAGES = env_int("CERTIFICATE_MAX_TEXT_PAGES", 16)
# And all the free texts a certificate prints: the participant's, the project's description
# and activities, and the supervisor's assessment. Nothing longer is laid out.
CERTIFICATE_MAX_PAGES = env_int("CERTIFICATE_MAX_PAGES", 30)

# The seal on every certificate PDF (PAdES): the operator's signing certificate as a
# PKCS#12 file and its password, or the platform's own, made by `manage.py
# init_pdf_signing` in PDF_SIGNING_DIR (never served; only its root certificate is
# offered on the verification page). A development server makes its own on first use.
PDF_SIGNING_P12 = env_str("PDF_SIGNING_P12")
PDF_SIGNING_P12_PASSWORD = env_str("PDF_SIGNING_P12_PASSWORD")
PDF_SIGNING_DIR = Path(env_str("PDF_SIGNING_DIR", str(MEDIA_ROOT / "pdf-signing")))
# An RFC 3161 timestamp server: with it, each seal carries a trusted time (PAdES B-T).
PDF_TIMESTAMP_URL = env_str("PDF_TIMESTAMP_URL")

# Participants' records are pseudonymised this many years after their project ended
# (manage.py apply_retention, run daily).
RETENTION_YEARS = env_int("RETENTION_YEARS", 6)

# Comparing two versions of a text (the review and history pages) stops after this many
# steps and shows the rest as rewritten, so that no pair of texts can hold up a worker.
TEXT_DIFF_MAX_STEPS = env_int("TEXT_DIFF_MAX_STEPS", 50_000)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Repeated failed logins for one address from one client lock that pair out for a while.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Reverse proxies in front of the app; the client's address is read as
# youthpass_site.lib.clients says, for the lockout and the rate limits alike.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "youthpass_site.lib.clients.client_address"
# Failed attempts are kept for the lockout; nothing else about logins is stored or logged.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Browser features no page of the site uses, refused to every origin.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step at INFO; only its problems matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
