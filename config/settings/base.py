"""Settings shared by every environment; secrets and URLs come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("WORKBENCH_VAR_DIR", BASE_DIR / "var"))

DEBUG = False
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "referential",
    "authoring",
    "review",
    "preview",
    "runtime",
    "runtime.orga",
    "runtime.certification",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "reversion",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "csp",
    "axes",
    # The API docs load Swagger UI from our static files, not from a public CDN.
    "ninja",
    "dsfr",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every page: strict for the site, looser for
    # the admin (config/csp.py). Static files answered by WhiteNoise above
    # need none.
    "config.csp.PathPolicyCSPMiddleware",
    # Before anything reads input: NUL characters never reach a view (400).
    "config.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A signed-in user's language is the one kept on their account.
    "runtime.learning.language.AccountLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A pupil whose teacher reset their password changes it first.
    "runtime.orga.middleware.TemporaryPasswordMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.AdminRevisionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it turns a refused login into the lockout page (config/lockout.py).
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): the learner login and the admin's both go
# through authenticate(), which the first backend refuses for an account and
# address that failed too often. Counts are shared by the workers: in Redis
# when REDIS_URL is set (production), in the database otherwise (a per-process
# cache would multiply the limit by the number of workers).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if os.environ.get("REDIS_URL")
    else "axes.handlers.database.AxesDatabaseHandler"
)
# Failures are kept; successful logins are not logged one by one.
AXES_DISABLE_ACCESS_LOG = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.lockout.lockout_response"
# Behind a reverse proxy, the number of proxies that add X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # {{ CSP_NONCE }}: the nonce an inline <script> would need.
                "csp.context_processors.nonce",
            ],
        },
    },
]


def database_settings(default_sqlite_path: Path) -> dict:
    """Return DATABASES from DATABASE_URL, or an embedded SQLite file."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite_path}"
    database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers proceed while one writer commits; IMMEDIATE
        # transactions plus a busy timeout make concurrent writers wait
        # instead of failing with "database is locked".
        database["CONN_MAX_AGE"] = 0
        database["CONN_HEALTH_CHECKS"] = False
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    if database["ENGINE"] == "django.db.backends.postgresql":
        # Parameters bound by the server let psycopg prepare the statements a
        # connection runs again and again (the learner's test step first):
        # PostgreSQL then skips parsing and planning them. Behind a PgBouncer
        # in transaction mode, set DATABASE_PREPARE_THRESHOLD=none. (Django keeps
        # server-side binding off by default: a parameter both selected and
        # grouped by makes PostgreSQL refuse the query, ticket #34255; no
        # query here does that.) Options from the URL (sslmode…) come first.
        threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").lower()
        database["OPTIONS"] = {
            "server_side_binding": True,
            "prepare_threshold": None if threshold == "none" else int(threshold),
            **database.get("OPTIONS", {}),
        }
    return {"default": database}


DATABASES = database_settings(BASE_DIR / "db.sqlite3")


def cache_settings() -> tuple[dict, str]:
    """Return CACHES and SESSION_ENGINE: Redis when REDIS_URL is set.

    With a shared Redis, sessions are read from it (``cached_db``), so a
    request, a learner's test step first, reads its session without a query;
    they are written through to the database, so a Redis restarted or short
    of memory signs nobody out (the ``cache`` engine would). Without one,
    sessions stay in the database (``db``): a per-process cache would keep a
    session alive in the other workers after a logout.
    """
    url = os.environ.get("REDIS_URL")
    if not url:
        return (
            {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            "django.contrib.sessions.backends.db",
        )
    return (
        {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "atelier"),
            }
        },
        "django.contrib.sessions.backends.cached_db",
    )


CACHES, SESSION_ENGINE = cache_settings()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "login"

TASKS = {"default": {"BACKEND": "config.tasks.BatchingImmediateBackend"}}

