"""Whole-page cache for anonymous readers, one entry per language and URL, invalidated by generation;
and `remember()` / `GenerationCountPaginator` for values derived from content, on the same generation.

Every stored page is keyed by a *generation* token. Any content change (see `ops/receivers.py`) replaces the
token, so all earlier entries become unreachable at once and expire on their own: no key listing, no purge.
The token lives in the database (`ops.models.ContentGeneration`, one row), read once per request from the
primary: every gunicorn worker sees a change on its next request, so the cache itself may be each worker's
own local memory or Redis shared by many app servers, with the same correctness.

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
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Case, DateTimeField, F, Min, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.timezone import now as timezone_now

ROW = 1
# The generation is always read from (and written to) the primary: a replica a little behind would hand out a
# token that was already replaced.
PRIMARY = DEFAULT_DB_ALIAS
_MISSING = object()
T = TypeVar("T")
PERSONAL_COOKIES = ("messages",)
# The generation read for the current request (see `generation_memo`); None outside a request.
_request_memo: ContextVar[dict | None] = ContextVar("content_generation_memo", default=None)


@contextmanager
def generation_memo():
    """Within it (one request), the generation is read from the database once and then reused.

    Outside (management commands, shell, tests calling functions directly) every read asks the database,
    so a long-running process never keeps an old generation.
    """
    scope = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(scope)


def current_generation() -> str:
    """The current content generation token: one primary-key query per request."""
    memo = _request_memo.get()
    if memo is not None and "token" in memo:
        return memo["token"]
    return memorised(read_generation())


def memorised(token: str) -> str:
    memo = _request_memo.get()
    if memo is not None:
        memo["token"] = token
    return token


def generation_rows() -> QuerySet:
    from ops.models import ContentGeneration

    return ContentGeneration.objects.using(PRIMARY).filter(pk=ROW)


def read_generation() -> str:
    row = generation_rows().values_list("token", "n", "valid_until").first()
    if row is None:
        return create_generation()
    token, n, valid_until = row
    if valid_until is not None and timezone.now() >= valid_until:
        return expire_generation(seen=n)
    return token


def create_generation() -> str:
    """The row, made on first use (a new database, or a test database just flushed)."""
    from ops.models import ContentGeneration

    row, _ = ContentGeneration.objects.using(PRIMARY).get_or_create(
        pk=ROW, defaults={"token": uuid.uuid4().hex, "valid_until": next_scheduled_change()}
    )
    return row.token


def expire_generation(*, seen: int) -> str:
    """A new generation at a scheduled moment (a post's date, an event's start or end): only once.

    Conditional on the counter still being the one read: when several processes pass the moment together,
    one renews the generation and the others read its token.
    """
    token = uuid.uuid4().hex
    renewed = (
        generation_rows()
        .filter(n=seen)
        .update(token=token, n=F("n") + 1, valid_until=next_scheduled_change())
    )
    if renewed:
        return token
    return generation_rows().values_list("token", flat=True).first() or create_generation()


def bump_generation() -> str:
    """Make every cached page and value unreachable (called after any committed content change).

    One UPDATE: `n = n + 1` and a new token, so concurrent bumps never lose one. The expiry becomes the next
    scheduled moment, unless the stored one is sooner and still ahead: another process may have computed
    that one from a change this process's query did not see yet (a spare renewal costs nothing, a late one
    would hide a post).
    """
    token = uuid.uuid4().hex
    now = timezone.now()
    upcoming = next_scheduled_change()
    sooner = Q(valid_until__gt=now) if upcoming is None else Q(valid_until__gt=now, valid_until__lt=upcoming)
    valid_until = Case(
        When(sooner, then=F("valid_until")), default=Value(upcoming), output_field=DateTimeField(null=True)
    )
    if not generation_rows().update(token=token, n=F("n") + 1, valid_until=valid_until):
        create_generation()
        generation_rows().update(token=token, n=F("n") + 1, valid_until=valid_until)
    return memorised(token)


def next_scheduled_change() -> datetime | None:
    """When pages change with no edit: the next future post date or event start/end."""
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
    upcoming = [moment for moment in moments if moment is not None]
    return min(upcoming) if upcoming else None


def content_cache_generation() -> str | None:
    """The generation for caching content-derived values, or None when that caching is off.

    Off (CONTENT_CACHE_SECONDS=0) in tests unless a test turns it on. On by default with or without Redis:
    the generation lives in the database, so every worker's private local-memory copies go stale together.
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
    # The generation is stored inside the entry, not in its key: a URL has one entry, not one per generation.
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
        # generation and is never served.
        generation = current_generation()
        entry = cache.get(key)
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
