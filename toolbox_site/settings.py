"""Settings for the Toolbox Cliëntondersteuning Twente.

One module, read from the environment. Development defaults are safe: DEBUG is
off unless asked for, and with DEBUG off the site refuses to start without a
real SECRET_KEY.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    """Read a strict boolean: only "True" or "False" (any case) are accepted."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() == "true":
        return True
    if value.lower() == "false":
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def read_env_file(path):
    """Development convenience: KEY=VALUE lines from ``.env`` (written by `make setup`).

    The real environment always wins, and production has no ``.env`` file, so
    there DEBUG stays off unless it is set.
    """
    if not path or not Path(path).is_file():
        return
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip())


read_env_file(os.environ.get("ENV_FILE", BASE_DIR / ".env"))

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"

DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or is the development key. Set a long random "
            "SECRET_KEY in the environment, or DEBUG=True for development."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if not DEBUG and len(SECRET_KEY) < 50:
    # As `check --deploy` advises: a short key can be guessed.
    raise ImproperlyConfigured(
        "SECRET_KEY is too short: use at least 50 random characters when DEBUG is off."
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "clientondersteuning@ggdtwente.nl")
# The region shown to anonymous visitors on pages that span municipalities.
DEFAULT_REGION = os.environ.get("DEFAULT_REGION", "twente")

# The toolbox's own apps, one per feature. Their order is the order in which seed_demo
# loads their demo data; toolbox_site comes before django.contrib.auth (visits.py).
TOOLBOX_APPS = [
    "toolbox_site",
    "criteria",
    "network",
    "finder",
    "monitoring",
    "glossary",
    "municipalities",
    "documents",
    "search",
    "practice",
    "material",
    "callbacks",
]

INSTALLED_APPS = [
    *TOOLBOX_APPS,
    # Django's admin, its site in toolbox_site/admin_site.py.
    "toolbox_site.admin_site.ToolboxAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",  # loads each app's rules.py
    "axes",
    "csp",
    "simple_history",
    "django_filters",
]

MIDDLEWARE = [
    # Outermost, so that every response gets these headers, also the 400 for a
    # bad Host header or bad input made by the middleware below.
    "toolbox_site.middleware.ResponseHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # NUL characters never reach the database (PostgreSQL refuses them).
    "toolbox_site.middleware.RejectBadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Data versions (cache keys) read once per GET request.
    "toolbox_site.freshness.VersionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "toolbox_site.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Field history (django-simple-history) records who made a change.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "toolbox_site.urls"
WSGI_APPLICATION = "toolbox_site.wsgi.application"

# Django's Jinja2 backend: translations, url(), static() as in the Django templates.
JINJA2 = {"environment": "toolbox_site.jinja.environment", "extensions": ["jinja2.ext.i18n"]}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "toolbox_site.context_processors.site",
                "network.extensions.context",
                "criteria.extensions.context",
            ],
        },
    },
    # Django's Jinja2 backend (autoescaped), for the few repeated blocks that the Django
    # engine cannot render within a page's time (templates in each app's jinja2/ folder).
    {"BACKEND": "django.template.backends.jinja2.Jinja2", "APP_DIRS": True, "OPTIONS": JINJA2},
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# No server-side cursors: Django opens one for every ModelChoiceField it renders
# (QuerySet.iterator), three round trips for a list of a dozen options (0.6 ms each
# on a form page). The toolbox never streams a large result; a pooler in transaction
# mode (PgBouncer) cannot keep such cursors either.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# PostgreSQL: parameters bound on the server, so a statement run again on the same
# connection is prepared once and skips the planner (for the joins of a page built
# on a cold cache that is 0.5-1.5 ms a query). DATABASE_PREPARE_THRESHOLD: after how
# many runs a statement is prepared (psycopg's default, 5); 0 turns it off, for a
# pooler in transaction mode that cannot keep prepared statements (PgBouncer before
# 1.21, or without max_prepared_statements).
PREPARE_THRESHOLD = envint("DATABASE_PREPARE_THRESHOLD", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PREPARE_THRESHOLD > 0:
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": PREPARE_THRESHOLD,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches: "default" holds page parts (toolbox_site/freshness.py, whose keys carry
# data versions read from the database, so no process serves a stale copy); "limits"
# holds the rate-limit counters (password reset, residents' reports), which no page
# part can evict. One machine: each process keeps both in memory. Several machines:
# CACHE_URL=redis://host:6379/0 moves both to one Redis (Django's RedisCache), so
# the limits count across every process.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "limits")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "parts",
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 1000)},
        },
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits",
            "OPTIONS": {"MAX_ENTRIES": envint("LIMITS_MAX_ENTRIES", 100_000)},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's own says "too short" in English (its Dutch catalogue lags behind).
    {"NAME": "toolbox_site.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Axes first, so a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, reading the user with their memberships in one query.
    "toolbox_site.backends.AccountBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_toolbox"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes): 5 failures lock the username + IP pair.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The number of trusted proxies in front (each appends to X-Forwarded-For).
