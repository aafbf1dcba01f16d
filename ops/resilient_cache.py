"""Redis as an accelerator, never a single point of failure.

`ResilientRedisCache` is Django's Redis back end with one difference: when Redis cannot be reached (refused,
timed out, reset), a read is a miss and a write is dropped, so every page is rendered from the database
instead of answering 500. The outage is logged once when it starts and once when Redis answers again, not
per request; during it Redis is not asked again for `RETRY_AFTER_SECONDS`, so a dead server costs one short
connect timeout every few seconds per process, not one per cache call. When Redis returns, the next call
after that pause uses it again.

A cache alias whose failure must not be silent (the admin login throttle's counters: a miss there would
reset every counter) sets `FAIL_CLOSED: True` and gets `CacheUnavailable` instead of a miss.

Entries whose key names their content for good (generation-keyed values and fragments, versioned post
bodies: `ops.local_memo`) are also kept in the process's memory, so a worker reads each from Redis once.

The Redis client is imported when a back end is made, not with this module: `ops.throttle` and
`comments.views` (which the URLconf imports) need the module for `CacheUnavailable` with Redis or without
it, and the client takes ~50 ms to import (the start-up budget, docs/performance.md).
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from ops.local_memo import LocalMemo, is_immutable

logger = logging.getLogger("ops.cache")

# Outages by server list, shared by every backend instance of the process (Django makes one per thread).
_outages: dict[str, float] = {}
_outages_lock = threading.Lock()
# Memos of immutable entries by server list and key prefix, shared by the backend instances of the process.
_memos: dict[tuple, LocalMemo] = {}


class CacheUnavailable(Exception):
    """Raised by a FAIL_CLOSED cache while its server is unreachable."""


# Set the shared copy of the content generation only if it is newer than the stored one (by its counter):
# two bumps publishing out of order never leave the older token in Redis.
_PUBLISH_GENERATION = """
local stored = redis.call('GET', KEYS[1])
if stored then
    local n = tonumber(string.match(stored, '^(%d+)|'))
    if n and n > tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""


class ResilientRedisCache(RedisCache):
    # ops.generation keeps a copy of the content generation here (read by every worker in one round trip).
    shares_generation = True

    def __init__(self, server, params):
        from redis.exceptions import ConnectionError as RedisConnectionError  # local: see the docstring
        from redis.exceptions import TimeoutError as RedisTimeoutError

        # What a call raises when the server cannot be reached.
        self.unreachable = (RedisConnectionError, RedisTimeoutError, OSError)
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER_SECONDS", 5))
        self.fail_closed = bool(options.pop("FAIL_CLOSED", False))
        # Fail fast: a page must not wait seconds for a cache that is down.
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self.server_name = ",".join(self._servers)
        self.memo = _memos.setdefault((self.server_name, self.key_prefix), LocalMemo())

    # --- outage bookkeeping -----------------------------------------------------------------------------

    def is_down(self) -> bool:
        down_since_retry = _outages.get(self.server_name)
        return down_since_retry is not None and time.monotonic() < down_since_retry

    def _mark_down(self, error: Exception) -> None:
        with _outages_lock:
            first = self.server_name not in _outages
            _outages[self.server_name] = time.monotonic() + self.retry_after
        if first:
            logger.error("cache %s unreachable, serving without it: %s", self.server_name, error)

    def _mark_up(self) -> None:
        if self.server_name in _outages:
            with _outages_lock:
                was_down = _outages.pop(self.server_name, None) is not None
            if was_down:
                logger.warning("cache %s reachable again", self.server_name)

    def _call(self, operation, fallback):
        if self.is_down():
            return self._unavailable(fallback)
        try:
            result = operation()
        except self.unreachable as error:
            self._mark_down(error)
            return self._unavailable(fallback)
        self._mark_up()
        return result

    def _unavailable(self, fallback):
        if self.fail_closed:
            raise CacheUnavailable(self.server_name)
        return fallback

    # --- the cache API ------------------------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        if not is_immutable(key):
            return self._call(lambda: super(ResilientRedisCache, self).get(key, default, version), default)
        return self.get_many([key], version).get(key, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if is_immutable(key):
            self.memo.set_many({self.make_key(key, version): value}, self.get_backend_timeout(timeout))
        return self._call(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        self.memo.delete(self.make_key(key, version))
        return self._call(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        keys = list(keys)
        memo_keys = {key: self.make_key(key, version) for key in keys if is_immutable(key)}
        remembered = self.memo.get_many(memo_keys.values())
        found = {key: remembered[made] for key, made in memo_keys.items() if made in remembered}
        asked = [key for key in keys if key not in found]
        if asked:
            fetched = self._call(lambda: super(ResilientRedisCache, self).get_many(asked, version), {})
            kept = {memo_keys[key]: value for key, value in fetched.items() if key in memo_keys}
            if kept:
                self.memo.set_many(kept, self.default_timeout)
            found.update(fetched)
        return found

    def has_key(self, key, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).incr(key, delta, version), delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        kept = {self.make_key(key, version): value for key, value in data.items() if is_immutable(key)}
        if kept:
            self.memo.set_many(kept, self.get_backend_timeout(timeout))
        return self._call(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        for key in keys:
            self.memo.delete(self.make_key(key, version))
        return self._call(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        self.memo.clear()
        return self._call(lambda: super(ResilientRedisCache, self).clear(), False)

    # --- the shared copy of the content generation (ops.generation) ----------------------------------------

    def publish_generation(self, key: str, n: int, value: str, milliseconds: int) -> None:
        """Store `value` (the generation as text) under `key` unless a newer one (higher `n`) is there."""

        def publish():
            client = self._cache.get_client(key, write=True)  # one server: REDIS_URL
            client.eval(_PUBLISH_GENERATION, 1, self.make_and_validate_key(key), n, value, milliseconds)

        self._call(publish, None)

    def get_generation_and(self, generation_key: str, key: str | None) -> tuple[str | None, object]:
        """The generation's text and the (unpickled) value of `key`, in one round trip; (None, None) when
        Redis is unreachable."""

        def both():
            client = self._cache.get_client(generation_key, write=False)
            keys = [self.make_and_validate_key(generation_key)]
            if key is not None:
                keys.append(self.make_and_validate_key(key))
            values = client.mget(keys)
            generation = values[0].decode() if values[0] is not None else None
            stored = values[1] if key is not None else None
            return generation, (self._cache._serializer.loads(stored) if stored is not None else None)

        return self._call(both, (None, None))

    def ping(self) -> bool:
        """Whether the server answers now (for the health check); never raises."""
        try:
            self._cache.get_client(write=False).ping()
        except self.unreachable as error:
            self._mark_down(error)
            return False
        self._mark_up()
        return True
