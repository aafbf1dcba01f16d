"""Settings, read from the environment.

`DATABASE_URL` picks the database (SQLite in the project folder when unset), `SECRET_KEY`, `DEBUG`,
`ALLOWED_HOSTS` and `REDIS_URL` come from the environment. A production start (DEBUG off) without
`SECRET_KEY` fails loudly instead of running with a guessable key.
"""

import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

from backoffice.labels import localized_verbose_name  # a plain function, like the next one
from ops.static_headers import add_security_headers  # a plain function: imports nothing from Django

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def release_from_files(root: Path, patterns: tuple[str, ...]) -> str:
    """The package version and the newest modification time of the files matching `patterns`."""
    try:
        package_version = version("bitacora")
    except PackageNotFoundError:
        package_version = "0"
    newest = max((path.stat().st_mtime_ns for pattern in patterns for path in root.glob(pattern)), default=0)
    return f"{package_version}-{newest:x}"


DEBUG = env_bool("DEBUG", default=False)

# Management commands that serve and sign nothing, so they may run without the site's key (e.g. a
# `makemigrations --check` in a build step or hook): they get a throwaway random key.
KEYLESS_COMMANDS = {
    "check",
    "collectstatic",
    "compilemessages",
    "makemessages",
    "makemigrations",
    "migrate",
    "showmigrations",
    "sqlmigrate",
}


def running_keyless_command(argv: list[str]) -> bool:
    return len(argv) > 1 and Path(argv[0]).name == "manage.py" and argv[1] in KEYLESS_COMMANDS


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-development-key-only-for-DEBUG"  # noqa: S105 - DEBUG only
    elif running_keyless_command(sys.argv) and "--deploy" not in sys.argv:
        SECRET_KEY = get_random_secret_key()
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable for a production start, "
            "or set DEBUG=1 to run with the insecure development key."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its tabbed admin templates win.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # "django.contrib.postgres" is added below on PostgreSQL only.
    "csp",
    # Content first: the other apps read its models (`pages`: the site's name, menus and static pages);
    # `discovery` and `reader` have no models of their own; `importing` and `covers` only bookkeeping
    # (what each post was last imported from, rendition locks).
    "blog",
    "events",
    "pages",
    "importing",
    "discovery",
    "covers",
    # How many posts each listing has, per language, kept up to date by the writes (reader pages read them).
    "counts",
    "reader",
    "ops",
    # The editors' tools: the Markdown editor widget and its preview, the image library.
    "editing",
    "library",
    "backoffice",
    # The translation desk: outdated translations, the side-by-side view and the grid (README, "Translating").
    "translating",
    # Previews of what readers do not see yet: for staff at the real address, and signed share links.
    "previews",
    # Work for outside translators: XLIFF / PO export and import of posts (README, "Outside translators").
    "exchange",
    # Readers' comments: django-contrib-comments' form layer with a model of our own (README, "Comments").
    "comments",
    # Revisions of posts, events and pages (django-reversion), compare and restore, optimistic locking.
    "reversion",
    "revisions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache so every response, cached or not, gets a fresh policy header.
    "csp.middleware.CSPMiddleware",
    "config.db_router.PrimaryPinningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The admin in the editor's chosen language (a cookie), not the unprefixed default one.
    "backoffice.middleware.AdminLanguageMiddleware",
    # A control character (NUL above all) in the path is a translated 404 before any lookup sees it.
    "ops.paths.RejectControlCharactersMiddleware",
    # After LocaleMiddleware (the cache key needs the active language); a hit skips everything below.
    "ops.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Turns a 404 on an old post URL (Hugo URL, alias, earlier slug) into a 301 to the current one.
    "reader.middleware.PostRedirectMiddleware",
    # Inside the redirects: a 404 whose path is a static page's (about, contact) becomes that page.
    "pages.middleware.StaticPageMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ops.throttle.AdminLoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "reader.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Read replicas (comma-separated URLs): aliases replica_1, replica_2, … serve reads through the router;
