"""Page cache: anonymous pages are stored per language and dropped on any content change.

The default tests use the local-memory cache; `test_redis_*` run the same path against the real Redis on
127.0.0.1:6379 (a missing Redis is a skip locally and a failure under CI=true).
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Post
from blog.signals import import_finished
from events.models import Event
from ops.caching import remember
from ops.page_cache import response_is_public
from tests.conftest import skip_or_fail
from tests.factories import PUBLISHED, make_author, make_post, make_tag

REDIS_LOCATION = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_cache(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_LOCATION).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_LOCATION}
    }
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield cache
    cache.clear()


def get_twice(client, url):
    client.get(url)
    return client.get(url)


@pytest.mark.django_db
def test_second_anonymous_request_is_served_from_cache(client, page_cache):
    make_post()
    first = client.get("/")
    second = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.django_db
def test_cached_page_costs_one_query_the_generation(client, page_cache, django_assert_num_queries):
    make_post()
    client.get("/")
    with django_assert_num_queries(1) as captured:
        client.get("/")
    assert "ops_contentgeneration" in captured.captured_queries[0]["sql"]


@pytest.mark.django_db
def test_each_language_gets_its_own_entry(client, page_cache):
    make_post(title_es="Hola mundo", title_pt="Olá mundo", title_en="Hello world")
    client.get("/")
    english = client.get("/en/")
    assert english["X-Page-Cache"] == "miss"
    assert b"Hello world" in english.content


@pytest.mark.django_db
def test_cacheable_page_is_marked_public_with_short_max_age(client, page_cache):
    make_post()
    response = get_twice(client, "/")
    assert response["Cache-Control"] == "public, max-age=30"


@pytest.mark.django_db
def test_cached_page_still_gets_security_and_csp_headers(client, page_cache):
    response = get_twice(client, "/")
    assert response["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_logged_in_user_is_never_served_nor_stored(client, page_cache, django_user_model):
    make_post()
    client.get("/")  # an anonymous copy exists
    user = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(user)
    response = get_twice(client, "/")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_admin_is_never_cached(client, page_cache):
    response = get_twice(client, "/admin/login/")
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_missing_page_is_not_cached(client, page_cache):
    response = get_twice(client, "/tags/no-such-tag/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_saving_a_post_shows_at_once(client, page_cache, django_capture_on_commit_callbacks):
    post = make_post(title_es="Título viejo")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        post.title_es = "Título nuevo"
        post.save()
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Título nuevo" in response.content.decode()


@pytest.mark.django_db
def test_deleting_a_post_drops_cached_pages(client, page_cache, django_capture_on_commit_callbacks):
    post = make_post(title_es="Se va")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    assert "Se va" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_renaming_a_tag_invalidates(client, page_cache, django_capture_on_commit_callbacks):
    tag = make_tag(slug="django")
    make_post(tags=[tag])
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        tag.name_es = "Django renombrado"
        tag.save()
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_changing_post_tags_invalidates(client, page_cache, django_capture_on_commit_callbacks):
    post = make_post()
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        post.tags.add(make_tag())
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_saving_an_author_invalidates(client, page_cache, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        make_author("ana")
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_saving_an_event_invalidates(client, page_cache, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        Event.objects.create(**PUBLISHED, name="PyCon", slug="pycon")
    assert client.get("/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_finished_import_invalidates(client, page_cache):
    client.get("/")
    import_finished.send(sender=Post, summary=None)
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_response_that_sets_a_cookie_is_not_stored():
    response = HttpResponse("x")
    response.set_cookie("csrftoken", "abc")
    assert not response_is_public(response)


@pytest.mark.django_db
def test_request_with_session_cookie_bypasses_cache(client, page_cache, settings):
    client.get("/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "stale-or-forged"
    assert "X-Page-Cache" not in client.get("/")


@pytest.mark.django_db
def test_redis_serves_cached_page(client, redis_cache):
    make_post()
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_redis_post_save_invalidates(client, redis_cache, django_capture_on_commit_callbacks):
    post = make_post(title_en="Before")
    client.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        post.title_en = "After"
        post.save()
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "miss"
    assert "After" in response.content.decode()


@pytest.mark.django_db
def test_future_post_appears_on_its_date_without_an_edit(client, page_cache):
    """The generation expires at the next scheduled publication, well before the entry's own timeout."""
    make_post(title_es="Publicado")
    make_post(title_es="Programado", date=timezone.now() + timedelta(minutes=1))
    client.get("/")
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Programado" in response.content.decode()


@pytest.mark.django_db
def test_generation_without_scheduled_posts_does_not_expire(client, page_cache):
    make_post()
    client.get("/")
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        assert client.get("/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_listing_count_is_kept_between_requests(client, content_cache):
    make_post()
    client.get("/en/")
    with CaptureQueriesContext(connection) as second:
        client.get("/en/")
    assert not any("COUNT(*)" in query["sql"] for query in second.captured_queries)


@pytest.mark.django_db
def test_listing_count_follows_a_new_post(client, content_cache, django_capture_on_commit_callbacks):
    make_post()
    client.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        make_post(title_en="Second post")
    response = client.get("/en/")
    assert response.context["paginator"].count == 2


def test_remember_computes_every_time_when_off(settings):
    settings.CONTENT_CACHE_SECONDS = 0
    calls = []
    remember("x", lambda: calls.append(1))
    remember("x", lambda: calls.append(1))
    assert len(calls) == 2


@pytest.mark.django_db
def test_archive_months_keep_separate_counts(client, content_cache):
    """Only "now" is masked in the count's key: a month's bounds still tell listings apart."""
    make_post(date=timezone.now().replace(year=2024, month=3, day=10))
    make_post(date=timezone.now().replace(year=2024, month=4, day=10))
    make_post(date=timezone.now().replace(year=2024, month=4, day=12))
    march = client.get("/archive/2024/03/")
    april = client.get("/archive/2024/04/")
    assert (march.context["paginator"].count, april.context["paginator"].count) == (1, 2)
