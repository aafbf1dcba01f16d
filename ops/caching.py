"""Values derived from content, kept until the content changes: `remember()`, `remember_list()` and
`KeptListing`.

All key what they store by the content generation (`ops.generation`), so no value needs invalidation code of
its own. Off (computed once per request) when `CONTENT_CACHE_SECONDS` is 0, as in tests, or when bypassed
(previews).

Keys are named by the caller from what the value depends on (a listing's kind, language, term, page slice),
never derived from the query: building a queryset and compiling its SQL just to know its key cost about
1 ms of CPU per list, most of a warm page's view time. So a queryset is built only when its value is missing:
`remember_list("pinned:es", lambda: posts.pinned()[:3])`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import cached_property

from ops.generation import content_cache_generation, request_memo

_MISSING = object()
T = TypeVar("T")


def remember(name: str, compute: Callable[[], T]) -> T:
    """A value derived from the content (a count, a list of terms), kept until the content changes.

    Keyed by the generation, so any edit, import or scheduled publication gives a fresh value; no
    invalidation code per value. Off (computed once per request) when CONTENT_CACHE_SECONDS is 0, as in tests.
    """
    generation = content_cache_generation()
    if generation is None:
        return _once_per_request(name, compute)
    key = f"content:{generation}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value


def _once_per_request(name: str, compute: Callable[[], T]) -> T:
    """With content caching off (tests, previews), a value is still computed once per request, not once
    per use: a page that asks the kept counts for its total, its sidebar and its alternates reads them
    once. Outside a request it is computed every time."""
    memo = request_memo()
    if memo is None:
        return compute()
    key = f"remember:{name}"
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def remember_list(name: str, build: Callable[[], Iterable[T]]) -> list[T]:
    """The objects `build()` returns (a queryset, with what it prefetches), kept under `name` until the
    content changes. `name` must say everything the query depends on: it is the key, the query is not."""
    return remember(f"rows:{name}", lambda: list(build()))


class KeptListing:
    """A paginated listing as Django's `Paginator` reads it — `count()` and slices — kept per generation.

    `name` names the listing (its key); `build()` gives its ordered queryset, built only when a count or
    page is not kept yet. `known_total`, when given, is the total without a query (`counts.live`).
    """

    ordered = True  # build() returns an ordered queryset: no Paginator warning

    def __init__(self, name: str, build: Callable, known_total: int | None = None):
        self.name, self.build, self.known_total = name, build, known_total

    @cached_property
    def queryset(self):
        return self.build()

    @cached_property
    def total(self) -> int:
        if self.known_total is not None:
            return self.known_total
        return remember(f"count:{self.name}", lambda: self.queryset.count())

    def count(self) -> int:
        return self.total

    def exists(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list:
        if not isinstance(window, slice):
            raise TypeError("a kept listing is read by slices (pages)")
        start, stop = window.start or 0, window.stop
        return remember_list(f"{self.name}:{start}:{stop}", lambda: self.queryset[start:stop])
