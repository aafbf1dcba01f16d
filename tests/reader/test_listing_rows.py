"""Pages' rows (the page of posts, carousel, pinned, featured and recent posts, the post itself, neighbours,
related posts, upcoming events) are kept per content generation (`ops.caching.remember_list`,
`KeptListing`): a warm page loads no row of posts, and an edit shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_post, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    tag = make_tag(slug="django")
    make_post(tags=[tag], carousel=True, featured=True)
    pinned = make_post(tags=[tag], pinned=True)
    posts = [make_post(tags=[tag]) for _ in range(12)]
    return {"tag": tag, "post": posts[5], "pinned": pinned}


def warm_queries(client, url: str) -> list[str]:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def loads_posts(sql: str) -> bool:
    return sql.startswith('SELECT "blog_post"."id"') or '"events_event"."id"' in sql.split("FROM")[0]


@pytest.mark.parametrize("url", ["/", "/en/", "/page/2/", "/tags/django/"])
def test_a_warm_listing_loads_no_rows(client, site, content_cache, url):
    queries = warm_queries(client, url)
    assert not [sql for sql in queries if loads_posts(sql)]
    assert len(queries) <= 2  # the generation; a term page's emptiness check


def test_a_warm_home_page_reads_only_the_generation(client, site, content_cache):
    (query,) = warm_queries(client, "/")
    assert "ops_contentgeneration" in query


def test_a_warm_post_page_loads_no_post_rows(client, site, content_cache):
    queries = warm_queries(client, site["post"].get_absolute_url("es"))
    assert not [sql for sql in queries if sql.startswith('SELECT "blog_post"."id"')]


def test_an_edit_shows_on_the_next_listing_request(
    client, site, content_cache, django_capture_on_commit_callbacks
):
    client.get("/")
    client.get("/tags/django/")
    post = site["pinned"]
    with django_capture_on_commit_callbacks(execute=True):
        post.title_es = "Título recién editado"
        post.save()
    assert "Título recién editado" in client.get("/").content.decode()
    assert "Título recién editado" in client.get("/tags/django/").content.decode()


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_a_home_page_with_no_live_post_answers_with_its_cached_lists_on(client, content_cache, path):
    make_post(draft=True)  # written, not published: every list of the page is empty
    assert client.get(path).status_code == 200
