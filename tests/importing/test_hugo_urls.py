"""Every URL the Hugo build of tests/data/hugo-sample wrote answers after the import (issue 12, 3 and 4).

`expected-all-urls.tsv` (455 rows, from a real Hugo 0.152 build; see its EXPECTED.md) is requested row by
row with the test client following at most two 301s: the answer is a 200 in the row's language (`<html
lang>`, a feed's `<language>`), feeds parse without error, sitemaps are XML, and a row with a target (an
alias, `/page/1/`) ends where its target ends. Terms are Hugo's: one page per language at that language's
slug, listing exactly the posts Hugo listed there (derived from the sample's front matter).

The sample is imported once for the module (committed, outside the tests' transactions) and removed after.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
import yaml
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.encoding import iri_to_uri

from importing.catalog import term_slug
from tests.html import soup as parse_html
from tests.paths import HUGO_SAMPLE, hugo_expected

SITE = HUGO_SAMPLE
LANGUAGES = ("es", "en", "pt")
MAX_REDIRECTS = 2
TAXONOMIES = ("categories", "tags", "series", "authors")
CONTENT_APPS = ("blog", "events", "pages", "ops")

pytestmark = pytest.mark.django_db


ALL_URLS = hugo_expected("expected-all-urls.tsv")
POST_URLS = hugo_expected("expected-urls.tsv")


def content_models() -> list:
    return [model for model in apps.get_models() if model._meta.app_label in CONTENT_APPS]


def restore(snapshot: dict) -> None:
    """Put the content tables back as `snapshot` ({model: serialized rows}) had them: the rows added since
    deleted (a model others point at in a later pass), the changed and deleted ones written back (the
    import renames the site and replaces the menus the other tests expect)."""
    for _attempt in range(3):
        for model, rows in snapshot.items():
            kept = [item.object.pk for item in serializers.deserialize("json", rows)]
            try:
                with transaction.atomic():
                    model._default_manager.exclude(pk__in=kept).delete()
            except IntegrityError:
                continue
    for rows in snapshot.values():
        for item in serializers.deserialize("json", rows):
            item.save()


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, tmp_path_factory):
    """The sample imported once, committed (its media in a folder of its own); the content tables put back
    as they were after the module."""
    media = tmp_path_factory.mktemp("hugo-media")
    with django_db_blocker.unblock():
        snapshot = {
            model: serializers.serialize("json", model._default_manager.all()) for model in content_models()
        }
        with override_settings(MEDIA_ROOT=media):
            call_command("import_posts", hugo_site=str(SITE), stdout=StringIO(), stderr=StringIO())
    yield media
    with django_db_blocker.unblock():
        restore(snapshot)


@pytest.fixture
def site(imported, settings, _media_root):
    settings.MEDIA_ROOT = imported
    return imported


# --- answering ----------------------------------------------------------------------------------------------


def fetch(client, url: str):
    """The response to `url` after at most MAX_REDIRECTS permanent redirects, and the path it ended at."""
    path = iri_to_uri(url)
    chain = []
    response = client.get(path)
    while response.status_code in (301, 302, 307, 308) and len(chain) <= MAX_REDIRECTS:
        chain.append((response.status_code, path))
        path = response.headers["Location"]
        response = client.get(path)
    assert len(chain) <= MAX_REDIRECTS, f"{url}: more than {MAX_REDIRECTS} redirects: {chain}"
    assert all(code == 301 for code, _path in chain), f"{url}: a redirect that is not a 301: {chain}"
    return response, unquote(urlsplit(path).path)


def answered_language(response) -> str | None:
    content_type = response.headers.get("Content-Type", "")
    if "html" in content_type:
        document = parse_html(response.content.decode())
        return document.find("html").get("lang")
    parsed = feedparser.parse(response.content)
    return parsed.feed.get("language")


def check_row(client, row: dict) -> list[str]:
    """What is wrong with one row's answer (nothing: [])."""
    url, kind, language, target = row["url"], row["kind"], row["language"], row["target"]
    response, final = fetch(client, url)
    if response.status_code != 200:
        return [f"{url}: {response.status_code} at {final}"]
    problems = []
    if kind == "sitemap":
        root = ET.fromstring(response.content)
        if language != "-":
            locations = [
                unquote(loc.text) for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
            ]
            prefix = "" if language == "es" else f"/{language}/"
            foreign = [loc for loc in locations if prefix and not urlsplit(loc).path.startswith(prefix)]
            if not locations or foreign:
                problems.append(f"{url}: {len(locations)} URLs, not in {language}: {foreign[:3]}")
        return problems
    if kind == "rss":
        parsed = feedparser.parse(response.content)
        if parsed.bozo:
            problems.append(f"{url}: feed does not parse: {parsed.bozo_exception}")
    answered = answered_language(response)
    if answered != language:
        problems.append(f"{url}: answered in {answered!r} at {final}, not {language!r}")
    if target != "-":
        _target_response, target_final = fetch(client, target)
        if final != target_final:
            problems.append(f"{url}: ended at {final}, its target {target} at {target_final}")
    return problems


