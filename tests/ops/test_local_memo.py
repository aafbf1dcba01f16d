"""Entries whose key names their content for good (generation-keyed values and fragments, versioned post
bodies) are also kept in the worker's memory (`ops.local_memo`), so a warm page does not go to Redis."""

import re
import time
from pathlib import Path

from django.core.cache import caches

from ops.local_memo import LocalMemo, is_immutable
from tests.ops.test_outages import redis_caches, redis_process  # noqa: F401 - fixtures

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_the_least_recently_used_entry_goes_first():
    memo = LocalMemo(max_entries=2)
    memo.set_many({"content:a": 1, "content:b": 2}, timeout=60)
    memo.get_many(["content:a"])
    memo.set_many({"content:c": 3}, timeout=60)
    assert memo.get_many(["content:a", "content:b", "content:c"]) == {"content:a": 1, "content:c": 3}


def test_the_memo_is_bounded_in_bytes():
    memo = LocalMemo(max_bytes=10)
    memo.set_many({"fragment:a": "x" * 6, "fragment:b": "y" * 6}, timeout=60)
    assert memo.get_many(["fragment:a", "fragment:b"]) == {"fragment:b": "y" * 6}


def test_an_entry_lives_no_longer_than_its_timeout():
    memo = LocalMemo()
    memo.set_many({"content:a": 1}, timeout=0.01)
    time.sleep(0.02)
    assert memo.get_many(["content:a"]) == {}


def test_pages_and_counters_are_never_kept_in_memory():
    assert is_immutable("content:token:count:abc")
    assert is_immutable("fragment:token:card:1")
    assert not is_immutable("pagecache:es:abc")  # one entry per URL, replaced on every generation
    assert not is_immutable("throttle:login:1.2.3.4")


def test_templates_keep_fragments_only_through_kept():
    """Kept fragments are kept in memory: `{% kept %}` keys them by generation itself; a `{% cache %}` block
    would be kept under a key that need not name its content."""
    templates = list(TEMPLATES.rglob("*.html"))
    assert templates
    assert not [path.name for path in templates if re.search(r"{%\s*cache\s", path.read_text())]


def test_a_kept_entry_is_read_while_redis_is_down(redis_caches):  # noqa: F811
    cache = caches["default"]
    cache.set("content:token:sidebar", ["kept"], 60)
    cache.set("pagecache:es:abc", "page", 60)
    redis_caches.stop()
    try:
        assert cache.get("content:token:sidebar") == ["kept"]
        assert cache.get_many(["content:token:sidebar"]) == {"content:token:sidebar": ["kept"]}
        assert cache.get("pagecache:es:abc") is None
    finally:
        redis_caches.start()


def test_an_entry_another_worker_stored_is_read_from_redis_once(redis_caches):  # noqa: F811
    cache = caches["default"]
    cache.set("fragment:token:card:1", "<li>card</li>", 60)
    cache.memo.clear()  # as if another worker had stored it
    assert cache.get("fragment:token:card:1") == "<li>card</li>"
    redis_caches.stop()
    try:
        assert cache.get("fragment:token:card:1") == "<li>card</li>"
    finally:
        redis_caches.start()
