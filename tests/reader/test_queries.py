"""Each page's query count is constant in the number of posts (same at 10 and at 200) and within 13.

The cache is cleared before each measured request so rendered Markdown, cached sidebar counts and any page
cache do not hide work; only the content-generation token is warmed first (in production it is always set:
computing it is a one-off after each content change, not per-page work).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Post
from reader.selectors import content_generation
from tests.factories import make_author, make_category, make_post, make_series, make_tag

pytestmark = pytest.mark.django_db

# 12 for the page itself, plus one for the site's name and menu (pages.SiteIdentity and MenuItem, kept per
# content generation in production; read on every request here, with content caching off).
BUDGET = 13


def build_site(posts: int) -> dict:
    tags = [make_tag(f"tag-{posts}-{n}") for n in range(5)]
    category = make_category(f"cat-{posts}")
    series = make_series(f"serie-{posts}")
    author = make_author(f"autora-{posts}")
    made = []
    for n in range(posts):
        languages = ("es",) if n % 7 == 0 else ("es", "pt", "en")
        made.append(
            make_post(
                languages=languages,
                tags=tags[: 1 + n % 5],
                authors=[author],
                categories=[category],
                series=series if n % 3 == 0 else None,
                carousel=n < 4,
                pinned=n in (5, 6),
                featured=n % 4 == 0,
            )
        )
    return {"tag": tags[0], "category": category, "series": series, "author": author, "post": made[3]}


def pages(site: dict) -> dict[str, str]:
    post = Post.objects.get(pk=site["post"].pk)
    year = post.date.year
    return {
        "home": "/",
        "home-en": "/en/",
        "post": post.get_absolute_url("es"),
        "post-pt": post.get_absolute_url("pt"),
        "section": reverse("blog:section", kwargs={"section": "blog"}),
        "tag": site["tag"].get_absolute_url(),
        "category": site["category"].get_absolute_url(),
        "series": site["series"].get_absolute_url(),
        "author": site["author"].get_absolute_url(),
        "archive": reverse("blog:archive"),
        "tag-index": "/tags/",
        "category-index-pt": "/pt/categories/",
        "series-index": "/series/",
        "author-index-en": "/en/authors/",
        "archive-year": reverse("blog:archive-year", kwargs={"year": year}),
    }


def count_queries(client, url: str) -> int:
    cache.clear()
    content_generation()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def measure(client, posts: int) -> dict[str, int]:
    site = build_site(posts)
    return {name: count_queries(client, url) for name, url in pages(site).items()}


@pytest.fixture
def counts_at_10(client):
    return measure(client, 10)


def test_query_counts_do_not_grow_with_the_number_of_posts(client):
    small = measure(client, 10)
    Post.objects.all().delete()
    large = measure(client, 200)
    assert small == large


def test_later_home_pages_cost_one_query_more_and_stay_in_budget(client):
    """Page 1 reuses its own posts as the sidebar's recent list; later pages query it."""
    build_site(40)
    first, third = count_queries(client, "/"), count_queries(client, "/page/3/")
    assert third == first + 1 <= BUDGET


def taxonomy_list_queries(client, terms: int, urls: tuple[str, ...]) -> dict[str, int]:
    for n in range(terms):
        make_post(tags=[make_tag(f"t-{terms}-{n}")], categories=[make_category(f"c-{terms}-{n}")])
    return {url: count_queries(client, url) for url in urls}


def test_taxonomy_lists_cost_the_same_whatever_the_number_of_terms(client):
    """`/tags/` (and its pages) read the terms with their counts in one query, whatever their number."""
    few = taxonomy_list_queries(client, 3, ("/tags/", "/en/categories/"))
    Post.objects.all().delete()
    many = taxonomy_list_queries(client, 250, ("/tags/", "/en/categories/", "/pt/tags/page/2/"))
    assert few == {url: many[url] for url in few}
    assert many["/pt/tags/page/2/"] == many["/tags/"] <= BUDGET


def test_every_page_stays_within_the_query_budget(counts_at_10):
    over = {name: n for name, n in counts_at_10.items() if n > BUDGET}
    assert not over, f"pages over {BUDGET} queries: {over} (all: {counts_at_10})"
