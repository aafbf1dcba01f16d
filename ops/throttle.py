"""Admin login throttle: too many failed logins for one client address and user name answer 429.

The counters (`count_hit`, `address_key`, `client_address`) serve other limits too (comments.spam).

A failure is a POST to the admin login page that does not redirect (the form comes back with an error);
a successful login clears the count. Counters live in the cache alias `throttle` when configured (settings:
the same Redis as the rest with `REDIS_URL`, so every app server sees them; otherwise a local-memory cache of
their own, so pages and fragments filling the default cache never evict a counter), else in `default`.
There is also a looser limit per address alone, against one client trying many user names.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ops.resilient_cache import CacheUnavailable

THROTTLE_CACHE = "throttle"
logger = logging.getLogger("ops.throttle")

# One address may try this many times more failures in total, across all user names.
PER_ADDRESS_FACTOR = 4


def client_address(request: HttpRequest) -> str:
    # Behind a reverse proxy REMOTE_ADDR is the proxy; ADMIN_LOGIN_IP_HEADER names the header it sets
    # (e.g. HTTP_X_REAL_IP). Never trust such a header without a proxy that overwrites it.
    header = getattr(settings, "ADMIN_LOGIN_IP_HEADER", "")
    return (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR", "")


def counters() -> BaseCache:
    return caches[THROTTLE_CACHE if THROTTLE_CACHE in settings.CACHES else "default"]


def normalised_username(username: str) -> str:
    """The name as authentication sees it: Django's user model NFKC-normalises user names (fullwidth `ａ`
    logs in as `a`), so the throttle must count them as one; case-folded on top, so `Admin` and `admin`
    share a counter too."""
    return unicodedata.normalize("NFKC", username).strip().casefold()


def failure_keys(address: str, username: str) -> tuple[str, str]:
    pair = hashlib.sha256(f"{address}\n{normalised_username(username)}".encode()).hexdigest()
    return f"adminlogin:pair:{pair}", address_key("adminlogin", address)


def is_blocked(pair_key: str, address_key: str) -> bool:
    limit = settings.ADMIN_LOGIN_MAX_FAILURES
    counts = counters().get_many([pair_key, address_key])
    return counts.get(pair_key, 0) >= limit or counts.get(address_key, 0) >= limit * PER_ADDRESS_FACTOR


def address_key(scope: str, address: str) -> str:
    """A counter's key for one client address in `scope` (hashed: no address is stored as it came)."""
    return f"{scope}:addr:{hashlib.sha256(address.encode()).hexdigest()}"


def count_hit(key: str, window_seconds: int) -> int:
    """Add one to the counter `key`, which lives `window_seconds` from its first hit; the new count."""
    # add() creates the counter with the window as its lifetime; incr() keeps that lifetime.
    store = counters()
    if store.add(key, 1, window_seconds):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # expired between add() and incr()
        store.add(key, 1, window_seconds)
        return 1


def record_failure(key: str) -> None:
    count_hit(key, settings.ADMIN_LOGIN_WINDOW_SECONDS)


def counters_unavailable() -> HttpResponse:
    # Fail safe: without the counters a login cannot be throttled, so none is accepted until they return.
    message = _("Logging in is unavailable for a moment. Try again in a minute.")
    response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "60"
    return response


def too_many_attempts() -> HttpResponse:
    minutes = max(1, settings.ADMIN_LOGIN_WINDOW_SECONDS // 60)
    message = _("Too many failed login attempts. Try again in %(minutes)d minutes.") % {"minutes": minutes}
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(settings.ADMIN_LOGIN_WINDOW_SECONDS)
    return response


class AdminLoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        pair_key, address_key = failure_keys(client_address(request), request.POST.get("username", ""))
        try:
            if is_blocked(pair_key, address_key):
                return too_many_attempts()
        except CacheUnavailable:
            return counters_unavailable()
        response = self.get_response(request)
        try:
            if response.status_code == 302:
                counters().delete(pair_key)
            else:
                record_failure(pair_key)
                record_failure(address_key)
        except CacheUnavailable:
            logger.warning("login attempt not counted: the throttle's cache went away during the request")
        return response
