"""/sitemap.xml (an index of section sitemaps: posts in pages, listings, events) and its parts (every post,
listing and event page in each language it exists in, hreflang alternates, lastmod), parsed with
ElementTree, and /robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from discovery.sitemaps import PostSitemap
from events.models import Event
from tests.discovery.discovery_data import spanish_only_post, trilingual_post
from tests.factories import PUBLISHED, make_post, make_tag

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def sitemap_parts(client) -> dict[str, ET.Element]:
    """{location: <sitemap> entry} of the index at /sitemap.xml."""
    root = parse(client.get("/sitemap.xml"))
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return {entry.findtext("sm:loc", namespaces=NS): entry for entry in root.findall("sm:sitemap", NS)}


def part_urls(client, location: str) -> list[ET.Element]:
    """The `<url>` entries of one part, which must be a `<urlset>` of URLs on this site."""
    root = parse(client.get(location.removeprefix("http://testserver")))
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return root.findall("sm:url", NS)


def sitemap_urls(client, parts: list[str] | None = None) -> dict[str, ET.Element]:
    """{location: <url> entry} over `parts` (every part the index lists when not given); no location is
    listed twice."""
    urls = {}
    for location in sitemap_parts(client) if parts is None else parts:
        for url in part_urls(client, location):
            loc = url.findtext("sm:loc", namespaces=NS)
            assert loc not in urls
            urls[loc] = url
    return urls


def alternates(url: ET.Element) -> dict[str, str]:
    links = url.findall("xhtml:link", NS)
    assert all(link.get("rel") == "alternate" for link in links)
    return {link.get("hreflang"): link.get("href") for link in links}


def absolute(path: str) -> str:
    return f"http://testserver{path}"


@pytest.fixture
def small_pages(monkeypatch):
    """Two posts per page of the posts sitemap, so that a few posts make several pages."""
    monkeypatch.setattr(PostSitemap, "posts_per_page", 2)


def post_parts(client) -> list[str]:
    """The index's pages of posts, in page order."""
    parts = [location for location in sitemap_parts(client) if "/sitemap-posts.xml" in location]
    return sorted(parts, key=lambda location: int(location.partition("?p=")[2] or 1))


def test_sitemap_is_an_index_of_the_posts_listings_and_events_parts(client):
    trilingual_post()
    parts = sitemap_parts(client)
    assert {urlsplit(location).path for location in parts} == {
        "/sitemap-posts.xml",
        "/sitemap-listings.xml",
        "/sitemap-events.xml",
    }


def test_every_part_of_the_index_has_a_lastmod(client):
    event = Event.objects.create(**PUBLISHED, slug="kcd-colombia-2025", name="KCD Colombia 2025")
    event.posts.add(trilingual_post())
    for entry in sitemap_parts(client).values():
        assert entry.findtext("sm:lastmod", namespaces=NS)


def test_posts_are_split_into_pages_of_at_most_posts_per_page(client, small_pages):
    for _ in range(5):
        make_post()
    parts = post_parts(client)
    assert len(parts) >= 3
    for location in parts:
        assert 1 <= len(part_urls(client, location)) <= 2 * 3  # two posts, three languages each


def test_every_post_is_reachable_in_each_language_it_exists_in(client, small_pages):
    posts = [
        make_post(),
        make_post(languages=("es",)),
        make_post(languages=("pt", "en")),
        make_post(languages=("en",)),
        trilingual_post(),
    ]
    expected = {absolute(post.get_absolute_url(code)) for post in posts for code in post.languages()}
    assert set(sitemap_urls(client, post_parts(client))) == expected


def test_a_page_of_posts_lastmod_in_the_index_is_its_newest_change(client):
    """The page holding both posts is dated by the edit of the older one, not by the newer post's date."""
    make_post(date=timezone.now().replace(year=2025, month=3, day=9))
    edited = make_post(
        date=timezone.now().replace(year=2025, month=1, day=2),
        updated=timezone.now().replace(
            year=2025, month=7, day=4, hour=10, minute=30, second=0, microsecond=0
        ),
    )
    parts = sitemap_parts(client)
    (page,) = [
        location
        for location in post_parts(client)
        if absolute(edited.get_absolute_url()) in sitemap_urls(client, [location])
    ]
    assert parts[page].findtext("sm:lastmod", namespaces=NS) == "2025-07-04T10:30:00+00:00"


