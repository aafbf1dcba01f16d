"""Values derived from content, kept until the content changes: `remember()`, `remember_rows()` and
`GenerationCountPaginator`.

Both key what they store by the content generation (`ops.generation`), so no value needs invalidation code of
its own. Off (computed every time) when `CONTENT_CACHE_SECONDS` is 0, as in tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.timezone import now as timezone_now

from ops.generation import content_cache_generation

_MISSING = object()
T = TypeVar("T")


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


def query_digest(queryset) -> str:
    """What a queryset asks, as a key: its SQL and parameters with "now" masked (it differs on every request;
    the generation already expires at the next scheduled publication, the only moment a listing changes by
    itself), and its database."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. an empty page slice, or `pk__in=[]`: it returns nothing, whatever "now" is
        sql, params = "EMPTY", ()
    stable = without_now(params, timezone_now())
    return hashlib.sha256(repr((queryset.db, sql, stable)).encode()).hexdigest()


def remember_rows(queryset) -> list | QuerySet:
    """The objects a queryset returns (with what it prefetches), kept until the content changes.

    A page's lists (its posts, the carousel, pinned, featured and recent posts, neighbours, upcoming events)
    each cost an ORM compilation and a round trip to the database per request: ~1 ms of CPU apiece, half
    a page's non-template time. Their results only change with the content, so they are read once per
    generation (and per worker from its memory after that: `ops.local_memo`). With content caching off the
    queryset is returned as it is.
    """
    if content_cache_generation() is None:
        return queryset
    return remember(f"rows:{query_digest(queryset)}", lambda: list(queryset))


class GenerationCountPaginator(Paginator):
    """A Paginator whose total count, and each page's objects, are cached per content generation.

    `COUNT(*)` over every live post is the one listing query whose cost grows with the number of posts
    (about 35 ms at 10,000 posts on PostgreSQL); the page's rows themselves come from an index scan, and are
    kept too (`remember_rows`).
    """

    @cached_property
    def count(self) -> int:
        if getattr(self.object_list, "query", None) is None:
            return super().count
        return remember(f"count:{query_digest(self.object_list)}", lambda: Paginator.count.func(self))

    def _get_page(self, object_list, number, paginator):
        if getattr(object_list, "query", None) is not None:
            object_list = remember_rows(object_list)
        return super()._get_page(object_list, number, paginator)
