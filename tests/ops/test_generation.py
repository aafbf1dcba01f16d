"""The content generation lives in the database, so caches private to each worker stay correct.

Each gunicorn worker keeps its own local-memory cache; a "second worker" here is a second LocMemCache
(another LOCATION), swapped in between requests. Whatever worker saves a post, the other one must show it
on its next request, reading the generation (one primary-key query) once per request.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ops.generation import current_generation, generation_memo
from ops.models import ContentGeneration
from tests.factories import make_post, make_tag

pytestmark = pytest.mark.django_db


def worker_cache(name: str) -> dict:
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}}


@pytest.fixture
def cached_site(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CONTENT_CACHE_SECONDS = 300
    return settings


def generation_count() -> int:
    current_generation()  # the row exists from the first read on
    return ContentGeneration.objects.get().n


def as_worker(settings, name: str) -> None:
    settings.CACHES = worker_cache(name)


def generation_queries(captured) -> list:
    return [query for query in captured.captured_queries if "ops_contentgeneration" in query["sql"]]


def test_a_saved_post_bumps_the_generation_only_after_commit(django_capture_on_commit_callbacks):
    post = make_post(title_es="Antes")
    before = generation_count()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post.title_es = "Después"
        post.save()
    assert generation_count() == before
    for callback in callbacks:
        callback()
    assert generation_count() == before + 1


def test_bump_gives_a_new_token(django_capture_on_commit_callbacks):
    post = make_post()
    old = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        post.save()
    assert current_generation() != old


def test_second_worker_shows_a_change_made_through_the_first_at_once(
    client, cached_site, django_capture_on_commit_callbacks
):
    post = make_post(title_es="Título viejo")
    as_worker(cached_site, "worker-a")
    client.get("/")
    as_worker(cached_site, "worker-b")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"  # worker b serves its own copy
    as_worker(cached_site, "worker-a")
    with django_capture_on_commit_callbacks(execute=True):
        post.title_es = "Título nuevo"
        post.save()
    as_worker(cached_site, "worker-b")
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Título nuevo" in response.content.decode()


def test_second_worker_counts_a_new_post_at_once(client, cached_site, django_capture_on_commit_callbacks):
    """Content values (the pagination count, sidebar terms, cards) follow too, with the page cache off."""
    cached_site.PAGE_CACHE_SECONDS = 0
    make_post()
    as_worker(cached_site, "worker-a")
    client.get("/en/")
    as_worker(cached_site, "worker-b")
    client.get("/en/")
    as_worker(cached_site, "worker-a")
    with django_capture_on_commit_callbacks(execute=True):
        make_post(title_en="Second post")
    as_worker(cached_site, "worker-b")
    response = client.get("/en/")
    assert response.context["paginator"].count == 2
    assert "Second post" in response.content.decode()


def test_a_request_reads_the_generation_once(client, cached_site):
    """Page cache, counts, sidebar and cards all ask for it; the database is asked once."""
    cached_site.PAGE_CACHE_SECONDS = 300
    as_worker(cached_site, "worker-once")
    make_post()
    current_generation()  # made once per database (by the migration), not per request
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert len(generation_queries(captured)) == 1


def test_caching_adds_at_most_one_query_to_a_page(client, cached_site, settings):
    make_post()
    settings.CONTENT_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as uncached:
        client.get("/")
    settings.CONTENT_CACHE_SECONDS = 300
    as_worker(settings, "worker-extra")
    current_generation()  # the row is made once per database, not per request
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    assert len(cold) <= len(uncached) + 1


def test_outside_a_request_each_read_asks_the_database(django_capture_on_commit_callbacks):
    """A management command or shell never keeps an old generation."""
    current_generation()
    with CaptureQueriesContext(connection) as captured:
        current_generation()
        current_generation()
    assert len(generation_queries(captured)) == 2


def test_within_one_request_scope_a_bump_is_seen(django_capture_on_commit_callbacks):
    post = make_post()
    with generation_memo():
        old = current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            post.save()
        assert current_generation() != old


def test_one_commit_bumps_the_generation_once(django_capture_on_commit_callbacks):
    """An import commits 100 posts (and their terms, relations, redirects) at a time: one bump, not 700."""
    before = generation_count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for _ in range(3):
            make_post(tags=[make_tag()])
    assert len(callbacks) > 3
    assert generation_count() == before + 1


@pytest.mark.parametrize("undone", ["first", "last"])
def test_a_rolled_back_savepoint_does_not_lose_the_bump_of_what_stays(
    django_capture_on_commit_callbacks, undone
):
    before = generation_count()

    def change(rolled_back: bool) -> None:
        try:
            with transaction.atomic():
                make_post()
                if rolled_back:
                    raise RuntimeError("this group fails")
        except RuntimeError:
            pass

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        change(rolled_back=undone == "first")
        change(rolled_back=undone == "last")
    assert generation_count() == before + 1
