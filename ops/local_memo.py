"""A small per-process memo in front of the shared cache, for entries whose key says which content they hold.

A key that carries the content generation (`content:<generation>:…`, `fragment:<generation>:…`: the
templates' `{% kept %}` parts) or a post's version
(`post-body:…:<modified_at>`) names one value for good: whatever is stored under it is what any worker would
compute for it. Such an entry can be kept in the worker's own memory as well, without any invalidation: a
content change makes new keys, never new values for old ones. So a listing view asks Redis once per worker
and generation for its counts, sidebar and cards, then reads them from a dict (a Redis round trip is
~0.2 ms on an idle loopback and several when the 2 cores are busy; a page made 6–8 of them).

Only keys with one of `IMMUTABLE_PREFIXES` are kept. Bounded: `MAX_ENTRIES` and `MAX_BYTES` (an estimate:
strings and bytes by length, other values at `OTHER_VALUE_BYTES`), least recently used first, and no entry
outlives the shared cache's timeout for it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

IMMUTABLE_PREFIXES = ("content:", "fragment:", "post-body:")
MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024
OTHER_VALUE_BYTES = 16 * 1024


def is_immutable(key: str) -> bool:
    return key.startswith(IMMUTABLE_PREFIXES)


def size_of(value) -> int:
    if isinstance(value, str | bytes):
        return len(value)
    return OTHER_VALUE_BYTES


class LocalMemo:
    """LRU of (value, expires at, size) by key; thread-safe (gunicorn's threads share a process)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[str, tuple[object, float, int]] = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get_many(self, keys) -> dict:
        found = {}
        now = time.monotonic()
        with self.lock:
            for key in keys:
                entry = self.entries.get(key)
                if entry is None:
                    continue
                if entry[1] <= now:
                    self._drop(key)
                    continue
                self.entries.move_to_end(key)
                found[key] = entry[0]
        return found

    def set_many(self, values: dict, timeout: float | None) -> None:
        expires = float("inf") if timeout is None else time.monotonic() + timeout
        with self.lock:
            for key, value in values.items():
                if key in self.entries:
                    self._drop(key)
                size = size_of(value)
                self.entries[key] = (value, expires, size)
                self.bytes += size
            while self.entries and (len(self.entries) > self.max_entries or self.bytes > self.max_bytes):
                self._drop(next(iter(self.entries)))

    def delete(self, key: str) -> None:
        with self.lock:
            if key in self.entries:
                self._drop(key)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.bytes = 0

    def _drop(self, key: str) -> None:
        _value, _expires, size = self.entries.pop(key)
        self.bytes -= size
