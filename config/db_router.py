"""Primary/replica database routing.

Reads go to a read replica (`replica_1`, `replica_2`, … from `DATABASE_REPLICA_URLS`, see settings) and
writes to `default`, the primary. Reads stay on the primary when they must see the caller's own writes:
inside a transaction on the primary, and for the whole of a request that may write or belongs to a
logged-in editor (`PrimaryPinningMiddleware`). With no replica configured everything uses `default`.

Within any other request (`fresh_reads`), the first read routed to a replica takes one that has replayed all
the primary had written at that moment, after the request's content generation was read; when none has, the
request reads the primary. So a page or value cached under a generation was never rendered from data older
than that generation: a lagging replica costs the primary some reads, never a stale page kept in the cache
(see docs/deploy.md). Outside requests (commands, the shell) reads go to any replica; wrap what must be
current in `use_primary()`.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

from ops.generation import current_generation

PRIMARY = "default"
_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)
# The database chosen for the current request's replica reads (see `fresh_reads`); None outside a request.
_request_reads: ContextVar[dict | None] = ContextVar("request_reads", default=None)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


@contextmanager
def use_primary():
    """Route every read in this block (and this thread or task) to the primary."""
    token = _pinned_to_primary.set(True)
    try:
        yield
    finally:
        _pinned_to_primary.reset(token)


@contextmanager
def fresh_reads():
    """Within it (one request), replica reads go to a replica that has caught up, chosen once."""
    token = _request_reads.set({})
    try:
        yield
    finally:
        _request_reads.reset(token)


def primary_position() -> str | None:
    """Where the primary's write-ahead log ends now (None on a database without one)."""
    if connections[PRIMARY].vendor != "postgresql":
        return None
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def has_replayed(alias: str, position: str | None) -> bool:
    """Whether the replica has replayed the log up to `position` (a server that is not a standby has all of
    it; an unreachable one has nothing)."""
    if position is None:
        return True
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT COALESCE(pg_last_wal_replay_lsn() >= %s::pg_lsn, NOT pg_is_in_recovery())", [position]
            )
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        return False


class PrimaryReplicaRouter:
    def __init__(self, replicas: list[str] | None = None):
        # Django builds the router once, at start-up, when DATABASES is final.
        self.replicas = replica_aliases() if replicas is None else replicas

    def db_for_read(self, model, **hints) -> str:
        if not self.replicas or _pinned_to_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        chosen = _request_reads.get()
        if chosen is None:
            return random.choice(self.replicas)  # noqa: S311 - load spreading, not security
        if "alias" not in chosen:
            chosen["alias"] = self.caught_up_replica()
        return chosen["alias"]

    def caught_up_replica(self) -> str:
        """A replica (in random order) that has replayed all the primary has written; else the primary.

        The request's generation is read (and kept for the request) first, so the position read next is past
        that generation's commit: whatever this request caches under it holds every change before it."""
        current_generation()
        position = primary_position()
        for alias in random.sample(self.replicas, len(self.replicas)):
            if has_replayed(alias, position):
                return alias
        return PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Every alias holds the same data (replicas copy the primary).
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # Replicas receive the schema through replication, never through migrate.
        return db == PRIMARY


class PrimaryPinningMiddleware:
    """Requests that may write (POST, …) or come from a logged-in user read from the primary; the others
    read from a replica that has caught up (`fresh_reads`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        needs_primary = request.method not in SAFE_METHODS or settings.SESSION_COOKIE_NAME in request.COOKIES
        if needs_primary:
            with use_primary():
                return self.get_response(request)
        if not replica_aliases():
            return self.get_response(request)
        with fresh_reads():
            return self.get_response(request)
