"""The content generation: one token that every content change replaces, kept in the database.

Every cached page and value is keyed by it (`ops.caching`, `ops.page_cache`). Any content change (see
`ops/receivers.py`) replaces the token, so all earlier entries become unreachable at once and expire on their
own: no key listing, no purge. The token lives in the database (`ops.models.ContentGeneration`, one row), read
once per request from the primary: every gunicorn worker sees a change on its next request, so the cache
itself may be each worker's own local memory or Redis shared by many app servers, with the same correctness.

Time changes content too: a post dated in the future appears on its date by itself, an event moves from
upcoming to past. So a generation also expires at the next such moment (`next_scheduled_change`), and the
first request after it starts a new one. Which moments those are is asked of the content apps through
`register_scheduled_changes` (ops knows no content model by name).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Case, DateTimeField, F, Q, QuerySet, Value, When
from django.utils import timezone

from ops.models import ContentGeneration

ROW = 1
# The generation is always read from (and written to) the primary: a replica a little behind would hand out a
# token that was already replaced.
PRIMARY = DEFAULT_DB_ALIAS
# The generation read for the current request (see `generation_memo`); None outside a request.
_request_memo: ContextVar[dict | None] = ContextVar("content_generation_memo", default=None)
# Functions returning the upcoming moments at which some content changes by itself (a scheduled post's date,
# an event's start or end); registered by the apps that own such content.
_scheduled_change_sources: dict[str, Callable[[], Iterable[datetime | None]]] = {}


def register_scheduled_changes(name: str, source: Callable[[], Iterable[datetime | None]]) -> None:
    """Have `next_scheduled_change` ask `source` for the moments its content changes without an edit."""
    _scheduled_change_sources[name] = source


def next_scheduled_change() -> datetime | None:
    """When pages change with no edit: the soonest moment any registered source names."""
    upcoming = [
        moment for source in _scheduled_change_sources.values() for moment in source() if moment is not None
    ]
    return min(upcoming) if upcoming else None


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


def content_cache_generation() -> str | None:
    """The generation for caching content-derived values, or None when that caching is off.

    Off (CONTENT_CACHE_SECONDS=0) in tests unless a test turns it on. On by default with or without Redis:
    the generation lives in the database, so every worker's private local-memory copies go stale together.
    """
    return current_generation() if settings.CONTENT_CACHE_SECONDS > 0 else None
