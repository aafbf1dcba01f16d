"""Malformed URLs are a 404 in every language, never a 500 (on SQLite and PostgreSQL alike)."""

import pytest

from tests.factories import make_post, make_tag

pytestmark = pytest.mark.django_db

ODD_PATHS = [
    "/archive/0000/",
    "/archive/9999/",
    "/archive/9999/12/",
    "/archive/0000/01/",
    "/blog/0000/01/x/",
    "/blog/9999/12/x/",
    "/blog/0999/12/x/",
    "/%00/",
    "/%2500/",
    "/tags/%00/",
    "/tags/a%00b/feed.xml",
    "/blog/2025/01/%00/",
    "/blog/%01/",
    "/authors/%1F/",
]


@pytest.fixture(autouse=True)
def some_content():
    post = make_post()
    post.tags.add(make_tag("kubernetes"))


@pytest.mark.parametrize("prefix", ["", "/pt", "/en"])
@pytest.mark.parametrize("path", ODD_PATHS)
def test_a_malformed_url_is_not_found(client, prefix, path):
    assert client.get(prefix + path).status_code == 404


def test_the_last_representable_year_still_has_an_archive(client):
    assert client.get("/archive/9998/12/").status_code == 200


@pytest.mark.parametrize("query", ["%00", "a%00b", "%01%02", "x%7F"])
def test_a_control_character_in_a_search_query_is_harmless(client, query):
    assert client.get(f"/search/?q={query}").status_code == 200
