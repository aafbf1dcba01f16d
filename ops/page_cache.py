"""Whole-page cache for anonymous readers, one entry per language and URL, invalidated by generation.

What is cached: GET/HEAD answers with status 200 to requests that carry no session or messages cookie, from
outside the admin, whose response sets no cookie and is not marked private. A request with a session cookie
(an editor who is logged in) always gets a fresh page and is never stored. Such responses also carry
`Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE` so a reverse proxy or CDN may keep them briefly.
Each entry holds the generation (`ops.generation`) it was rendered under; a hit from an older one is a miss.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

from ops.generation import generation_memo, read_with

PERSONAL_COOKIES = ("messages",)


def page_key(request: HttpRequest, language: str) -> str:
    # The generation is stored inside the entry, not in its key: a URL has one entry, not one per generation.
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"pagecache:{language}:{digest}"


# Never cached: the admin, the health check (it must report the database, not a stored answer), and
# share links to previews of unpublished posts (`previews`: private to whoever holds the link).
UNCACHED_PREFIXES = ("/admin/", "/healthz", "/preview/")


def is_never_cached(path: str) -> bool:
    return path.startswith(UNCACHED_PREFIXES)


def request_is_anonymous_read(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or is_never_cached(request.path):
        return False
    cookies = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    return not any(name in request.COOKIES for name in cookies)


def response_is_public(response: HttpResponse) -> bool:
    # No user check here: the request had no session cookie, so nobody was logged in, and asking
    # `request.user` would mark the session accessed and add `Vary: Cookie` to every page.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def freeze(response: HttpResponse) -> tuple[int, dict[str, str], bytes]:
    # Only headers set below this middleware (the view and inner middleware) are present here; the outer
    # ones (security, CSP, session) are added again on every hit.
    return response.status_code, dict(response.headers), response.content


def thaw(stored: tuple[int, dict[str, str], bytes]) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve and store anonymous pages; mark them publicly cacheable for a short time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The generation is read at most once per request, whoever asks (this middleware, counts, fragments).
        with generation_memo():
            return self.serve(request)

    def serve(self, request: HttpRequest) -> HttpResponse:
        if not request_is_anonymous_read(request):
            return self.get_response(request)
        ttl = settings.PAGE_CACHE_SECONDS
        if ttl <= 0:
            return self.public_if_possible(self.get_response(request))
        key = page_key(request, translation.get_language())
        # Read before rendering: if content changes meanwhile, this page is stored under the old
        # generation and is never served. With Redis, generation and entry come in one round trip.
        generation, entry = read_with(key)
        if entry is not None and entry[0] == generation:
            response = thaw(entry[1])
            response["X-Page-Cache"] = "hit"
            return self.mark_public(response)
        response = self.get_response(request)
        if not response_is_public(response):
            return response
        cache.set(key, (generation, freeze(response)), ttl)
        response["X-Page-Cache"] = "miss"
        return self.mark_public(response)

    def public_if_possible(self, response: HttpResponse) -> HttpResponse:
        return self.mark_public(response) if response_is_public(response) else response

    @staticmethod
    def mark_public(response: HttpResponse) -> HttpResponse:
        if settings.PAGE_CACHE_MAX_AGE > 0 and not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        return response
