"""RSS 2.0 and Atom feeds per language and per term, validated by parsing them with feedparser."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from tests.discovery.discovery_data import spanish_only_post, trilingual_post
from tests.factories import make_author, make_category, make_post, make_series, make_tag

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


@pytest.mark.parametrize("url", ["/feed.xml", "/pt/feed.xml", "/en/feed.xml"])
def test_rss_feed_per_language_is_well_formed_rss_2(client, url):
    trilingual_post()
    response, feed = parse(client, url)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"


@pytest.mark.parametrize("url", ["/atom.xml", "/pt/atom.xml", "/en/atom.xml"])
def test_atom_feed_per_language_is_well_formed_atom(client, url):
    trilingual_post()
    response, feed = parse(client, url)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"


@pytest.mark.parametrize(
    ("url", "language"), [("/feed.xml", "es"), ("/pt/feed.xml", "pt"), ("/en/atom.xml", "en")]
)
def test_feed_declares_its_language(client, url, language):
    trilingual_post()
    _, feed = parse(client, url)
    assert feed.feed.language == language


@pytest.mark.parametrize("url", ["/feed.xml", "/atom.xml"])
def test_spanish_feed_lists_the_spanish_only_post(client, url):
    spanish_only_post()
    _, feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == [
        "Por qué las nubes públicas no son la única forma de construir IA: el stack de IA soberano"
    ]


@pytest.mark.parametrize("url", ["/en/feed.xml", "/pt/atom.xml"])
def test_other_languages_leave_out_a_post_that_does_not_exist_in_them(client, url):
    spanish_only_post()
    trilingual_post()
    _, feed = parse(client, url)
    assert len(feed.entries) == 1


def test_entry_title_and_link_are_in_the_feeds_language(client):
    post = trilingual_post()
    _, feed = parse(client, "/pt/feed.xml")
    entry = feed.entries[0]
    assert entry.title == post.title_pt
    assert entry.link == f"http://testserver{post.get_absolute_url('pt')}"
    assert entry.link.startswith("http://testserver/pt/blog/2025/04/")


@pytest.mark.parametrize("url", ["/en/feed.xml", "/en/atom.xml"])
def test_entry_carries_date_categories_and_every_author(client, url):
    post = trilingual_post()
    post.authors.add(make_author("lucia-ferreyra", name="Lucía Ferreyra"))
    _, feed = parse(client, url)
    entry = feed.entries[0]
    assert entry.published_parsed[:3] == (2025, 4, 18)
    assert {author.name for author in entry.authors} == {"oss.lat", "Lucía Ferreyra"}
    terms = {tag.term for tag in entry.tags}
    assert {"OpenInfraDays", "Kubernetes", "Community"} <= terms


def test_atom_entry_has_an_updated_date_from_the_post(client):
    trilingual_post(updated=timezone.now().replace(year=2025, month=5, day=2))
    _, feed = parse(client, "/atom.xml")
    assert feed.entries[0].updated_parsed[:3] == (2025, 5, 2)


@pytest.mark.parametrize("url", ["/feed.xml", "/atom.xml"])
def test_summary_is_sanitised(client, url):
    make_post(
        summary_es='Hola <script>alert("x")</script><img src=x onerror="alert(1)"> '
        '<a href="javascript:x()">y</a>'
    )
    _, feed = parse(client, url)
    summary = feed.entries[0].summary
    assert "Hola" in summary
    assert "<script" not in summary and "alert" not in summary
    assert "onerror" not in summary and "javascript:" not in summary


def test_post_without_summary_gets_the_start_of_its_body_as_plain_text(client):
    spanish_only_post()
    _, feed = parse(client, "/feed.xml")
    summary = feed.entries[0].summary
    assert summary.startswith("La revolución de la IA está aquí")
    assert "**" not in summary


def test_drafts_and_future_posts_stay_out_of_the_feed(client):
    make_post(draft=True)
    make_post(date=timezone.now() + timedelta(days=3))
    _, feed = parse(client, "/feed.xml")
    assert feed.entries == []


@pytest.mark.parametrize("suffix", ["feed.xml", "atom.xml"])
def test_tag_feed_lists_only_posts_with_that_tag(client, suffix):
    kubernetes = make_tag("kubernetes", {"es": "Kubernetes", "pt": "Kubernetes", "en": "Kubernetes"})
    tagged = make_post(tags=[kubernetes])
    make_post()
    _, feed = parse(client, f"/en/tags/kubernetes/{suffix}")
    assert [entry.title for entry in feed.entries] == [tagged.title_en]
    assert "Kubernetes" in feed.feed.title


def test_tag_feed_title_uses_the_tag_name_in_the_feeds_language(client):
    make_post(tags=[make_tag("community", {"es": "Comunidad", "pt": "Comunidade", "en": "Community"})])
    _, feed = parse(client, "/pt/tags/community/feed.xml")
    assert feed.feed.title.endswith("Comunidade")


@pytest.mark.parametrize(
    ("path", "builder", "relation"),
    [
        ("categories", make_category, "categories"),
        ("series", make_series, "series"),
        ("authors", make_author, "authors"),
    ],
)
def test_category_series_and_author_feeds_list_their_posts(client, path, builder, relation):
    term = builder("events")
    value = term if relation == "series" else [term]
    wanted = make_post(**{relation: value})
    make_post()
    _, feed = parse(client, f"/{path}/events/feed.xml")
    assert [entry.title for entry in feed.entries] == [wanted.title_es]


def test_feed_of_an_unknown_tag_is_404(client):
    assert client.get("/tags/no-such-tag/feed.xml").status_code == 404


def test_feed_query_count_does_not_grow_with_posts(client, django_assert_num_queries):
    """Authors, categories and tags are prefetched: 5 or 15 posts cost the same number of queries."""
    tag = make_tag()
    author = make_author()
    for _ in range(5):
        make_post(tags=[tag], authors=[author])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/feed.xml")
    for _ in range(10):
        make_post(tags=[tag], authors=[author])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/feed.xml")


def test_site_url_setting_makes_the_feed_links(client, settings):
    settings.SITE_URL = "https://blog.example.org"
    post = trilingual_post()
    _, feed = parse(client, "/en/atom.xml")
    assert feed.entries[0].link == f"https://blog.example.org{post.get_absolute_url('en')}"
    assert feed.feed.link == "https://blog.example.org/en/"


# --- sections, per-language term slugs, Hugo's index.xml ----------------------------------------------------


def test_a_section_feed_lists_that_sections_posts_in_the_feeds_language(client):
    blog = make_post(section="blog", languages=("es", "en"))
    make_post(section="news", languages=("es", "en"))
    make_post(section="blog", languages=("es",))
    _, feed = parse(client, "/en/blog/feed.xml")
    assert [entry.link for entry in feed.entries] == [f"http://testserver{blog.get_absolute_url('en')}"]
    assert len(parse(client, "/blog/atom.xml")[1].entries) == 2
    assert client.get("/no-such-section/feed.xml").status_code == 404


def test_a_term_feed_is_at_the_terms_slug_in_the_feeds_language(client):
    from blog.models import Tag

    tag = Tag.objects.create(
        name_es="Código abierto", slug_es="código-abierto", name_en="Open source", slug_en="open-source"
    )
    make_post(tags=[tag], languages=("es", "en"))
    _, feed = parse(client, "/en/tags/open-source/feed.xml")
    assert feed.entries and {term.term for term in feed.entries[0].tags} == {"Open source"}
    assert client.get("/en/tags/c%C3%B3digo-abierto/feed.xml").status_code == 404


@pytest.mark.parametrize(
    ("hugo", "ours"),
    [
        ("/index.xml", "/feed.xml"),
        ("/en/index.xml", "/en/feed.xml"),
        ("/pt/blog/index.xml", "/pt/blog/feed.xml"),
        ("/tags/index.xml", "/feed.xml"),
        ("/en/authors/index.xml", "/en/feed.xml"),
        ("/en/tags/community/index.xml", "/en/tags/community/feed.xml"),
        ("/authors/ana/index.xml", "/authors/ana/feed.xml"),
        ("/search/index.xml", "/feed.xml"),  # a page that is not a listing of posts: the site feed
    ],
)
def test_hugos_index_xml_feeds_redirect_to_ours(client, hugo, ours):
    make_post(section="blog", tags=[make_tag("community")], authors=[make_author("ana")])
    response = client.get(hugo)
    assert (response.status_code, response.headers["Location"]) == (301, ours)
    parse(client, ours)


def test_an_index_xml_of_no_listing_is_not_found(client):
    make_post(section="blog")
    assert client.get("/no-such-section/index.xml").status_code == 404
