"""Cached HTML fragments of listing pages (reader.fragments, the carousel and sidebar `{% cache %}` blocks).

With content caching on, cards, carousel and sidebar lists come from the cache until the content changes;
the page must read exactly as when everything is rendered afresh, and any change must show at once.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ops.generation import current_generation
from reader.selectors import fragment_generation
from tests.factories import make_author, make_post, make_tag

# 12 for the page, plus the site's name and menu (pages.SiteIdentity, MenuItem): one query per language and
# content generation, made again on this first request after a change.
BUDGET = 13


@pytest.fixture
def listing_site(db):
    """Every kind of card the home page draws: carousel, pinned, featured, foreign-language, plain."""
    tag = make_tag(slug="django")
    author = make_author("ana")
    make_post(tags=[tag], authors=[author], carousel=True, featured=True)
    make_post(tags=[tag], pinned=True)
    make_post(languages=("pt",), authors=[author])
    for _ in range(12):
        make_post(tags=[tag])
    return {"tag": tag, "author": author}


def page_html(client, url: str) -> str:
    return client.get(url).content.decode()


@pytest.mark.parametrize("url", ["/", "/en/", "/pt/", "/page/2/", "/tags/django/"])
def test_cached_fragments_read_like_a_fresh_render(client, listing_site, settings, url):
    settings.CONTENT_CACHE_SECONDS = 0
    fresh = page_html(client, url)
    settings.CONTENT_CACHE_SECONDS = 300
    cache.clear()
    page_html(client, url)  # fills the cache
    assert page_html(client, url) == fresh


def test_cached_cards_load_no_authors_or_tags(client, listing_site, content_cache):
    client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    tables = " ".join(query["sql"] for query in second.captured_queries)
    assert "blog_post_tags" not in tables
    assert "blog_post_authors" not in tables


def test_first_request_with_an_empty_cache_stays_in_budget(client, listing_site, content_cache):
    current_generation()  # made by the change that emptied the cache, not by this request
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    assert len(first) <= BUDGET


def test_renamed_tag_shows_at_once_on_cached_cards(
    client, listing_site, content_cache, django_capture_on_commit_callbacks
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        listing_site["tag"].name_es = "Django renombrado"
        listing_site["tag"].save()
    assert "#Django renombrado" in page_html(client, "/")


def test_renamed_author_shows_at_once_on_cached_cards(
    client, listing_site, content_cache, django_capture_on_commit_callbacks
):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        listing_site["author"].name = "Ana Renombrada"
        listing_site["author"].save()
    assert "Ana Renombrada" in page_html(client, "/")


@pytest.mark.django_db
def test_fragment_key_carries_the_release_setting(settings):
    """The release part of a fragment's key is `settings.RELEASE`, not a digest of where modules live."""
    settings.CONTENT_CACHE_SECONDS = 300
    settings.RELEASE = "release-a"
    first = fragment_generation()
    settings.RELEASE = "release-b"
    second = fragment_generation()
    assert first.endswith("-release-a")
    assert second.endswith("-release-b")
