"""Values derived from content, kept until the content changes: `remember()` and `GenerationCountPaginator`.

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
from django.core.paginator import Paginator
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
