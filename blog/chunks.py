"""Long lists of ids, keys or paths split for `IN (…)` lookups: SQLite allows 999 parameters a query."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

IN_LIMIT = 500  # values per IN (…), with room for a query's other parameters


def chunked(items: Sequence, size: int = IN_LIMIT) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