# writes, transactions and requests that may write stay on the primary (config/db_router.py).
for _index, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica_{_index}"] = {
        **dj_database_url.parse(
            _url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
        ),
        "TEST": {"MIRROR": "default"},
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite (the zero-setup default): write-ahead logging lets readers go on while a writer (an import,
    # an editor) commits, and NORMAL syncs at checkpoints rather than at every commit, which WAL keeps
    # safe from corruption (a power cut may lose the last commits, never the file). IMMEDIATE takes the
    # write lock when a transaction starts, so two writers wait their turn instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        transaction_mode="IMMEDIATE",
        timeout=20,
    )
DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]
# Its search lookups and type handlers serve PostgreSQL only, and its app module imports psycopg (~0.1-0.2 s
# of every start): SQLite starts without it. `discovery.search` builds its expressions on either database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django.contrib.sitemaps") + 1, "django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the single source of truth. The first is the default, served at / with no prefix.
LANGUAGE_CODE = "es"
LANGUAGES = [
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# One date style per language (config/formats/en: "January 19, 2026").
FORMAT_MODULE_PATH = "config.formats"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Bogota")
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# An empty translated field reads as the default language's, then English's, then any other's.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": tuple(dict.fromkeys([LANGUAGE_CODE, "en", *MODELTRANSLATION_LANGUAGES]))
}
# Labels of a field's language columns: "título (español)", not "Title [es]" (backoffice.labels).
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = localized_verbose_name
# The tabbed translation admin would otherwise load jQuery UI from a public CDN.
JQUERY_UI_URL = "blog/vendor/jquery-ui/jquery-ui.min.js"

# Whether listings in one language also show posts that exist only in other languages.
BLOG_LIST_OTHER_LANGUAGES = env_bool("BLOG_LIST_OTHER_LANGUAGES", default=True)
BLOG_POSTS_PER_PAGE = 10
SITE_NAME = os.environ.get("SITE_NAME", "Bitácora Comunitaria")
SITE_URL = os.environ.get("SITE_URL", "")

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # ops.resilient_cache: when Redis is unreachable pages come from the database (a miss, logged once)
    # instead of answering 500; the throttle's alias fails closed (logins are refused, never unthrottled).
    CACHES = {
        "default": {"BACKEND": "ops.resilient_cache.ResilientRedisCache", "LOCATION": REDIS_URL},
        # The admin login throttle's counters (ops/throttle.py): the same Redis, shared by every app server.
        "throttle": {
            "BACKEND": "ops.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"FAIL_CLOSED": True},
        },
    }
else:
    # Each process's own memory. Correct with many workers: every entry is keyed by the content generation,
    # which lives in the database (ops.models.ContentGeneration), so an edit through one worker makes every
    # worker's copies unreachable at once. Bounded (least recently used go first): pages are ~15–40 kB.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bitacora",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCMEM_CACHE_MAX_ENTRIES", "1000"))},
        },
        # Login throttle counters apart (ops/throttle.py): pages filling the cache above never evict one.
        "throttle": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bitacora-throttle",
        },
    }

