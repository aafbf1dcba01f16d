"""Reads from replicas that never put a stale page in the cache (config/db_router.py), and an opt-in run
against a real streaming replica (bench/replica.py).

The real run starts a second PostgreSQL 15 cluster on this machine and needs root, so it runs only with
BITACORA_REPLICA_TEST=1:

    BITACORA_REPLICA_TEST=1 .venv/bin/python -m pytest tests/discovery/test_search_replica.py

"""

import os

import pytest

from blog.models import Post
from config import db_router
from config.db_router import PrimaryReplicaRouter, fresh_reads, use_primary

REPLICAS = ["replica_1", "replica_2"]


@pytest.fixture
def replay(monkeypatch):
    """Replicas that have replayed the log as far as we say; what the router asked, in order."""
    state = {"replayed": set(REPLICAS), "asked": []}

    def position():
        state["asked"].append("position")
        return "0/100"

    def has_replayed(alias, at):
        state["asked"].append(alias)
        return alias in state["replayed"]

    monkeypatch.setattr(db_router, "current_generation", lambda: state["asked"].append("generation"))
    monkeypatch.setattr(db_router, "primary_position", position)
    monkeypatch.setattr(db_router, "has_replayed", has_replayed)
    return state


def test_a_request_reads_from_one_caught_up_replica(replay):
    replay["replayed"] = {"replica_2"}
    router = PrimaryReplicaRouter(replicas=REPLICAS)
    with fresh_reads():
        assert {router.db_for_read(Post) for _ in range(20)} == {"replica_2"}
    assert replay["asked"].count("position") == 1


def test_a_request_reads_from_the_primary_when_every_replica_lags(replay):
    replay["replayed"] = set()
    router = PrimaryReplicaRouter(replicas=REPLICAS)
    with fresh_reads():
        assert router.db_for_read(Post) == "default"
        assert router.db_for_read(Post) == "default"


def test_the_generation_is_read_before_the_position_it_must_precede(replay):
    with fresh_reads():
        PrimaryReplicaRouter(replicas=REPLICAS).db_for_read(Post)
    assert replay["asked"][:2] == ["generation", "position"]


def test_pinned_reads_ask_no_replica(replay):
    with fresh_reads(), use_primary():
        assert PrimaryReplicaRouter(replicas=REPLICAS).db_for_read(Post) == "default"
    assert replay["asked"] == []


@pytest.mark.skipif(
    os.environ.get("BITACORA_REPLICA_TEST") != "1",
    reason="starts a second PostgreSQL cluster: set BITACORA_REPLICA_TEST=1 (see bench/replica.py)",
)
def test_a_real_streaming_replica_serves_readers_and_never_a_stale_page():
    from bench import replica

    checks = replica.run("postgres://postgres@127.0.0.1:5432/postgres", replica_port=5433, posts=200)
    assert [name for name, ok in checks if not ok] == []
    assert len(checks) == 7
