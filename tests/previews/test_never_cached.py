"""A preview never meets the shared caches: rendering one stores nothing (pages, rows, fragments, bodies),
and it is never answered from a page stored for readers."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from ops.generation import current_generation
from ops.page_cache import page_key
from previews.sharing import share_path
from tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def caches_on(page_cache, content_cache):
    """The production settings: whole pages and content-derived values cached (tests/conftest.py)."""


def stored_keys() -> set[str]:
    return set(cache._cache)  # the local-memory cache's own table: every key anything stored


def plant_page(path: str, language: str, content: bytes) -> None:
    """An entry in the page cache for `path`, as the middleware would have stored one for readers."""
    key = page_key(RequestFactory().get(path), language)
    cache.set(key, (current_generation(), (200, {"Content-Type": "text/html"}, content)), 300)


def test_a_staff_preview_stores_nothing(staff_client, draft, caches_on):
    make_post()  # something for the listings beside the post (neighbours, related posts, sidebar)
    staff_client.get("/")  # whatever a visit stores has been stored
    before = stored_keys()
    response = staff_client.get(draft.get_absolute_url("es"))
    assert response.status_code == 200
    assert stored_keys() == before


def test_a_share_link_stores_nothing(client, draft, caches_on):
    url = share_path(draft, "es")
    make_post()
    client.get("/")
    before = stored_keys()
    assert client.get(url).status_code == 200
    assert stored_keys() == before


def test_readers_still_get_404_after_a_staff_preview(client, staff_client, draft, caches_on, editor):
    staff_client.get(draft.get_absolute_url("es"))
    client.logout()
    response = client.get(draft.get_absolute_url("es"))
    assert response.status_code == 404
    assert b"Borrador secreto" not in response.content


def test_readers_still_get_404_after_a_share_link_was_opened(client, draft, caches_on):
    client.get(share_path(draft, "es"))
    assert client.get(draft.get_absolute_url("es")).status_code == 404


def test_a_share_link_is_never_answered_from_the_page_cache(client, draft, caches_on):
    url = share_path(draft, "es")
    plant_page(url, "es", b"<p>stored for readers</p>")
    response = client.get(url)
    assert b"stored for readers" not in response.content
    assert b"Borrador secreto" in response.content
    assert "X-Page-Cache" not in response


def test_a_staff_preview_is_never_answered_from_the_page_cache(staff_client, draft, caches_on):
    plant_page(draft.get_absolute_url("es"), "es", b"<p>stored for readers</p>")
    response = staff_client.get(draft.get_absolute_url("es"))
    assert b"Borrador secreto" in response.content
    assert "X-Page-Cache" not in response


def test_a_preview_is_not_public_to_proxies(client, draft, caches_on):
    response = client.get(share_path(draft, "es"))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives
