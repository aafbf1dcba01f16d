"""The details of issue 15 that need no browser: translated term names on cards, one date style per language,
the table of contents rule, greyed-out languages that lead somewhere, and a feed link on every listing."""

import calendar
import re
from datetime import UTC, datetime

import pytest
from django.core.cache import cache

from blog.rendering import TOC_MIN_WORDS
from tests.factories import make_post, make_tag
from tests.html import attrs, select, select_one, text, texts

pytestmark = pytest.mark.django_db

LONG = " ".join(["palabra"] * (TOC_MIN_WORDS + 20))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


# --- term names -------------------------------------------------------------------------------------------


def test_a_tag_on_an_other_language_card_reads_in_the_readers_language_when_translated(client):
    tag = make_tag("comunidad", {"es": "Comunidad", "en": "Community"})
    make_post(languages=("es",), title_es="Solo en español", tags=[tag])
    card = select_one(client.get("/en/"), ".post-card")
    assert texts(card, ".tag-list a") == ["#Community"]
    assert attrs(card, ".tag-list a", "href") == [tag.url_in("en")]
    assert select(card, ".tag-list li[lang]") == []


def test_an_untranslated_tag_keeps_the_posts_language_and_says_so(client):
    tag = make_tag("cafe", {"es": "Café"})
    make_post(languages=("es",), title_es="Solo en español", tags=[tag])
    item = select_one(client.get("/en/"), ".post-card .tag-list li")
    assert item["lang"] == "es"
    assert text(item, "a") == "#Café"


# --- dates ------------------------------------------------------------------------------------------------

ENGLISH_DATE = re.compile(rf"^({'|'.join(calendar.month_name[1:])}) \d{{1,2}}, \d{{4}}$")


@pytest.mark.parametrize(
    "day",
    [datetime(2026, 1, 19, 15, tzinfo=UTC), datetime(2025, 4, 18, 15, tzinfo=UTC)],
)
def test_english_pages_write_every_date_in_one_style(client, day):
    """Django's English format abbreviated some months ("Jan. 19, 2026") and not others ("April 18, 2025")."""
    post = make_post(date=day, featured=True)
    make_post(date=day, title_en="Another")  # so the sidebar lists the first one (recent and featured)
    for path in ("/en/", "/en/page/1/", post.get_absolute_url("en"), "/en/blog/"):
        response = client.get(path, follow=True)
        dates = texts(response, "main time")
        assert dates, path
        assert all(ENGLISH_DATE.match(date) for date in dates), (path, dates)


@pytest.mark.parametrize(
    ("prefix", "expected"), [("", "19 de enero de 2026"), ("/pt", "19 de janeiro de 2026")]
)
def test_spanish_and_portuguese_pages_write_dates_in_full(client, prefix, expected):
    make_post(date=datetime(2026, 1, 19, 15, tzinfo=UTC), featured=True, section="news")
    dates = set(texts(client.get(f"{prefix}/blog/"), "main time"))
    assert dates == {expected}  # the sidebar's "Featured" box and nothing in another style


# --- table of contents --------------------------------------------------------------------------------------


def test_toc_follows_the_posts_flag_with_two_headings(client):
    post = make_post(toc=True, body_es=f"## Uno\n\n{LONG}\n\n## Dos\n\nFin.")
    assert texts(client.get(post.get_absolute_url("es")), ".post-toc li a") == ["Uno", "Dos"]


def test_no_toc_when_the_flag_is_off(client):
    post = make_post(toc=False, body_es=f"## Uno\n\n{LONG}\n\n## Dos\n\n## Tres")
    assert select(client.get(post.get_absolute_url("es")), ".post-toc") == []


def test_no_toc_for_a_short_post_whatever_its_flag(client):
    post = make_post(toc=True, body_es="## Uno\n\nCorto.\n\n## Dos\n\n## Tres")
    assert select(client.get(post.get_absolute_url("es")), ".post-toc") == []


# --- greyed-out languages -----------------------------------------------------------------------------------


def test_a_language_a_post_lacks_links_to_its_not_available_page(client):
    post = make_post(languages=("es", "en"))
    switcher = select_one(client.get(post.get_absolute_url("es")), ".lang-switcher")
    greyed = select_one(switcher, "a.lang-unavailable")
    assert greyed["lang"] == "pt"
    response = client.get(greyed["href"])
    assert response.status_code == 404
    assert attrs(response, ".translation-list a", "href") == [
        post.get_absolute_url("es"),
        post.get_absolute_url("en"),
    ]


def test_a_language_a_tag_lacks_links_to_the_generic_not_available_page(client):
    tag = make_tag("cafe", {"es": "Café"})
    make_post(languages=("es",), tags=[tag])
    greyed = select(client.get(tag.url_in("es")), ".lang-switcher a.lang-unavailable")
    assert [link["lang"] for link in greyed] == ["pt", "en"]
    response = client.get(greyed[1]["href"])
    assert response.status_code == 404
    assert select_one(response, "html")["lang"] == "en"
    assert text(response, "h1") == "This page is not available in this language"
    assert attrs(response, ".translation-list a", "href") == [tag.url_in("es")]


def test_the_not_available_page_links_back_only_to_a_local_path(client):
    response = client.get("/en/not-available/", {"from": "//evil.example/"})
    assert response.status_code == 404
    assert select(response, ".translation-list a") == []


# --- feed links ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "feed"),
    [
        ("/", "/feed.xml"),
        ("/en/", "/en/feed.xml"),
        ("/blog/", "/blog/feed.xml"),
        ("/tags/cafe/", "/tags/cafe/feed.xml"),
    ],
)
def test_each_listing_links_its_own_rss_feed(client, path, feed):
    make_post(tags=[make_tag("cafe")])
    link = select_one(client.get(path), "main a.feed-link")
    assert link["href"] == feed
    assert client.get(feed).status_code == 200
