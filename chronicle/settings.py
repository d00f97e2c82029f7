"""Settings for Chronicle, read from the environment with safe local defaults.

DJANGO_DEBUG (default "1"), DJANGO_SECRET_KEY (required when debug is off),
DJANGO_ALLOWED_HOSTS (comma-separated), DATABASE_URL (default SQLite in the
project root), DJANGO_SECURE_SSL_REDIRECT and DJANGO_BEHIND_PROXY for
deployments behind a TLS-terminating proxy.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from timeline.paths import FIXTURES_DIR

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


# --- Core -------------------------------------------------------------------

DEBUG = env_flag("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Only ever used with debug on, on a developer's own machine.
    SECRET_KEY = "django-insecure-local-development-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
if DEBUG:
    # The test client and pytest's live server use "testserver".
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]

ROOT_URLCONF = "chronicle.urls"
WSGI_APPLICATION = "chronicle.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications -----------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "simple_history",
    "axes",
    "timeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Event indexes include the id for PostgreSQL's index-only scans; SQLite ignores
# "include" (its indexes always hold the row id), which is what this warns about.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Cache ------------------------------------------------------------------

# Facet counts and their HTML are cached per filter set (timeline/facet_cache.py).
# Each process has its own memory cache by default, so with several gunicorn
# workers an edit is seen at once only by the worker that saved it, and by the
# others within facet_cache.TIMEOUT. DJANGO_CACHE_DIR gives the workers of one
# host one shared cache on disk; DJANGO_CACHE_URL (redis://host:6379/0) gives
# every worker of every host one cache server, so an edit made on any host
# invalidates the counts on all of them at once. The URL wins when both are set.
CACHE_KEY_PREFIX = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "chronicle")
SHARED_CACHES = (
    ("DJANGO_CACHE_URL", "django.core.cache.backends.redis.RedisCache"),
    ("DJANGO_CACHE_DIR", "django.core.cache.backends.filebased.FileBasedCache"),
)
for variable, backend in SHARED_CACHES:
    if os.environ.get(variable):
        CACHES = {"default": {"BACKEND": backend, "LOCATION": os.environ[variable], "KEY_PREFIX": CACHE_KEY_PREFIX}}
        break
# DJANGO_CACHE=none turns the cache off (Django's DummyCache): every request counts its
# facets anew, as on a cold cache. For measuring (scripts/compare_datasette.sh), not for serving.
if os.environ.get("DJANGO_CACHE") == "none":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# --- Database ---------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,  # a kept connection is checked before reuse, so a database restart is survived
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The CI server is trusted-auth; the test runner makes its own database.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("DJANGO_TEST_DATABASE", "test_chronicle")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # In SQLite's default journal a long read (a big CSV export) blocks an editor's
    # save until it fails with "database is locked"; WAL lets them run side by side,
    # and IMMEDIATE makes a writer queue for the lock instead of failing mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # A 64 MB page cache: the benchmark's search partial went from 109 to 72 ms with it.
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
        transaction_mode="IMMEDIATE",
    )

# --- Fixtures ---------------------------------------------------------------

FIXTURE_DIRS = [FIXTURES_DIR]

# --- Static files -----------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Security ---------------------------------------------------------------

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "admin:login"

# Brute-force protection for the admin login (django-axes): five failures from
# one address lock it out for an hour. Behind a proxy every client shares the
# proxy's address: see SECURITY.md before deploying that way.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True

if not DEBUG:
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
    if env_flag("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Fetching articles ------------------------------------------------------

# timeline/ingest/fetch.py refuses every address that is not public, so an editor's link
# cannot reach this server's own network. The tests' local server needs 127.0.0.0/8 (only
# that: private ranges and ::1 stay refused). The limits bound a whole fetch, redirects included.
CHRONICLE_FETCH_ALLOW_LOOPBACK = False
CHRONICLE_FETCH_LIMITS = {"timeout": 10, "max_bytes": 5 * 1024 * 1024, "max_redirects": 5}

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
