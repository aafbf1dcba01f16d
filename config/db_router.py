"""Primary/replica database routing.

Reads go to a read replica (`replica_1`, `replica_2`, … from `DATABASE_REPLICA_URLS`, see settings) and
writes to `default`, the primary. Reads stay on the primary when they must see the caller's own writes:
inside a transaction on the primary, and for the whole of a request that may write or belongs to a
logged-in editor (`PrimaryPinningMiddleware`). With no replica configured everything uses `default`.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY = "default"
_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)
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


class PrimaryReplicaRouter:
    def __init__(self, replicas: list[str] | None = None):
        # Django builds the router once, at start-up, when DATABASES is final.
        self.replicas = replica_aliases() if replicas is None else replicas

    def db_for_read(self, model, **hints) -> str:
        if not self.replicas or _pinned_to_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return random.choice(self.replicas)  # noqa: S311 - load spreading, not security

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Every alias holds the same data (replicas copy the primary).
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # Replicas receive the schema through replication, never through migrate.
        return db == PRIMARY


class PrimaryPinningMiddleware:
    """Requests that may write (POST, …) or come from a logged-in user read from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        needs_primary = request.method not in SAFE_METHODS or settings.SESSION_COOKIE_NAME in request.COOKIES
        if not needs_primary:
            return self.get_response(request)
        with use_primary():
            return self.get_response(request)
