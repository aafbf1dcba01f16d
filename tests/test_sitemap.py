"""/sitemap.xml (posts, listings and events in each language they exist in, hreflang alternates, lastmod)
parsed with ElementTree, and /robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event
from tests.discovery_data import spanish_only_post, trilingual_post
from tests.factories import make_post, make_tag

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_urls(client) -> dict[str, ET.Element]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    return {url.findtext("sm:loc", namespaces=NS): url for url in root.findall("sm:url", NS)}


def alternates(url: ET.Element) -> dict[str, str]:
    links = url.findall("xhtml:link", NS)
    assert all(link.get("rel") == "alternate" for link in links)
    return {link.get("hreflang"): link.get("href") for link in links}


def absolute(path: str) -> str:
    return f"http://testserver{path}"


def test_sitemap_is_xml_in_the_sitemap_namespace(client):
    trilingual_post()
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"


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


def test_taxonomy_and_author_pages_are_listed(client):
    post = trilingual_post()
    urls = sitemap_urls(client)
    assert absolute("/categories/openinfradays/") in urls
    assert absolute("/pt/tags/community/") in urls
    assert absolute(f"/en/authors/{post.authors.get().slug}/") in urls


def test_event_pages_are_listed_in_every_language(client):
    Event.objects.create(slug="kcd-colombia-2025", name="KCD Colombia 2025")
    urls = sitemap_urls(client)
    for prefix in ("", "/pt", "/en"):
        assert absolute(f"{prefix}/events/kcd-colombia-2025/") in urls
        assert absolute(f"{prefix}/events/") in urls
    assert set(alternates(urls[absolute("/events/kcd-colombia-2025/")])) == {"es", "pt", "en", "x-default"}


def test_event_lastmod_is_its_newest_posts_date(client):
    event = Event.objects.create(slug="kcd-colombia-2025", name="KCD Colombia 2025")
    event.posts.add(make_post(date=timezone.now().replace(year=2025, month=8, day=29)))
    urls = sitemap_urls(client)
    assert urls[absolute("/events/kcd-colombia-2025/")].findtext("sm:lastmod", namespaces=NS) == "2025-08-29"


def test_site_url_setting_overrides_the_request_origin(client, settings):
    settings.SITE_URL = "https://blog.example.org"
    post = trilingual_post()
    urls = sitemap_urls(client)
    assert f"https://blog.example.org{post.get_absolute_url('pt')}" in urls


def test_sitemap_query_count_does_not_grow_with_posts(client, django_assert_num_queries):
    tag = make_tag()
    for _ in range(3):
        make_post(tags=[tag])
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")
    for _ in range(12):
        make_post(tags=[make_tag()])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/sitemap.xml")


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines


def test_robots_txt_points_to_the_sitemap(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_paths_equal_each_posts_own_url_for_unicode_and_missing_slugs():
    """PostPaths fills a reversed template instead of calling reverse() per post: same result."""
    from blog.sitemaps import PostPaths

    posts = [
        make_post(slug_es="bogotá-es-sede", slug_pt="são-paulo", slug_en="a b&c"),
        make_post(languages=("es", "en"), slug_en=""),
        make_post(slug_es="", slug_pt="", slug_en=""),
    ]
    paths = PostPaths()
    for post in posts:
        for code in ("es", "pt", "en"):
            assert paths.post_path(post, code) == post.get_absolute_url(code)


def test_sitemap_answers_404_for_a_page_past_the_end(client):
    make_post()
    assert client.get("/sitemap.xml", {"p": "2"}).status_code == 404
    assert client.get("/sitemap.xml", {"p": "x"}).status_code == 404


def test_a_post_section_named_like_the_events_page_is_listed_once(client):
    make_post(section="events")
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    locations = [url.findtext("sm:loc", namespaces=NS) for url in root.findall("sm:url", NS)]
    assert locations.count(absolute("/events/")) == 1


def test_archive_index_year_and_month_pages_are_listed_in_their_languages(client):
    make_post(languages=("es",), date=timezone.now().replace(year=2025, month=3, day=9))
    make_post(date=timezone.now().replace(year=2025, month=7, day=4))
    urls = sitemap_urls(client)
    for path in ("/archive/", "/en/archive/", "/archive/2025/", "/archive/2025/03/", "/en/archive/2025/07/"):
        assert absolute(path) in urls
    assert absolute("/en/archive/2025/03/") not in urls
    assert urls[absolute("/archive/2025/")].findtext("sm:lastmod", namespaces=NS) == "2025-07-04"
