"""With Redis, the content generation is read from a copy there, in the page cache's own round trip; the
database row stays the truth: a bump publishes before it returns, a missing or expired copy sends the
reader to the row."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ops.generation import SHARED_KEY, bump_generation, current_generation, publish, token_from_copy
from ops.models import ContentGeneration
from tests.factories import make_post
from tests.ops.test_outages import redis_caches, redis_process  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def shared_copy() -> str | None:
    text, _value = caches["default"].get_generation_and(SHARED_KEY, None)
    return text


def test_a_page_cache_hit_asks_the_database_nothing(client, redis_caches):  # noqa: F811
    make_post()
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert len(captured) == 0


def test_a_change_shows_on_the_next_request(
    client,
    redis_caches,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    post = make_post(title_es="Antes del cambio")
    assert "Antes del cambio" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post.title_es = "Después del cambio"
        post.save()
    assert "Después del cambio" in client.get("/").content.decode()


def test_a_bump_publishes_its_token_before_returning(redis_caches):  # noqa: F811
    token = bump_generation()
    assert token_from_copy(shared_copy()) == token


def test_a_lost_copy_is_read_from_the_row_and_restored(redis_caches):  # noqa: F811
    token = bump_generation()
    caches["default"].delete(SHARED_KEY)
    assert current_generation() == token
    assert token_from_copy(shared_copy()) == token


def test_an_older_generation_never_replaces_a_newer_copy(redis_caches):  # noqa: F811
    bump_generation()
    row = ContentGeneration.objects.get()
    publish(row.n - 1, "older", None)
    assert token_from_copy(shared_copy()) == row.token


def test_a_copy_past_its_scheduled_change_is_not_used(redis_caches):  # noqa: F811
    bump_generation()
    row = ContentGeneration.objects.get()
    publish(row.n + 1, "expired", timezone.now() - timedelta(seconds=1))
    assert token_from_copy(shared_copy()) is None
    assert current_generation() != "expired"
