"""Whole-page cache for anonymous readers, one entry per language and URL, invalidated by generation;
and `remember()` / `GenerationCountPaginator` for values derived from content, on the same generation.

Every stored page is keyed by a *generation* token. Any content change (see `ops/receivers.py`) replaces the
token, so all earlier entries become unreachable at once and expire on their own: no key listing, no purge,
and it works the same on local memory and on Redis shared by many app servers.

Time changes content too: a post dated in the future appears on its date by itself, an event moves from
upcoming to past. So a generation also expires at the next such moment (`next_scheduled_change`), and the
first request after it starts a new one.

What is cached: GET/HEAD answers with status 200 to requests that carry no session or messages cookie, from
outside the admin, whose response sets no cookie and is not marked private. A request with a session cookie
(an editor who is logged in) always gets a fresh page and is never stored. Such responses also carry
`Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE` so a reverse proxy or CDN may keep them briefly.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.timezone import now as timezone_now

GENERATION_KEY = "pagecache:generation"
_MISSING = object()
T = TypeVar("T")
PERSONAL_COOKIES = ("messages",)


def current_generation() -> str:
    return live_generation(cache.get(GENERATION_KEY)) or bump_generation()


def live_generation(stored) -> str | None:
    """The generation token from its stored (token, valid_until) value; None when missing or expired."""
    if stored is None:
        return None
    generation, valid_until = stored
    if valid_until is not None and time.time() >= valid_until:
        return None
    return generation


def bump_generation() -> str:
    """Make every cached page unreachable (called on any content change)."""
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, (generation, next_scheduled_change()), timeout=None)
    return generation


def next_scheduled_change() -> float | None:
    """When pages change with no edit: the next future post date or event start/end (a timestamp)."""
    from django.db.models import Min, Q
    from django.utils import timezone

    from blog.models import Post
    from events.models import Event

    # Two small aggregate queries per bump (a bump follows every committed content change).
    now = timezone.now()
    events = Event.objects.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now))
    )
    moments = [
        Post.objects.filter(draft=False, date__gt=now).aggregate(at=Min("date"))["at"],
        *events.values(),
    ]
    upcoming = [moment.timestamp() for moment in moments if moment is not None]
    return min(upcoming) if upcoming else None


def content_cache_generation() -> str | None:
    """The generation for caching content-derived values, or None when that caching is off.

    Off (CONTENT_CACHE_SECONDS=0) in tests and, by default, without a shared cache: a local-memory
    cache is private to one worker, and an edit would refresh only that worker's copies.
    """
    return current_generation() if settings.CONTENT_CACHE_SECONDS > 0 else None


def remember(name: str, compute: Callable[[], T]) -> T:
    """A value derived from the content (a count, a list of terms), kept until the content changes.

    Keyed by the generation, so any edit, import or scheduled publication gives a fresh value; no
    invalidation code per value. Off (computed every time) when CONTENT_CACHE_SECONDS is 0, as in tests.
    """
    generation = content_cache_generation()
    if generation is None:
        return compute()
    key = f"content:{generation}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value


NOW_TOLERANCE_SECONDS = 120


def as_moment(param) -> datetime | None:
    """A query parameter as an aware datetime, if it is one (SQLite receives them as UTC text)."""
    if isinstance(param, datetime):
        return param if param.tzinfo else param.replace(tzinfo=UTC)
    if isinstance(param, str) and len(param) >= 19 and param[4] == "-" and param[10] in " T":
        try:
            parsed = datetime.fromisoformat(param)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def without_now(params, now: datetime) -> list:
    """The parameters with "now" (the live-posts cut-off, new on every request) replaced by a marker.

    Other datetimes (an archive month's bounds) stay: they tell different listings apart.
    """
    stable = []
    for param in params:
        moment = as_moment(param)
        is_now = moment is not None and abs((moment - now).total_seconds()) < NOW_TOLERANCE_SECONDS
        stable.append("<now>" if is_now else param)
    return stable


class GenerationCountPaginator(Paginator):
    """A Paginator whose total count is cached per content generation.

    `COUNT(*)` over every live post is the one listing query whose cost grows with the number of posts
    (about 35 ms at 10,000 posts on PostgreSQL); the page's rows themselves come from an index scan.
    The key is the count query with "now" masked (it differs on every request; the generation already
    expires at the next scheduled publication, the only moment the count can change by itself).
    """

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        sql, params = query.sql_with_params()
        stable = without_now(params, timezone_now())
        digest = hashlib.sha256(repr((self.object_list.db, sql, stable)).encode()).hexdigest()
        return remember(f"count:{digest}", lambda: Paginator.count.func(self))


def page_key(request: HttpRequest, language: str) -> str:
    # The generation is stored inside the entry, not in its key: the generation and the page then come
    # back in one round trip (get_many = Redis MGET), and a URL has one entry, not one per generation.
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"pagecache:{language}:{digest}"


def is_admin_path(path: str) -> bool:
    return path.startswith("/admin/")


def request_is_anonymous_read(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or is_admin_path(request.path):
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
        if not request_is_anonymous_read(request):
            return self.get_response(request)
        ttl = settings.PAGE_CACHE_SECONDS
        if ttl <= 0:
            return self.public_if_possible(self.get_response(request))
        key = page_key(request, translation.get_language())
        found = cache.get_many([GENERATION_KEY, key])
        # Read before rendering: if content changes meanwhile, this page is stored under the old
        # generation and is never served.
        generation = live_generation(found.get(GENERATION_KEY)) or bump_generation()
        entry = found.get(key)
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
