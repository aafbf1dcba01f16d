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

With Redis, a copy of the row (`n|token|valid_until`) is kept there too, so a request reads the generation in
the same round trip as its cached page (`read_with`), not with an ORM query (87 % of a page-cache hit's
middleware time). The row stays the truth: every bump and renewal publishes its result to Redis *before*
returning, and only if it is newer than the stored copy (by counter, in one Lua call), so once a bump has
returned no worker reads an older token from Redis. A missing, unreadable or expired copy sends the reader
to the row, which republishes it. The copy also expires after `SHARED_MILLISECONDS`, which bounds how long a
bump whose publication failed (Redis unreachable from that process only) could leave the old token there.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
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
# Set while a preview is rendered (`content_cache_bypassed`): content-derived values are computed afresh.
_bypassed: ContextVar[bool] = ContextVar("content_cache_bypassed", default=False)
# The copy of the generation in the shared cache (see the module docstring).
SHARED_KEY = "content-generation"
SHARED_MILLISECONDS = 2000
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


def request_memo() -> dict | None:
    """The current request's memo (see `generation_memo`), for values computed once per request; None
    outside a request."""
    return _request_memo.get()


def current_generation() -> str:
    """The current content generation token: read once per request (Redis's copy, else the row)."""
    memo = _request_memo.get()
    if memo is not None and "token" in memo:
        return memo["token"]
    token, _value = read_with(None)
    return token


def shared_cache():
    """The default cache when it can hold the generation's copy for every worker (Redis), else None."""
    backend = caches["default"]
    return backend if getattr(backend, "shares_generation", False) else None


def read_with(key: str | None) -> tuple[str, object]:
    """The generation (memorised for the request) and the shared cache's value of `key`, in one round trip
    when Redis holds a valid copy; else the row is read (and republished) and `key` asked apart."""
    shared = shared_cache()
    if shared is None:
        return memorised(read_generation()), (caches["default"].get(key) if key else None)
    text, value = shared.get_generation_and(SHARED_KEY, key)
    token = token_from_copy(text) or read_generation()
    return memorised(token), value


def token_from_copy(text: str | None) -> str | None:
    """The token of Redis's copy, unless it is missing, malformed or past its `valid_until`."""
    try:
        _n, token, valid_until = (text or "").split("|")
    except ValueError:
        return None
    if valid_until and timezone.now().timestamp() >= float(valid_until):
        return None
    return token or None


def publish(n: int, token: str, valid_until: datetime | None) -> None:
    shared = shared_cache()
    if shared is not None:
        stamp = f"{valid_until.timestamp():.6f}" if valid_until else ""
        shared.publish_generation(SHARED_KEY, n, f"{n}|{token}|{stamp}", SHARED_MILLISECONDS)


def memorised(token: str) -> str:
    memo = _request_memo.get()
    if memo is not None:
        memo["token"] = token
    return token


def generation_rows() -> QuerySet:
    return ContentGeneration.objects.using(PRIMARY).filter(pk=ROW)


def read_generation() -> str:
    """The row's token (renewed first if its time has come), published to the shared cache."""
    row = generation_rows().values_list("token", "n", "valid_until").first()
    if row is None:
        return create_generation()
    token, n, valid_until = row
    if valid_until is not None and timezone.now() >= valid_until:
        return expire_generation(seen=n)
    publish(n, token, valid_until)
    return token


def publish_row() -> str:
    """Read the row back after a change and publish it; its token (another bump's, if one came after)."""
    token, n, valid_until = generation_rows().values_list("token", "n", "valid_until").get()
    publish(n, token, valid_until)
    return token


def create_generation() -> str:
    """The row, made on first use (a new database, or a test database just flushed)."""
    row, _ = ContentGeneration.objects.using(PRIMARY).get_or_create(
        pk=ROW, defaults={"token": uuid.uuid4().hex, "valid_until": next_scheduled_change()}
    )
    publish(row.n, row.token, row.valid_until)
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
        return publish_row()
    if not generation_rows().exists():
        return create_generation()
    return publish_row()


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
    if shared_cache() is not None:
        publish_row()  # before returning: from now on no worker reads the old token from Redis
    return memorised(token)


def content_cache_generation() -> str | None:
    """The generation for caching content-derived values, or None when that caching is off.

    Off (CONTENT_CACHE_SECONDS=0) in tests unless a test turns it on. On by default with or without Redis:
    the generation lives in the database, so every worker's private local-memory copies go stale together.
    """
    if _bypassed.get():
        return None
    return current_generation() if settings.CONTENT_CACHE_SECONDS > 0 else None


@contextmanager
def content_cache_bypassed():
    """Within it, every content-derived value (rows, counts, card fragments, `{% cache %}` blocks) is
    computed afresh, neither read from the shared cache nor written to it: what an editor's preview of
    unpublished content renders must never be served to readers, nor built from what they were served."""
    scope = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(scope)
