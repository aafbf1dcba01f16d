"""Drafts and scheduled posts appear in no list, feed, sitemap or search, even for staff who can preview
them (those pages filter on the published querysets, whoever asks)."""

import feedparser
import pytest

from tests.discovery.test_sitemap import sitemap_urls
from tests.factories import make_post
from tests.html import texts

pytestmark = pytest.mark.django_db

SECRET_TITLES = {"Borrador secreto", "Rascunho secreto", "Programada secreta"}


@pytest.fixture
def hidden(draft, scheduled):
    make_post(title_es="Publicada", title_pt="Publicada pt")  # so every list has something in it
    return [draft, scheduled]


@pytest.fixture(params=["reader", "staff"])
def anyone(request, client, editor):
    if request.param == "staff":
        client.force_login(editor)
    return client


def test_not_on_the_home_page(anyone, hidden):
    html = anyone.get("/").content
    assert "Publicada" in texts(html, "main h2, main h3")
    assert not SECRET_TITLES & set(texts(html, "main a"))


def test_not_in_the_section_listing(anyone, hidden):
    assert not SECRET_TITLES & set(texts(anyone.get("/blog/").content, "main a"))


def test_not_in_the_feeds(anyone, hidden):
    for url in ("/feed.xml", "/atom.xml", "/pt/feed.xml"):
        titles = {entry.title for entry in feedparser.parse(anyone.get(url).content).entries}
        assert titles and not SECRET_TITLES & titles, url


def test_not_in_the_sitemap(anyone, hidden):
    locations = set(sitemap_urls(anyone))
    assert not [loc for loc in locations if any(post.slug_es in loc for post in hidden)]
    assert any("publicada" in loc or "post-" in loc for loc in locations)


def test_not_found_by_search(anyone, hidden):
    html = anyone.get("/search/", {"q": "secreto"}).content
    assert not SECRET_TITLES & set(texts(html, "main a"))
