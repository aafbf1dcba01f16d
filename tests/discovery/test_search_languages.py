"""Search and listings agree: `/en/search/` finds the other-language posts the `/en/` listing shows, in the
language they are shown in, marked the same way ("Only in Español"), and none when the setting hides them."""

import pytest
from django.core.cache import cache

from tests.factories import make_post
from tests.html import select, select_one, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def posts():
    """Four live posts with one word in every language they have, and a draft with it too."""
    word = "Kubernetes"
    return {
        "everywhere": make_post(
            title_en="Clusters everywhere",
            body_en=f"{word} in English.",
            body_es=f"{word} en español.",
            body_pt=f"{word} em português.",
        ),
        "spanish": make_post(languages=("es",), title_es="Solo en español", body_es=f"Charla de {word}."),
        "portuguese": make_post(
            languages=("pt",), title_pt="Só em português", body_pt=f"Palestra de {word}."
        ),
        "spanish_and_portuguese": make_post(
            languages=("es", "pt"), title_es="Dos idiomas", body_es=f"{word} aquí.", body_pt=f"{word} aqui."
        ),
        "draft": make_post(languages=("en",), draft=True, title_en="Draft", body_en=f"{word} soon."),
    }


def cards(response) -> dict[str, str]:
    """Title → its "Only in …" mark ("" for the reader's own language), on a listing or results page."""
    found = {}
    for item in select(response, ".post-card, .search-result"):
        badge = item.select_one(".badge-language")
        found[text(item, "h2 a, h3 a")] = " ".join(badge.get_text().split()) if badge else ""
    return found


def test_english_search_finds_what_the_english_listing_shows_marked_the_same(client, posts):
    listing = cards(client.get("/en/"))
    results = cards(client.get("/en/search/?q=kubernetes"))
    assert results == listing
    assert results == {
        "Clusters everywhere": "",
        "Solo en español": "Only in Español",
        "Só em português": "Only in Português",
        "Dos idiomas": "Only in Español",
    }


def test_a_result_in_another_language_links_to_that_language_and_says_so(client, posts):
    response = client.get("/en/search/?q=charla")
    result = select_one(response, ".search-result")
    assert result["lang"] == "es"
    assert select_one(result, "h2 a")["href"] == posts["spanish"].get_absolute_url("es")
    assert select_one(result, "h2 a")["hreflang"] == "es"
    assert texts(result, ".search-snippet mark") == ["Charla"]


def test_other_language_posts_match_on_their_own_text_only(client, posts):
    """The Spanish-only post is found by its Spanish words; the English one is not found by Spanish words."""
    assert cards(client.get("/en/search/?q=clusters")) == {"Clusters everywhere": ""}
    assert cards(client.get("/en/search/?q=aqui")) == {"Dos idiomas": "Only in Español"}


def test_with_other_languages_off_search_and_listing_show_only_the_language(client, posts, settings):
    settings.BLOG_LIST_OTHER_LANGUAGES = False
    assert (
        cards(client.get("/en/search/?q=kubernetes"))
        == cards(client.get("/en/"))
        == {"Clusters everywhere": ""}
    )
