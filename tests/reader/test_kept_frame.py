"""Kept parts of pages (`{% kept %}`: the head's links and meta tags, header, menu, theme switch, language
switcher and footer on every page; a post's article and related posts).

With content caching on, a page built from kept parts reads byte for byte like a fresh render, whatever pages
and languages were seen before it; what varies by page (the current menu entry, the switcher's links, the
host named in share links, the year) is never taken from another page.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from reader import selectors
from tests.factories import make_category, make_post, make_series, make_tag
from tests.html import attrs, select_one, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_site():
    tag, category, series = make_tag(slug="django"), make_category(slug="devops"), make_series(slug="guia")
    posts = [make_post(tags=[tag], categories=[category], series=series, toc=True) for _ in range(3)]
    make_post(languages=("es",), tags=[tag], section="news")
    for _ in range(11):
        make_post(tags=[tag])
    return {"post": posts[1], "tag": tag}


def site_urls(site) -> list[str]:
    post = site["post"]
    return [
        "/",
        "/en/",
        "/pt/page/2/",
        "/blog/",
        "/en/news/",
        "/archive/",
        "/tags/",
        site["tag"].url_in("es"),
        post.get_absolute_url("es"),
        post.get_absolute_url("en"),
        post.get_absolute_url("pt"),
    ]


def test_pages_made_of_kept_parts_read_like_fresh_renders(client, kept_site, settings):
    urls = site_urls(kept_site)
    settings.CONTENT_CACHE_SECONDS = 0
    fresh = {url: client.get(url).content for url in urls}
    settings.CONTENT_CACHE_SECONDS = 300
    cache.clear()
    for _round in range(2):  # the first fills the cache, page after page and language after language
        for url in urls:
            assert client.get(url).content == fresh[url], url


def test_the_menu_marks_only_the_page_it_is_on(client, kept_site, content_cache):
    assert attrs(client.get("/blog/"), "nav.main-nav a[aria-current]", "href") == ["/blog/"]
    assert attrs(client.get("/"), "nav.main-nav a[aria-current]", "href") == []
    assert attrs(client.get("/news/"), "nav.main-nav a[aria-current]", "href") == ["/news/"]


def test_the_language_switcher_is_the_pages_own(client, kept_site, content_cache):
    post = kept_site["post"]
    client.get(post.get_absolute_url("es"))
    response = client.get(post.get_absolute_url("en"))
    assert text(response, ".lang-switcher .lang-current") == "English"
    assert attrs(response, ".lang-switcher a[hreflang=es]", "href") == [post.get_absolute_url("es")]
    tag = kept_site["tag"]
    tag_page = client.get(tag.url_in("es"))
    assert text(tag_page, ".lang-switcher .lang-current") == "Español"
    assert attrs(tag_page, ".lang-switcher a[hreflang=en]", "href") == [tag.url_in("en")]


def test_share_links_name_the_host_the_reader_used(client, kept_site, content_cache, settings):
    settings.ALLOWED_HOSTS = ["blog.example.org", "mirror.example.net"]
    url = kept_site["post"].get_absolute_url("es")
    first = client.get(url, HTTP_HOST="blog.example.org")
    second = client.get(url, HTTP_HOST="mirror.example.net")
    assert attrs(second, "link[rel=canonical]", "href") == [f"http://mirror.example.net{url}"]
    assert select_one(first, "[data-share-native]")["data-url"] == f"http://blog.example.org{url}"
    assert select_one(second, "[data-share-native]")["data-url"] == f"http://mirror.example.net{url}"


def test_an_edit_shows_at_once_in_a_kept_article(
    client, kept_site, content_cache, django_capture_on_commit_callbacks
):
    post = kept_site["post"]
    client.get(post.get_absolute_url("es"))
    with django_capture_on_commit_callbacks(execute=True):
        post.title_es = "Título cambiado después"
        post.save()
    assert text(client.get(post.get_absolute_url("es")), "h1#post-title") == "Título cambiado después"


def test_the_footer_names_the_year_it_is_shown_in(client, kept_site, content_cache):
    zone = ZoneInfo("America/Bogota")  # the site's time zone; a minute apart, the kept parts are still there
    with time_machine.travel(datetime(2031, 12, 31, 23, 59, 30, tzinfo=zone), tick=False):
        assert "© 2031" in text(client.get("/"), "footer.site-footer p")
    with time_machine.travel(datetime(2032, 1, 1, 0, 0, 30, tzinfo=zone), tick=False):
        assert "© 2032" in text(client.get("/"), "footer.site-footer p")


def test_the_comment_form_is_never_kept(client, content_cache):
    """The form is signed with the moment it was rendered: a kept one would carry an old timestamp."""
    post = make_post(comment=True)
    stamps = []
    for moment in (
        datetime(2031, 5, 4, 10, 0, 0, tzinfo=ZoneInfo("UTC")),
        datetime(2031, 5, 4, 10, 0, 30, tzinfo=ZoneInfo("UTC")),
    ):
        with time_machine.travel(moment, tick=False):
            page = client.get(post.get_absolute_url("es"))
        stamps += attrs(page, "form.comment-form input[name=timestamp]", "value")
    assert len(stamps) == 2 and stamps[0] != stamps[1]


def test_a_kept_article_asks_for_no_neighbours_related_or_series_posts(
    client, kept_site, content_cache, monkeypatch
):
    """They are shown only inside the kept parts: a page served from them does not look them up."""
    url = kept_site["post"].get_absolute_url("es")
    client.get(url)
    asked = []

    def counted(name, real):
        def call(*args):
            asked.append(name)
            return real(*args)

        return call

    for name in ("neighbours", "related_posts", "series_posts"):
        monkeypatch.setattr(selectors, name, counted(name, getattr(selectors, name)))
    assert client.get(url).status_code == 200
    assert asked == []
    cache.clear()
    page = client.get(url)
    assert sorted(asked) == ["neighbours", "related_posts", "series_posts"]  # each once, when rendered
    select_one(page, "a.prev")