# Page cache (ops/page_cache.py): rendered pages for anonymous GETs, per language, dropped on any content
# change (the database-held generation is read once per request, so every worker sees a change at once, with
# Redis or local memory alike). `0` turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Cache-Control max-age on cacheable anonymous pages, for a reverse proxy or CDN. Short, because a proxy
# cannot be told about an invalidation: a change shows there within this many seconds.
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "30"))
# Values derived from content (listing counts, sidebar terms, HTML cards via ops.caching.remember and
# reader.fragments), kept until the next content change, under the same generation. `0` turns them off.
CONTENT_CACHE_SECONDS = int(os.environ.get("CONTENT_CACHE_SECONDS", "300"))
# The release part of cached HTML fragments' keys: the shared cache outlives a deploy, so a release that
# changes how a card reads must not serve the old HTML. Set it at deploy (a git hash or version); the default
# is the package version with the newest modification time of the templates and catalogues, which changes
# whenever they do on this machine, whatever Python files are moved.
RELEASE = os.environ.get("RELEASE") or release_from_files(
    BASE_DIR, ("templates/**/*.html", "*/templates/**/*.html", "locale/**/*.mo")
)
# Sessions live in the database, shared by every app process (stateless app servers).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Security. Production (DEBUG off) is secure by default; each switch can be turned off from the
# environment, e.g. SECURE_SSL_REDIRECT=0 when a TLS-terminating proxy already redirects to HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that sets (and strips client-sent) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = os.environ.get("SECURE_REFERRER_POLICY", "strict-origin-when-cross-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4). Scripts and styles only from our own origin: no inline code,
# no eval, no CDN. Images may also be data: URIs (small generated placeholders).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SRC")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *env_list("CSP_IMG_SRC")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Static files are served by WhiteNoise, before the security and CSP middleware run: give them the same
# protective headers (an SVG opened on its own is a document that could run script without a CSP).
WHITENOISE_ADD_HEADERS_FUNCTION = add_security_headers

# Admin login throttle (ops/throttle.py): failures per client address and user name within the window.
ADMIN_LOGIN_MAX_FAILURES = int(os.environ.get("ADMIN_LOGIN_MAX_FAILURES", "5"))
ADMIN_LOGIN_WINDOW_SECONDS = int(os.environ.get("ADMIN_LOGIN_WINDOW_SECONDS", str(15 * 60)))
# Behind a reverse proxy: the META key of the header carrying the client address (e.g. HTTP_X_REAL_IP).
ADMIN_LOGIN_IP_HEADER = os.environ.get("ADMIN_LOGIN_IP_HEADER", "")

# Comments (comments/): django-contrib-comments' custom-app hook answers with our model and form.
COMMENTS_APP = "comments"
# The signed form is refused when sent sooner than this after it was rendered (robots), or later (a page
# left open for hours; cached pages are at most PAGE_CACHE_SECONDS + PAGE_CACHE_MAX_AGE old when served).
COMMENTS_MIN_SECONDS = int(os.environ.get("COMMENTS_MIN_SECONDS", "3"))
COMMENTS_TIMEOUT = int(os.environ.get("COMMENTS_TIMEOUT", str(2 * 60 * 60)))
# Attempts per client address (ADMIN_LOGIN_IP_HEADER behind a proxy) in the window, counted in the cache.
COMMENTS_RATE_LIMIT = int(os.environ.get("COMMENTS_RATE_LIMIT", "5"))
COMMENTS_RATE_WINDOW_SECONDS = int(os.environ.get("COMMENTS_RATE_WINDOW_SECONDS", str(10 * 60)))
# An e-mail to the post's authors (Author.email) for each comment that awaits moderation.
COMMENTS_NOTIFY_AUTHORS = env_bool("COMMENTS_NOTIFY_AUTHORS", default=False)
# E-mail goes to the console (the process's log) unless a real back end is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# The Markdown editor's server-side preview (editing.views): previews per editor and minute. The editor asks
# at most about twice a second while someone types and the preview is shown.
EDITING_PREVIEWS_PER_MINUTE = int(os.environ.get("EDITING_PREVIEWS_PER_MINUTE", "120"))
# The image library (library/): the largest file accepted, in bytes (the pixel limit is blog.validators').
LIBRARY_MAX_UPLOAD_BYTES = int(os.environ.get("LIBRARY_MAX_UPLOAD_BYTES", str(15 * 1024 * 1024)))
# Share links to a preview (previews/): how long a link works, in seconds (a week by default). Revoking a
# post's links in the admin ends them sooner.
PREVIEW_LINK_MAX_AGE = int(os.environ.get("PREVIEW_LINK_MAX_AGE", str(7 * 24 * 60 * 60)))

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
