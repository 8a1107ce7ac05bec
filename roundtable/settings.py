"""Settings, all from the environment.

ROUNDTABLE_ENV=production switches on the deployment mode: SECRET_KEY and ALLOWED_HOSTS are
then required and every `check --deploy` hardening is on. Otherwise a local secret key is
generated once and kept in the data folder, so sessions survive restarts.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from roundtable.logging_config import logging_config

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("ROUNDTABLE_DATA_DIR", REPO_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = os.environ.get("ROUNDTABLE_ENV", "development") == "production"
DEBUG = not PRODUCTION and os.environ.get("ROUNDTABLE_DEBUG", "1") == "1"


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when ROUNDTABLE_ENV=production.")
    # Local use: generate once, keep it beside the database.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

_hosts = os.environ.get("ALLOWED_HOSTS", "")
if _hosts:
    ALLOWED_HOSTS = [h.strip() for h in _hosts.split(",") if h.strip()]
elif PRODUCTION:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when ROUNDTABLE_ENV=production.")
else:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "ninja",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "roundtable.web",
    "roundtable.audit",
    "roundtable.permissions",
    "roundtable.live",
    "roundtable.venues",
    "roundtable.processes",
    "roundtable.stakeholders",
    "roundtable.contributions",
    "roundtable.drafting",
    "roundtable.decisions",
    "roundtable.meetings",
    "roundtable.agreement",
    "roundtable.stocktaking",
    "roundtable.campaigns",
    "roundtable.api",
    "roundtable.outbox",
    "roundtable.workers",
    "roundtable.lists",
    "roundtable.mailroom",
    "roundtable.coalitions",
    "roundtable.translations",
    "roundtable.demo",
    "roundtable.machinetranslation",
    "django.forms",
]

MIDDLEWARE = [
    # First: every later middleware's log lines and the answer carry the request id.
    "roundtable.outputs.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise, streaming files asynchronously under ASGI (`roundtable serve`).
    "roundtable.live.static_files.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # 413 for a body over the limit (below), before anything reads it.
    "roundtable.inputs.body_size.BodySizeMiddleware",
    "roundtable.inputs.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "roundtable.api.language.LanguageParameterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After authentication, messages, locale and htmx (it reads what they found), before the
    # door's 403 handler: key pages for anonymous readers, once per data generation.
    "roundtable.web.page_cache.PageCacheMiddleware",
    "roundtable.permissions.middleware.DeniedMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the throttling page.
    "axes.middleware.AxesMiddleware",
]

# Forms rendered through the project templates: web/templates/django/forms/p.html puts labels
# above fields and an error summary on top.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "roundtable.urls"
WSGI_APPLICATION = "roundtable.wsgi.application"
# `roundtable serve` runs this under uvicorn (docs/running.md); live pages need it.
ASGI_APPLICATION = "roundtable.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # After Django's built-in csrf processor: a page rendered for the shared-page
                # cache carries a sentinel, replaced by each visitor's own token.
                "roundtable.web.page_cache.csrf_sentinel",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'roundtable.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the single writer; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
elif int(os.environ.get("ROUNDTABLE_DB_POOL_MAX", "10")) > 0:
    # A pool of connections per process (psycopg_pool), taken for a request and given back at
    # its end: under ASGI each request runs on a thread of its own, so a kept per-thread
    # connection (CONN_MAX_AGE) is never reused, and opening one per request costs a login.
    # The pool caps what one process holds on the server; requests beyond it wait for one.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("ROUNDTABLE_DB_POOL_MIN", "2")),
        "max_size": int(os.environ.get("ROUNDTABLE_DB_POOL_MAX", "10")),
        "timeout": float(os.environ.get("ROUNDTABLE_DB_POOL_TIMEOUT", "30")),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
# Fragments the same for every viewer (the rights matrix of a modality version, explanations
# by standing) are cached under the modality's digest: content-addressed, so a cache local to
# each process is never stale, only duplicated (docs/running.md, "Caching").
_LOCAL = "django.core.cache.backends.locmem.LocMemCache"
_ROWS = int(os.environ.get("ROUNDTABLE_ROW_CACHE_ENTRIES", "20000"))
CACHES = {
    "default": {"BACKEND": _LOCAL, "LOCATION": "roundtable", "OPTIONS": {"MAX_ENTRIES": 5000}},
    # Content-addressed rows on many pages (archive rows, call entries: fragments.py
    # `cached_fragments`): their own cache, so browsing never evicts the matrix above.
    "rows": {"BACKEND": _LOCAL, "LOCATION": "roundtable-rows", "OPTIONS": {"MAX_ENTRIES": _ROWS}},
    # Whole pages for anonymous readers (web/page_cache.py), keyed by the audit chain's
    # generation: a process's own copy is never stale, only missing.
    "pages": {"BACKEND": _LOCAL, "LOCATION": "roundtable-pages", "OPTIONS": {"MAX_ENTRIES": 1000}},
}
# Seconds a shared anonymous page may be served unchanged when no data changed (it bounds
# clock-dependent words such as "open now"); 0 turns the page cache off.
ROUNDTABLE_PAGE_CACHE_SECONDS = int(os.environ.get("ROUNDTABLE_PAGE_CACHE_SECONDS", "60"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("ROUNDTABLE_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official UN languages, from the first template. Arabic is right-to-left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# The design system (Bootstrap 5.3, with its right-to-left build) comes from the installed
# XStatic-Bootstrap package, never a CDN; WhiteNoise serves every static file (docs/design.md).
STATICFILES_DIRS = [("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
# In production, and under `roundtable serve` (which collects them first), WhiteNoise serves the
# collected files: compressed, under content-hashed names cached for ever.
STATIC_COLLECTED = PRODUCTION or os.environ.get("ROUNDTABLE_STATIC_COLLECTED") == "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_COLLECTED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Otherwise (runserver, tests) the files are found in place, no collectstatic needed.
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
WHITENOISE_AUTOREFRESH = DEBUG

# Content-Security-Policy on every response, without 'unsafe-inline': no inline script, style,
# style attribute or event handler anywhere (tests/foundation/test_csp.py checks the templates).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
# Request bodies (docs/running.md): anything that is not a file upload (JSON, forms) up to
# DATA_UPLOAD_MAX_MEMORY_SIZE; a multipart upload up to ROUNDTABLE_MAX_UPLOAD_REQUEST_BYTES. Over
# either, 413. A contribution's attachments together stay under ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("ROUNDTABLE_MAX_BODY_BYTES", str(2_621_440)))
ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES = int(
    os.environ.get("ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES", str(25 * 1024 * 1024))
)
ROUNDTABLE_MAX_UPLOAD_REQUEST_BYTES = int(
    os.environ.get(
        "ROUNDTABLE_MAX_UPLOAD_REQUEST_BYTES",
        str(ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE),
    )
)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Locally, mail is printed to the console (the demo's verification links show there) unless a
# mail server is named; in production it goes out by SMTP.
_mail_default = (
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION or "EMAIL_HOST" in os.environ
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", _mail_default)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "roundtable@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Outgoing mail (docs/lists.md, "Outgoing mail"): every copy is a row of the outbox, sent by
# `roundtable worker` through EMAIL_HOST/EMAIL_PORT, retried with exponential back-off.
ROUNDTABLE_SITE_URL = os.environ.get("ROUNDTABLE_SITE_URL", "http://localhost:8000").rstrip("/")
ROUNDTABLE_MAIL_DOMAIN = os.environ.get(
    "ROUNDTABLE_MAIL_DOMAIN", DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
)
ROUNDTABLE_OUTBOX_BATCH = int(os.environ.get("ROUNDTABLE_OUTBOX_BATCH", "200"))
ROUNDTABLE_OUTBOX_RETRY_BASE_SECONDS = float(
    os.environ.get("ROUNDTABLE_OUTBOX_RETRY_BASE_SECONDS", "60")
)
ROUNDTABLE_OUTBOX_RETRY_MAX_SECONDS = float(
    os.environ.get("ROUNDTABLE_OUTBOX_RETRY_MAX_SECONDS", "3600")
)
ROUNDTABLE_OUTBOX_GIVE_UP_SECONDS = float(
    os.environ.get("ROUNDTABLE_OUTBOX_GIVE_UP_SECONDS", str(5 * 24 * 3600))
)
ROUNDTABLE_OUTBOX_LEASE_SECONDS = float(os.environ.get("ROUNDTABLE_OUTBOX_LEASE_SECONDS", "600"))
ROUNDTABLE_OUTBOX_SMTP_TIMEOUT = float(os.environ.get("ROUNDTABLE_OUTBOX_SMTP_TIMEOUT", "30"))
# Bounces (VERP): a hard bounce adds 1, a soft one 0.5; a member is disabled at this score.
ROUNDTABLE_BOUNCE_DISABLE_SCORE = float(os.environ.get("ROUNDTABLE_BOUNCE_DISABLE_SCORE", "5"))
# Senders whose domain publishes a strict DMARC policy (p=reject or quarantine): their mail
# goes out "From: Name via List <list@...>" with Reply-To the sender. No DNS lookups.
ROUNDTABLE_DMARC_STRICT_DOMAINS = [
    d.strip().lower()
    for d in os.environ.get(
        "ROUNDTABLE_DMARC_STRICT_DOMAINS",
        "yahoo.com,aol.com,gmail.com,outlook.com,hotmail.com,icloud.com,yahoo.co.uk,gmx.com",
    ).split(",")
    if d.strip()
]
# The hour (UTC) at which the daily digests go out.
ROUNDTABLE_DIGEST_HOUR = int(os.environ.get("ROUNDTABLE_DIGEST_HOUR", "6"))

LOGIN_URL = "stakeholders:login"
# Signing in without ?next lands on the personal page (docs/stakeholders.md).
LOGIN_REDIRECT_URL = "stakeholders:me"

# Sign-in throttling (django-axes, docs/running.md): after AXES_FAILURE_LIMIT wrong passwords
# for one account, or from one address, further attempts are refused for AXES_COOLOFF_TIME
# hours, with the same message whether or not the account exists. Web and /admin/ alike.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: account OR address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "roundtable.stakeholders.throttling.locked_out"
AXES_VERBOSE = False
# Behind a proxy, the header that carries the client's address (e.g. HTTP_X_FORWARDED_FOR).
_ip_header = os.environ.get("AXES_IPWARE_META_PRECEDENCE_ORDER", "")
if _ip_header:
    AXES_IPWARE_META_PRECEDENCE_ORDER = [h.strip() for h in _ip_header.split(",") if h.strip()]

# API tokens (docs/api.md): lifetime in days when none is asked for, and the longest allowed.
ROUNDTABLE_API_TOKEN_DEFAULT_DAYS = int(os.environ.get("ROUNDTABLE_API_TOKEN_DEFAULT_DAYS", "90"))
ROUNDTABLE_API_TOKEN_MAX_DAYS = int(os.environ.get("ROUNDTABLE_API_TOKEN_MAX_DAYS", "365"))

# Live updates (docs/running.md): how often each server process looks for events it was not
# told about (another process on SQLite; a PostgreSQL listener that was reconnecting).
ROUNDTABLE_LIVE_POLL_SECONDS = float(os.environ.get("ROUNDTABLE_LIVE_POLL_SECONDS", "2"))
# How long stored live events are kept for viewers resuming a dropped stream (live/retention.py).
ROUNDTABLE_LIVE_KEEP_HOURS = float(os.environ.get("ROUNDTABLE_LIVE_KEEP_HOURS", "48"))

# Task workers (docs/running.md, "The worker"): each beats this often; a worker silent for the
# stale time is taken for dead, and the tasks it was running go back to the queue.
ROUNDTABLE_WORKER_BEAT_SECONDS = float(os.environ.get("ROUNDTABLE_WORKER_BEAT_SECONDS", "10"))
ROUNDTABLE_WORKER_STALE_SECONDS = float(os.environ.get("ROUNDTABLE_WORKER_STALE_SECONDS", "60"))

# Mailing-list archives (docs/lists.md).
ROUNDTABLE_LIST_DORMANT_DAYS = int(os.environ.get("ROUNDTABLE_LIST_DORMANT_DAYS", "180"))
ROUNDTABLE_LIST_ATTACHMENT_CAP = int(
    os.environ.get("ROUNDTABLE_LIST_ATTACHMENT_CAP", str(1024 * 1024))
)
# Import and page bounds (docs/lists.md, "Limits").
ROUNDTABLE_LIST_MESSAGE_CAP = int(
    os.environ.get("ROUNDTABLE_LIST_MESSAGE_CAP", str(10 * 1024 * 1024))
)
ROUNDTABLE_LIST_EXPANDED_CAP = int(
    os.environ.get("ROUNDTABLE_LIST_EXPANDED_CAP", str(1024 * 1024 * 1024))
)
ROUNDTABLE_LIST_BODY_CAP = int(os.environ.get("ROUNDTABLE_LIST_BODY_CAP", str(1024 * 1024)))
ROUNDTABLE_LIST_PAGE_BODY_CHARS = int(os.environ.get("ROUNDTABLE_LIST_PAGE_BODY_CHARS", "30000"))
# Parsing processes beside the importer; empty: decided by the archive's size and the CPUs.
_workers = os.environ.get("ROUNDTABLE_LIST_IMPORT_WORKERS", "")
ROUNDTABLE_LIST_IMPORT_WORKERS = int(_workers) if _workers else None
# Mail people of new contributions and consensus calls, with a reply address (docs/lists.md).
ROUNDTABLE_MAIL_NOTIFICATIONS = os.environ.get("ROUNDTABLE_MAIL_NOTIFICATIONS", "0") == "1"

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

ROUNDTABLE_HEALTH_QUEUE_STALE_S = int(os.environ.get("ROUNDTABLE_HEALTH_QUEUE_STALE_S", "300"))
ROUNDTABLE_PG_BIN = os.environ.get("ROUNDTABLE_PG_BIN", "")
# JSON lines in production (ROUNDTABLE_LOG_FORMAT=json|text overrides): roundtable/logging_config.py.
LOGGING = logging_config(production=PRODUCTION)

# Machine translation (docs/translations.md): a LibreTranslate-compatible service; empty: off.
ROUNDTABLE_MT_URL = os.environ.get("ROUNDTABLE_MT_URL", "")
ROUNDTABLE_MT_API_KEY = os.environ.get("ROUNDTABLE_MT_API_KEY", "")
ROUNDTABLE_MT_TIMEOUT = float(os.environ.get("ROUNDTABLE_MT_TIMEOUT", "10"))
