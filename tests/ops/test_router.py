"""Primary/replica router: reads to a replica, writes and read-your-writes cases to the primary."""

import json
import os
import subprocess
import sys

import pytest
from django.db import transaction
from django.test import RequestFactory

from blog.models import Post
from config.db_router import PrimaryPinningMiddleware, PrimaryReplicaRouter, use_primary

REPLICAS = ["replica_1", "replica_2"]


@pytest.fixture
def router():
    return PrimaryReplicaRouter(replicas=REPLICAS)


def test_reads_use_primary_without_replicas():
    assert PrimaryReplicaRouter(replicas=[]).db_for_read(Post) == "default"


def test_settings_turn_replica_urls_into_mirrored_aliases():
    """settings.py names each DATABASE_REPLICA_URLS entry replica_N; tests reuse the primary's database."""
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "DATABASE_REPLICA_URLS": "postgres://r1.internal/blog,postgres://r2.internal/blog",
    }
    script = (
        "import json, config.settings as s; "
        "print(json.dumps({k: [v['HOST'], v.get('TEST', {}).get('MIRROR')] for k, v in s.DATABASES.items()"
        " if k != 'default'}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(output.stdout) == {
        "replica_1": ["r1.internal", "default"],
        "replica_2": ["r2.internal", "default"],
    }


def test_reads_go_to_a_replica(router):
    assert {router.db_for_read(Post) for _ in range(50)} == {"replica_1", "replica_2"}


def test_writes_go_to_primary(router):
    assert router.db_for_write(Post) == "default"


def test_reads_in_a_primary_transaction_stay_on_primary(router, transactional_db):
    with transaction.atomic():
        assert router.db_for_read(Post) == "default"


def test_pinned_block_reads_from_primary(router):
    with use_primary():
        assert router.db_for_read(Post) == "default"
    assert router.db_for_read(Post).startswith("replica_")


def test_migrations_run_only_on_primary(router):
    assert router.allow_migrate("default", "blog")
    assert not router.allow_migrate("replica_1", "blog")


def routed_alias_during(request):
    seen = []
    router = PrimaryReplicaRouter(replicas=REPLICAS)
    middleware = PrimaryPinningMiddleware(lambda req: seen.append(router.db_for_read(Post)))
    middleware(request)
    return seen[0]


def test_post_request_reads_from_primary():
    assert routed_alias_during(RequestFactory().post("/search/")) == "default"


def test_logged_in_request_reads_from_primary(settings):
    request = RequestFactory().get("/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "x"
    assert routed_alias_during(request) == "default"


def test_anonymous_get_reads_from_replica():
    assert routed_alias_during(RequestFactory().get("/")).startswith("replica_")
