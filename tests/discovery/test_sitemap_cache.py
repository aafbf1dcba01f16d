"""Sitemap files are built once per content generation (content cache on, as in production): a repeated
request reads only the generation, and any content change shows in the next request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.discovery.test_sitemap import absolute, part_urls, sitemap_parts
from tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_cache(settings):
    settings.CONTENT_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sitemap-cache"}
    }
    yield settings
    cache.clear()


def queries_for(client, location: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(location).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("part", ["/sitemap.xml", "/sitemap-posts.xml", "/sitemap-listings.xml"])
def test_a_repeated_sitemap_request_reads_only_the_generation(client, content_cache, part):
    make_post()
    # The index names the posts' pages by id block (`?p=N`): ids depend on the database's sequence.
    location = next(loc for loc in [absolute("/sitemap.xml"), *sitemap_parts(client)] if part in loc)
    queries_for(client, location)
    (query,) = queries_for(client, location)
    assert "ops_contentgeneration" in query


def test_a_new_post_is_in_the_next_sitemap_after_the_commit(
    client, content_cache, django_capture_on_commit_callbacks
):
    make_post()
    before = {loc for loc in sitemap_parts(client) if "sitemap-posts" in loc}
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(languages=("es",))
    parts = [loc for loc in sitemap_parts(client) if "sitemap-posts" in loc]
    assert set(parts) >= before
    listed = {
        url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        for loc in parts
        for url in part_urls(client, loc)
    }
    assert absolute(post.get_absolute_url("es")) in listed


def test_each_host_gets_its_own_urls(client, content_cache):
    content_cache.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    make_post()
    client.get("/sitemap.xml")
    other = client.get("/sitemap.xml", HTTP_HOST="mirror.example.org").content.decode()
    assert "http://mirror.example.org/sitemap-posts.xml" in other
    assert "testserver" not in other


def test_an_empty_page_of_posts_stays_a_404(client, content_cache):
    make_post()
    assert client.get("/sitemap-posts.xml?p=999").status_code == 404
    assert client.get("/sitemap-posts.xml?p=999").status_code == 404