PROXY_COUNT = envint("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "toolbox_site.security.client_ip"
# Never longer than the lockout record's column (a longer name gave a 500 on PostgreSQL).
AXES_USERNAME_CALLABLE = "toolbox_site.security.axes_username"
AXES_ENABLE_ADMIN = True
# An invitation link (a new colleague chooses a first password) stays valid this long.
INVITATION_TIMEOUT_DAYS = envint("INVITATION_TIMEOUT_DAYS", 7)
# The free text of a residents' report ("Klopt er iets niet?") is erased this many days
# after the report was closed (manage.py erase_report_texts, daily from cron).
REPORT_TEXT_RETENTION_DAYS = envint("REPORT_TEXT_RETENTION_DAYS", 90)
# Uploaded spreadsheets (toolbox_site/uploads.py): an XLSX file may unpack to at most this.
UPLOAD_XLSX_MAX_UNPACKED = envint("UPLOAD_XLSX_MAX_UNPACKED", 20 * 1024 * 1024)
# Password reset mails per hour: per address, and requests per client.
PASSWORD_RESET_LIMIT_PER_ADDRESS = envint("PASSWORD_RESET_LIMIT_PER_ADDRESS", 3)
PASSWORD_RESET_LIMIT_PER_CLIENT = envint("PASSWORD_RESET_LIMIT_PER_CLIENT", 10)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
# Dates "5 december 2026", date-times "5 december 2026 00:19" in both languages.
FORMAT_MODULE_PATH = ["toolbox_site.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or envbool("PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# No URL serves MEDIA_ROOT: kept files are served by views that check who may read them.
MEDIA_URL = "/media/"
# The toolbox's documents (documents/): on this machine's disk under MEDIA_ROOT, or, with
# DOCUMENTS_S3_BUCKET, in an S3-compatible store that every app server shares
# (django-storages, the optional "s3" dependencies; credentials from the standard
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables). See README, several machines.
DOCUMENTS_S3_BUCKET = os.environ.get("DOCUMENTS_S3_BUCKET", "")
if DOCUMENTS_S3_BUCKET:
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            "endpoint_url": os.environ.get("DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DOCUMENTS_S3_REGION") or None,
            "location": os.environ.get("DOCUMENTS_S3_PREFIX", "documents"),
            # Private objects, never overwritten; the download view streams them.
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT / "documents", "file_permissions_mode": 0o640},
    }
# An uploaded document (PDF, DOCX, XLSX, ODT) may be at most this many bytes.
DOCUMENT_MAX_BYTES = envint("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# E-mail: printed to the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "toolbox@clientondersteuningtwente.nl")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. HTTPS settings default on in production and can be turned
# off (or told about a TLS-terminating proxy) through the environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Database sessions that name their account: the session, the account and its
# memberships are read in one query (toolbox_site/sessions.py).
SESSION_ENGINE = "toolbox_site.sessions"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers check health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