@pytest.mark.parametrize("row", ALL_URLS, ids=[f"{row['kind']}:{row['url']}" for row in ALL_URLS])
def test_every_url_hugo_published_answers_in_its_language(site, client, row):
    assert check_row(client, row) == []


def test_the_ground_truth_is_the_whole_build():
    """455 rows, as EXPECTED.md counts them, every kind present."""
    assert len(ALL_URLS) == 455
    kinds = {row["kind"] for row in ALL_URLS}
    assert kinds == {
        *("home", "section", "taxonomy", "term", "page", "post", "rss", "sitemap", "alias", "paginator")
    }


# --- pagination ---------------------------------------------------------------------------------------------


def test_pages_are_paths_and_the_query_form_redirects_to_them(site, client):
    old_form = client.get("/tags/django/?page=2")
    assert (old_form.status_code, old_form.headers["Location"]) == (301, "/tags/django/page/2/")
    response = client.get("/en/?page=2")
    assert (response.status_code, response.headers["Location"]) == (301, "/en/page/2/")
    page = client.get("/en/page/2/")
    assert page.status_code == 200
    links = parse_html(page.content.decode()).select("nav.pagination a[rel=prev]")
    assert [link.get("href") for link in links] == ["/en/"]


def test_page_one_redirects_to_the_list_and_a_page_past_the_end_to_the_last(site, client):
    response = client.get("/blog/page/1/")
    assert (response.status_code, response.headers["Location"]) == (301, "/blog/")
    past = client.get("/tags/django/page/3/")  # Hugo had 3 posts a page, we have more
    assert past.status_code == 301 and past.headers["Location"] == iri_to_uri("/tags/django/")
    assert "max-age=3600" in past.headers.get("Cache-Control", "")
    assert client.get("/tags/django/page/0/").status_code == 404


# --- terms as Hugo has them ---------------------------------------------------------------------------------


def hugo_term_listings() -> dict[str, set[str]]:
    """Each term page Hugo built → the URLs of the posts it listed, from the front matter of the files Hugo
    published (expected-urls.tsv): a term belongs to the language of the page that names it."""
    listings: dict[str, set[str]] = {}
    for row in POST_URLS:
        text = (SITE / "content" / row["source_files"]).read_text(encoding="utf-8")
        front_matter = yaml.safe_load(text.split("---")[1])
        prefix = "" if row["language"] == "es" else f"/{row['language']}"
        for taxonomy in TAXONOMIES:
            for name in front_matter.get(taxonomy) or []:
                slug = name if taxonomy == "authors" else term_slug(name)
                listings.setdefault(f"{prefix}/{taxonomy}/{slug}/", set()).add(row["url"])
    return listings


HUGO_TERMS = hugo_term_listings()


_OURS_TO_HUGO: dict[str, str] = {}


def ours_to_hugo_urls(client) -> dict[str, str]:
    """Each post's URL here → its Hugo URL, found by following the Hugo URL; once per module (the imported
    sample does not change between the tests that read it)."""
    if not _OURS_TO_HUGO:
        for row in POST_URLS:
            _response, final = fetch(client, row["url"])
            _OURS_TO_HUGO[final] = row["url"]
    return _OURS_TO_HUGO


def listed_posts(client, url: str) -> set[str]:
    """The posts a term page lists, over all its pages, as Hugo URLs (each followed to its Hugo row)."""
    ours_to_hugo = ours_to_hugo_urls(client)
    listed, path = set(), iri_to_uri(url)
    while path:
        response = client.get(path)
        assert response.status_code == 200, path
        document = parse_html(response.content.decode())
        for link in document.select(".post-card-title a"):
            listed.add(ours_to_hugo.get(unquote(link.get("href")), link.get("href")))
        following = document.select_one("nav.pagination a[rel=next]")
        path = following.get("href") if following else None
    return listed


def test_the_term_pages_are_the_ones_hugo_built():
    """Derived from the front matter, the term pages are the TSV's `term` rows: the derivation is right."""
    assert set(HUGO_TERMS) == {row["url"] for row in ALL_URLS if row["kind"] == "term"}