def test_a_new_post_leaves_the_earlier_pages_of_posts_as_they_were(client, small_pages):
    for _ in range(4):
        make_post()
    *earlier, _last = post_parts(client)
    assert earlier
    before = {location: client.get(location).content for location in earlier}
    make_post()
    assert {location: client.get(location).content for location in earlier} == before


def test_a_trilingual_post_is_listed_once_per_language(client):
    post = trilingual_post()
    urls = sitemap_urls(client)
    for code in ("es", "pt", "en"):
        assert absolute(post.get_absolute_url(code)) in urls


def test_each_post_url_has_alternates_for_every_language_and_x_default(client):
    post = trilingual_post()
    urls = sitemap_urls(client)
    expected = {code: absolute(post.get_absolute_url(code)) for code in ("es", "pt", "en")}
    expected["x-default"] = expected["es"]
    for code in ("es", "pt", "en"):
        assert alternates(urls[expected[code]]) == expected


def test_a_spanish_only_post_appears_once_without_alternates_to_missing_languages(client):
    post = spanish_only_post()
    urls = sitemap_urls(client)
    post_urls = [loc for loc in urls if "/2026/01/" in loc and "/archive/" not in loc]
    assert post_urls == [absolute(post.get_absolute_url("es"))]
    assert set(alternates(urls[post_urls[0]])) == {"es", "x-default"}


def test_x_default_of_a_post_missing_the_default_language_is_a_language_it_has(client):
    post = make_post(languages=("pt", "en"))
    urls = sitemap_urls(client)
    links = alternates(urls[absolute(post.get_absolute_url("pt"))])
    assert links["x-default"] == absolute(post.get_absolute_url("pt"))
    assert "es" not in links


def test_post_lastmod_is_its_updated_date(client):
    post = trilingual_post(updated=timezone.now().replace(year=2025, month=6, day=1))
    urls = sitemap_urls(client)
    assert urls[absolute(post.get_absolute_url("en"))].findtext("sm:lastmod", namespaces=NS) == "2025-06-01"


def test_post_lastmod_falls_back_to_its_date(client):
    post = trilingual_post()
    urls = sitemap_urls(client)
    assert urls[absolute(post.get_absolute_url("es"))].findtext("sm:lastmod", namespaces=NS) == "2025-04-18"


def test_drafts_and_future_posts_are_left_out(client):
    draft = make_post(draft=True)
    future = make_post(date=timezone.now() + timedelta(days=2))
    urls = sitemap_urls(client)
    for post in (draft, future):
        assert absolute(post.get_absolute_url("es")) not in urls


def test_home_is_listed_in_every_language_with_posts(client):
    trilingual_post()
    urls = sitemap_urls(client)
    for path in ("/", "/pt/", "/en/"):
        assert absolute(path) in urls
    assert alternates(urls[absolute("/pt/")])["x-default"] == absolute("/")


def test_section_and_tag_pages_are_listed_only_in_languages_that_have_posts(client):
    make_post(languages=("es",), section="news", tags=[make_tag("ospo")])
    urls = sitemap_urls(client)
    assert absolute("/news/") in urls and absolute("/tags/ospo/") in urls
    assert absolute("/en/news/") not in urls and absolute("/en/tags/ospo/") not in urls


def test_listing_lastmod_is_its_newest_posts_date(client):
    tag = make_tag("ai")
    make_post(tags=[tag], date=timezone.now().replace(year=2025, month=3, day=9))
    make_post(tags=[tag], date=timezone.now().replace(year=2025, month=7, day=4))
    urls = sitemap_urls(client)
    assert urls[absolute("/en/tags/ai/")].findtext("sm:lastmod", namespaces=NS) == "2025-07-04"


