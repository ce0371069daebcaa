"""ReUse settings.

One settings module for every environment: production behaviour is the default and the
environment switches on what a developer needs (``DEBUG=1``). See README, "Configuration".
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used on a developer's machine: DEBUG is on.
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Translated content (catalogue/translation.py); before the admin, as its docs require.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "simple_history",
    "axes",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A query string with control characters is a 400 before any view reads it.
    "reuse.middleware.RejectControlCharactersMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is in the URL (/fr/..., /nl/...); admin and API negotiate it (reuse/locale.py).
    "reuse.locale.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous public pages from the shared cache, keyed by the catalogue's version
    # (catalogue/page_cache.py); after sessions, CSRF and messages, whose state it checks.
    "catalogue.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "reuse.urls"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "reuse.wsgi.application"

# SQLite file by default; DATABASE_URL (postgres://user:pass@host:5432/name) in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real default for concurrent writers (README, "Configuration"): WAL lets readers
    # and a writer work at once; transactions take the write lock when they begin (IMMEDIATE), so
    # they wait for it (busy timeout, in seconds) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the interface speaks English, French and Dutch.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("nl", _("Dutch")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in these languages: django-modeltranslation adds a column per language to each
# translated field (catalogue/translation.py); the fallback rules are in
# catalogue/models/multilingual.py.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

# The shared cache (API throttling counters, shared by every worker): the database by default
# (`manage.py createcachetable` creates its table; a migration runs it too), Redis when
# REDIS_URL is set (e.g. redis://localhost:6379/0).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "reuse_cache"}
    ),
    # Anonymous pages and facet counts (catalogue/caching.py), keyed by the catalogue's
    # version: their own table, so many pages never cull the throttle counters; in Redis, the
    # same server under their own prefix.
    "pages": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "reuse_page_cache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "2000"))},
        }
    ),
}
# The longest a cached page or facet count lives (seconds; 0: no page caching). Any public
# change makes older entries unreachable at once; this only bounds what time alone changes.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# How many reverse proxies of ours stand in front of the application. 0 (the default): the
# connecting address is the client's and X-Forwarded-For is ignored. N: the client is the N-th
# address from the end of X-Forwarded-For. Used by API throttling and the login lockout alike
# (reuse/client_ip.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Where the Django admin lives; a non-obvious path keeps noise out of the logs.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

# Security headers. HTTPS-only settings default on in production and off in DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: scripts and styles from this site only, no inline script.
# Inline *styles* are allowed for the Django admin and Swagger UI, which set style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): after 5 failures for a username from an address, that
# combination is locked for 15 minutes. Keyed on username AND address, the client's address as
# reuse/client_ip.py finds it (behind proxies too): a stranger locks only their own attempts.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "reuse.client_ip.client_ip"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Roles: the editors' group, and the demo accounts (created only when DEBUG is on).
EDITORS_GROUP = "Catalogue editors"
SUBMITTERS_GROUP = "Institution submitters"
REUSE_DEMO_PASSWORD = os.environ.get("REUSE_DEMO_PASSWORD", "reuse-demo")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "reuse@localhost")

# Public forms: reuse requests, the contact page, the newsletter (catalogue/community/).
# Rate limits per client address and per e-mail address ("N/minute|hour|day").
COMMUNITY_RATE_LIMITS = {
    "contact-ip": os.environ.get("CONTACT_RATE_PER_IP", "10/hour"),
    "contact-email": os.environ.get("CONTACT_RATE_PER_EMAIL", "5/hour"),
    "newsletter-ip": os.environ.get("NEWSLETTER_RATE_PER_IP", "10/hour"),
    "newsletter-email": os.environ.get("NEWSLETTER_RATE_PER_EMAIL", "3/hour"),
}
# A form sent back faster than this was not filled in by a person; older than the maximum age
# it is refused as expired (the signed timestamp of catalogue/community/protection.py).
COMMUNITY_MIN_FILL_SECONDS = float(os.environ.get("COMMUNITY_MIN_FILL_SECONDS", "3"))
COMMUNITY_FORM_MAX_AGE_SECONDS = 24 * 3600
# The site's address, for links in newsletters sent by the command (no request to ask).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Signed newsletter links: confirmation and "manage my data" expire; unsubscribing never does.
NEWSLETTER_CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 3600
NEWSLETTER_MANAGE_MAX_AGE_SECONDS = 2 * 24 * 3600

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_PARSER_CLASSES": ["catalogue.api.parsers.BoundedJSONParser"],
    # The API is public and read-only (plus the calculator): no authentication at all, so no
    # HTTP Basic password oracle and no CSRF-exempt session writes.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["catalogue.api.filtering.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "catalogue.api.pagination.CataloguePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": ["catalogue.api.throttling.AnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "600/minute"),
        "roi-calculate": os.environ.get("API_CALCULATE_RATE", "1200/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ReUse catalogue API",
    "DESCRIPTION": (
        "Read access to the published catalogue of reusable public-sector software "
        "(components, institutions, projects, case studies, taxonomies), publiccode.yml "
        "exports, and the reuse-savings (ROI) model."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge from the online validator (an outside request the CSP would refuse anyway).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PublicationEnum": "catalogue.models.publishing.Publication",
    },
    # The read API is public: no security schemes, so no "Authorize" button or locks.
    "AUTHENTICATION_WHITELIST": [],
    # Examples, blank filter values, request limits (catalogue/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "catalogue.api.schema.postprocess",
    ],
}

# Catalogue presentation.
CATALOGUE_PAGE_SIZE = 20
# Who runs the catalogue: the publisher of the ADMS-AP catalogue and the agency of code.json.
# Empty: the site itself (named by its title), rather than a guessed organisation.
CATALOGUE_PUBLISHER_NAME = os.environ.get("CATALOGUE_PUBLISHER_NAME", "")
CATALOGUE_PUBLISHER_URL = os.environ.get("CATALOGUE_PUBLISHER_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Opt in now to the Django 6.0 default for URL form fields.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Harvester of publiccode.yml files (catalogue/publiccode/harvest.py, `manage.py harvest`).
HARVEST_TIMEOUT = float(os.environ.get("HARVEST_TIMEOUT", "20"))  # seconds per request
HARVEST_WORKERS = int(os.environ.get("HARVEST_WORKERS", "4"))
# Folders whose files may be registered as sources by path or file:// (none by default).
HARVEST_LOCAL_ROOTS = env_list("HARVEST_LOCAL_ROOTS")
# Fetch harvest sources and repository files on private or local addresses too (off: public
# addresses only, so a source URL cannot make the server read its own network).
HARVEST_ALLOW_PRIVATE_NETWORKS = env_bool("HARVEST_ALLOW_PRIVATE_NETWORKS", False)
