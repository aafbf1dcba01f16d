"""Spam defences that need no third party: where a comment comes from and how often.

- Same origin: a browser sends `Origin` with every form POST; one naming another site is refused, so no
  other page can make its visitors post here (the form carries no CSRF token, see `comments.views`).
- Rate limit: at most `COMMENTS_RATE_LIMIT` attempts per client address in `COMMENTS_RATE_WINDOW_SECONDS`,
  counted in the throttle's cache with the admin login's helpers (`ops.throttle`; the address is hashed).
  Every attempt counts, accepted or not, so a robot cannot probe the other checks for free.

The honeypot and the time check (signed "rendered at" timestamp) are the form's (`comments.forms`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from ops.throttle import address_key, client_address, count_hit

SCOPE = "comments"


def from_this_site(request: HttpRequest) -> bool:
    """False when the browser says the form was sent from another site's page."""
    origin = request.headers.get("Origin")
    if not origin:
        return True  # no header (an old client, a script): the signed timestamp and the limit still apply
    if origin == "null":
        return False  # a sandboxed frame or a page opened from a file: never our form
    return urlsplit(origin).netloc == request.get_host()


def over_the_limit(request: HttpRequest) -> bool:
    """Count this attempt; True when the address has made more than the limit in the window.

    Raises ops.resilient_cache.CacheUnavailable when the counters cannot be reached (the caller refuses)."""
    key = address_key(SCOPE, client_address(request))
    return count_hit(key, settings.COMMENTS_RATE_WINDOW_SECONDS) > settings.COMMENTS_RATE_LIMIT