def test_term_pages_count_only_live_posts(client):
    """A draft or future post neither dates a tag page nor lists a tag that has no live post."""
    tag, unpublished = make_tag("ai"), make_tag("soon")
    make_post(tags=[tag], date=timezone.now().replace(year=2025, month=3, day=9))
    make_post(tags=[tag, unpublished], draft=True)
    make_post(tags=[tag, unpublished], date=timezone.now() + timedelta(days=2))
    urls = sitemap_urls(client)
    assert urls[absolute("/tags/ai/")].findtext("sm:lastmod", namespaces=NS) == "2025-03-09"
    assert absolute("/tags/soon/") not in urls


def test_taxonomy_and_author_pages_are_listed(client):
    post = trilingual_post()
    urls = sitemap_urls(client)
    assert absolute("/categories/openinfradays/") in urls
    assert absolute("/pt/tags/community/") in urls
    assert absolute(f"/en/authors/{post.authors.get().slug}/") in urls


def test_event_pages_are_listed_in_every_language(client):
    Event.objects.create(**PUBLISHED, slug="kcd-colombia-2025", name="KCD Colombia 2025")
    urls = sitemap_urls(client)
    for prefix in ("", "/pt", "/en"):
        assert absolute(f"{prefix}/events/kcd-colombia-2025/") in urls
        assert absolute(f"{prefix}/events/") in urls
    assert set(alternates(urls[absolute("/events/kcd-colombia-2025/")])) == {"es", "pt", "en", "x-default"}


def test_event_lastmod_is_its_newest_posts_date(client):
    event = Event.objects.create(**PUBLISHED, slug="kcd-colombia-2025", name="KCD Colombia 2025")
    event.posts.add(make_post(date=timezone.now().replace(year=2025, month=8, day=29)))
    urls = sitemap_urls(client)
    assert urls[absolute("/events/kcd-colombia-2025/")].findtext("sm:lastmod", namespaces=NS) == "2025-08-29"


def test_site_url_setting_overrides_the_request_origin(client, settings):
    settings.SITE_URL = "https://blog.example.org"
    post = trilingual_post()
    urls = sitemap_urls(client)
    assert f"https://blog.example.org{post.get_absolute_url('pt')}" in urls


def query_counts(client, locations: list[str]) -> list[int]:
    counts = []
    for location in locations:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(location).status_code == 200
        counts.append(len(queries))
    return counts


def test_index_query_count_does_not_grow_with_posts_or_pages(client, small_pages):
    tag = make_tag()
    for _ in range(3):
        make_post(tags=[tag])
    Event.objects.create(**PUBLISHED, slug="kcd-colombia-2025", name="KCD Colombia 2025")
    (few,) = query_counts(client, ["/sitemap.xml"])
    for _ in range(12):
        make_post(tags=[make_tag()])
    # One per section: posts, listings, events, pages.
    assert query_counts(client, ["/sitemap.xml"]) == [few] == [4]


def query_counts_by_part(client) -> dict[str, set[int]]:
    """{part's path: the query counts of its pages} over every part the index lists."""
    parts = list(sitemap_parts(client))
    counts: dict[str, set[int]] = {}
    for location, count in zip(parts, query_counts(client, parts), strict=True):
        counts.setdefault(urlsplit(location).path, set()).add(count)
    return counts


def test_part_query_counts_do_not_grow_with_posts(client):
    """Pages of 3 posts and of 15 cost the same; so do the listings and events with more terms."""
    tag = make_tag()
    for _ in range(3):
        make_post(tags=[tag])
    Event.objects.create(**PUBLISHED, slug="kcd-colombia-2025", name="KCD Colombia 2025")
    few = query_counts_by_part(client)
    for n in range(12):
        make_post(tags=[make_tag()], section=f"section-{n % 4}")
        Event.objects.create(**PUBLISHED, slug=f"event-{n}", name=f"Event {n}")
    expected = {"/sitemap-posts.xml": {1}, "/sitemap-listings.xml": {6}, "/sitemap-events.xml": {1}}
    assert query_counts_by_part(client) == few == expected