WAGTAIL_SITE_NAME = "Atelier CRCN"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_WORKFLOW_ENABLED = True
# Content goes live through the workflow's last approval (or an administrator's
# reasoned publish): authoring/publication.py.
WAGTAIL_FINISH_WORKFLOW_ACTION = "authoring.publication.publish_workflow_state"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Files learners download and work on: office documents, PDF, data and text,
# images, archives, audio and video. Nothing a browser runs as active content
# on the site's origin: no HTML, SVG, JavaScript, CSS (an author's upload would
# run with the session of whoever opens it, or serve as a script source).
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "odt", "ods", "odp", "odg", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
    "csv", "tsv", "txt", "md", "json", "xml", "yaml", "yml", "log", "diff", "patch",
    "srt", "vtt", "eml", "ics", "vcf", "png", "jpg", "jpeg", "gif", "webp", "zip",
    "mp3", "ogg", "wav", "mp4", "webm",
]  # fmt: skip
# Documents are always served by Wagtail's view (attachment, except PDF and
# plain text, with "Content-Security-Policy: default-src 'none'" and nosniff),
# never by a direct link to the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# Illustrations are raster images: an SVG is active content.
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "webp"]

# Images in Markdown (statements, hints, tutorials) load only from the site
# itself (relative URLs) or from these hosts: an image on another host tells
# it who reads which challenge, and when. Comma-separated host names.
MARKDOWN_IMAGE_HOSTS = [
    host.strip().lower()
    for host in os.environ.get("MARKDOWN_IMAGE_HOSTS", "").split(",")
    if host.strip()
]

# Content-Security-Policy (django-csp, docs/deployment.md). Scripts come only
# from our static files (inline scripts would need the request's nonce,
# {{ CSP_NONCE }}; there are none); no inline style either; images from the
# site, data: URIs (the design system's icons) and MARKDOWN_IMAGE_HOSTS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MARKDOWN_IMAGE_HOSTS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The Wagtail and Django admins run inline scripts and styles of their own:
# under these paths the policy allows them (and nothing from other origins).
ADMIN_CSP_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MARKDOWN_IMAGE_HOSTS],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's dashboard asks wagtail.org for its latest version from the
# browser: another origin, and nothing the workbench needs.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Share links for draft previews expire after this many days.
PREVIEW_SHARE_LINK_DAYS = int(os.environ.get("PREVIEW_SHARE_LINK_DAYS", "7"))
# Tries through one share link from one address, per hour.
PREVIEW_SHARE_TRIES_PER_HOUR = int(os.environ.get("PREVIEW_SHARE_TRIES_PER_HOUR", "20"))
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Learner runtime (DOMAIN.md §4-5).
MAX_REACHABLE_LEVEL = int(os.environ.get("MAX_REACHABLE_LEVEL", "5"))
IMPROVE_DELAY_DAYS = int(os.environ.get("IMPROVE_DELAY_DAYS", "4"))
# An adaptive certification serves an unscored trial challenge (one without
# calibrated parameters yet) every n-th position; 0: none.
CERTIFICATION_TRIAL_EVERY = int(os.environ.get("CERTIFICATION_TRIAL_EVERY", "10"))
# Positioning tests (competence or campaign, either algorithm) do the same on
# scopes whose challenges carry calibrated parameters: 1 in 10 gives each new
# challenge of a scope its ~200 answers within a few thousand learners; 0: none.
POSITIONING_TRIAL_EVERY = int(os.environ.get("POSITIONING_TRIAL_EVERY", "10"))
RESET_DELAY_DAYS = int(os.environ.get("RESET_DELAY_DAYS", "7"))
CHECKPOINT_EVERY = 5
# A learner proposes at most this many tutorials in 24 hours.
TUTORIAL_PROPOSALS_PER_DAY = int(os.environ.get("TUTORIAL_PROPOSALS_PER_DAY", "5"))
LOGIN_REDIRECT_URL = "learner_home"
LOGOUT_REDIRECT_URL = "learner_home"

# Certification (DOMAIN.md §7). The instance's Ed25519 key signs its Open
# Badges 3.0 credentials: a PEM file, created on first use when missing. In
# production point this at a file kept with the other secrets (and backed up:
# credentials already issued are verified against its public key).
OPEN_BADGES_KEY_PATH = Path(
    os.environ.get("OPEN_BADGES_KEY_PATH", VAR_DIR / "open_badges_ed25519.pem")
)
OPEN_BADGES_ISSUER_NAME = os.environ.get("OPEN_BADGES_ISSUER_NAME", "Atelier CRCN")