@pytest.mark.parametrize("url", sorted(HUGO_TERMS))
def test_each_term_page_lists_the_posts_hugo_listed(site, client, url):
    assert listed_posts(client, url) == HUGO_TERMS[url]


@pytest.mark.parametrize(
    ("url", "count"),
    [("/tags/django/", 7), ("/en/tags/ai/", 1), ("/tags/nube/", 1), ("/pt/tags/nuvem/", 1), ("/tags/ia/", 1)],
)
def test_terms_list_as_many_posts_as_hugo(site, client, url, count):
    assert len(listed_posts(client, url)) == count


def test_terms_in_other_orders_are_not_merged(site):
    """es `[IA, Nube]`, pt `[Nuvem, IA]`, en `[AI, Cloud]`: IA is es and pt (same slug), the rest alone."""
    from blog.models import Tag

    ia = Tag.objects.get(slug_es="ia")
    assert (ia.slug_pt, ia.slug_en) == ("ia", None)
    assert Tag.objects.get(slug_es="nube").languages() == ["es"]
    assert Tag.objects.get(slug_pt="nuvem").languages() == ["pt"]
    assert Tag.objects.get(slug_en="ai").languages() == ["en"]
    assert Tag.objects.get(slug_en="cloud").languages() == ["en"]


def test_terms_translated_in_every_group_are_one_term(site):
    from blog.models import Category, Series, Tag

    tag = Tag.objects.get(slug_es="código-abierto")
    assert (tag.slug_en, tag.slug_pt) == ("open-source", "código-aberto")
    series = Series.objects.get(slug_es="guía-de-django")
    assert (series.slug_en, series.slug_pt) == ("django-guide", "guia-de-django")
    opinion = Category.objects.get(slug_es="opinión")
    assert (opinion.slug_en, opinion.slug_pt) == ("opinion", "opinião")


def test_a_term_missing_in_a_language_has_no_page_there(site, client):
    assert client.get("/en/tags/ia/").status_code == 404
    assert client.get(iri_to_uri("/pt/tags/café/")).status_code == 404


def test_term_pages_link_their_translations(site, client):
    response = client.get(iri_to_uri("/tags/código-abierto/"))
    document = parse_html(response.content.decode())
    hreflangs = {
        link.get("hreflang"): unquote(urlsplit(link.get("href")).path)
        for link in document.select("link[hreflang]")
    }
    assert hreflangs["en"] == "/en/tags/open-source/" and hreflangs["pt"] == "/pt/tags/código-aberto/"
    lone = parse_html(client.get("/tags/nube/").content.decode())
    assert {link.get("hreflang") for link in lone.select("link[hreflang]")} == {"es", "x-default"}


def test_a_renamed_term_slug_redirects_with_its_feed(site, client):
    from blog.models import Tag

    tag = Tag.objects.get(slug_en="cloud")
    tag.slug_en = "cloud-computing"
    tag.save()
    response = client.get("/en/tags/cloud/")
    assert (response.status_code, response.headers["Location"]) == (301, "/en/tags/cloud-computing/")
    feed = client.get("/en/tags/cloud/feed.xml")
    assert (feed.status_code, feed.headers["Location"]) == (301, "/en/tags/cloud-computing/feed.xml")


# --- taxonomy lists -----------------------------------------------------------------------------------------


def test_taxonomy_lists_show_each_language_its_terms_with_counts(site, client):
    document = parse_html(client.get("/tags/").content.decode())
    items = {link.text.strip(): link.get("href") for link in document.select(".term-index a")}
    assert len(items) == 19  # the es tags Hugo listed on /tags/ (7 pages of 3)
    assert unquote(items["Código abierto"]) == "/tags/código-abierto/"
    english = parse_html(client.get("/en/tags/").content.decode())
    assert "AI" in {link.text.strip() for link in english.select(".term-index a")}


@pytest.mark.parametrize("url", ["/tags/", "/en/categories/", "/pt/series/", "/authors/"])
def test_taxonomy_lists_cost_the_same_queries_whatever_the_terms(site, client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    assert len(context.captured_queries) <= 6


def test_default_language_prefix_redirects_to_the_unprefixed_path(site, client):
    response = client.get("/es/tags/")
    assert (response.status_code, response.headers["Location"]) == (301, "/tags/")


def test_nothing_matches_a_made_up_feed(site, client):
    assert client.get("/no-such-section/index.xml").status_code == 404
    assert re.fullmatch(r"/feed\.xml", client.get("/tags/index.xml").headers["Location"])