def test_post_pages_query_count_is_the_same_on_every_page(client, small_pages):
    for _ in range(7):
        make_post()
    counts = query_counts(client, post_parts(client))
    assert len(counts) >= 4 and set(counts) == {1}


def test_sitemap_paths_equal_each_posts_own_url_for_unicode_and_missing_slugs():
    """PostPaths fills a reversed template instead of calling reverse() per post: same result."""
    from discovery.sitemaps import PostPaths

    posts = [
        make_post(slug_es="bogotá-es-sede", slug_pt="são-paulo", slug_en="a b&c"),
        make_post(languages=("es", "en"), slug_en=""),
        make_post(slug_es="", slug_pt="", slug_en=""),
    ]
    paths = PostPaths()
    for post in posts:
        for code in ("es", "pt", "en"):
            assert paths.post_path(post, code) == post.get_absolute_url(code)


def test_a_page_of_posts_past_the_end_is_not_found(client):
    post = make_post()
    past_the_end = post.id // PostSitemap.posts_per_page + 2
    assert client.get("/sitemap-posts.xml", {"p": past_the_end}).status_code == 404


@pytest.mark.parametrize("page", ["x", "0", "-1", "", "²", "1" * 30])
def test_a_malformed_page_number_is_not_found(client, page):
    make_post()
    assert client.get("/sitemap-posts.xml", {"p": page}).status_code == 404


def test_sections_in_a_single_file_have_no_second_page(client):
    make_post()
    assert client.get("/sitemap-listings.xml", {"p": "2"}).status_code == 404
    assert client.get("/sitemap-events.xml", {"p": "2"}).status_code == 404


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_post_section_named_like_the_events_page_is_listed_once(client):
    """/events/ is the events listing (its route comes first), so the listings part leaves it out."""
    make_post(section="events")
    assert alternates(sitemap_urls(client)[absolute("/events/")])["x-default"] == absolute("/events/")


def test_archive_index_year_and_month_pages_are_listed_in_their_languages(client):
    make_post(languages=("es",), date=timezone.now().replace(year=2025, month=3, day=9))
    make_post(date=timezone.now().replace(year=2025, month=7, day=4))
    urls = sitemap_urls(client)
    for path in ("/archive/", "/en/archive/", "/archive/2025/", "/archive/2025/03/", "/en/archive/2025/07/"):
        assert absolute(path) in urls
    assert absolute("/en/archive/2025/03/") not in urls
    assert urls[absolute("/archive/2025/")].findtext("sm:lastmod", namespaces=NS) == "2025-07-04"


@pytest.mark.parametrize("language", ["es", "pt", "en"])
def test_each_language_has_its_own_sitemap_at_hugos_path(client, language):
    """`/es/sitemap.xml`, `/pt/…`, `/en/…`: a `<urlset>` of that language's URLs only, from every part."""
    post = trilingual_post()
    spanish_only_post()
    root = ET.fromstring(client.get(f"/{language}/sitemap.xml").content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    paths = {urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", NS)}
    prefixes = {"es": "/", "pt": "/pt/", "en": "/en/"}
    others = [prefix for code, prefix in prefixes.items() if code != language and prefix != "/"]
    assert paths and all(path.startswith(prefixes[language]) for path in paths)
    assert not [path for path in paths if any(path.startswith(prefix) for prefix in others)]
    assert post.get_absolute_url(language) in paths


def test_terms_are_listed_at_their_slug_in_each_language_with_the_taxonomy_lists(client):
    from blog.models import Tag

    tag = Tag.objects.create(
        name_es="Código abierto", slug_es="código-abierto", name_en="Open source", slug_en="open-source"
    )
    make_post(tags=[tag], languages=("es", "pt", "en"))
    urls = sitemap_urls(client)
    assert absolute("/tags/c%C3%B3digo-abierto/") in urls and absolute("/en/tags/open-source/") in urls
    assert absolute("/pt/tags/c%C3%B3digo-abierto/") not in urls  # the tag does not exist in Portuguese
    assert {absolute("/tags/"), absolute("/en/tags/")} <= set(urls)
    assert absolute("/pt/tags/") not in urls
