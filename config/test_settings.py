"""Test settings: the real settings with a fast password hasher and plain static storage.

DEBUG stays off (tests exercise production behaviour); the key is a throwaway one for tests.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# Serve static files straight from the apps' folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Plain HTTP in the test client and the live server: no redirect to HTTPS (the other production
# switches stay on; tests/test_security.py checks the production values).
SECURE_SSL_REDIRECT = False
# Whole-page caching off unless a test turns it on (tests/test_cache.py does): other tests then never see
# a page rendered by an earlier test. The local-memory cache keeps tests independent of a running Redis.
PAGE_CACHE_SECONDS = 0
CONTENT_CACHE_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}

# SQLite: a test database in a file, not in memory. Django shares one in-memory connection between the test
# and the live server's request threads, and a request still running when its browser test ends (a fetch,
# a closing page) then changes that shared connection's transaction state under the next test
# ("on_commit() cannot be used in manual transaction management", seen in CI). With a file every thread has
# its own connection, as on PostgreSQL. WAL lets the server read while a test writes; nothing is synced,
# since the file is thrown away at the end of the run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"bitacora-test-{os.getpid()}.sqlite3")
    }
    # A lingering request may hold the write lock for a moment when the next test flushes: wait for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;", timeout=20
    )
