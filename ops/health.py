"""`/healthz`: whether this app server can serve, and what is down if not.

The database is required (every page reads it): down means 503. The cache is an accelerator (pages are
rendered without it, see `ops.resilient_cache`): down is reported as "unavailable" with 200, so a load
balancer keeps the server in rotation while an operator sees the degradation. Never cached, no session.
"""

from __future__ import annotations

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_status(alias: str = "default") -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unavailable"
    return "ok"


def cache_status(alias: str = "default") -> str:
    backend = caches[alias]
    ping = getattr(backend, "ping", None)
    if ping is None:  # local memory: part of this process, up whenever the process answers
        return "ok"
    return "ok" if ping() else "unavailable"


@never_cache
def healthz(request):
    checks = {"database": database_status(), "cache": cache_status()}
    status = 200 if checks["database"] == "ok" else 503
    return JsonResponse(
        {"status": "ok" if all(v == "ok" for v in checks.values()) else "degraded", **checks}, status=status
    )
