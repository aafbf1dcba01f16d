"""/search/ on any database: language scoping, accents ignored, odd input answered with a sane page,
pagination, and snippets where only our <mark> is HTML. PostgreSQL specifics are in test_search_postgres.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from discovery.search import MAX_QUERY_LENGTH, SearchPaginator, clean_query
from discovery.snippets import fold, mark_words, query_words, render_snippet
from tests.discovery.discovery_data import spanish_only_post, trilingual_post
from tests.factories import make_post
from tests.html import select_one


def test_fold_drops_accents_and_case():
    assert fold("Migración São PAULO ñandú") == "migracion sao paulo nandu"


def test_query_words_ignore_punctuation_and_repeats():
    assert query_words('"Kubernetes" % kubernetes <script>') == ["kubernetes", "script"]


def test_clean_query_caps_the_length_and_says_so():
    cleaned = clean_query("a" * (MAX_QUERY_LENGTH + 50))
    assert len(cleaned.text) == MAX_QUERY_LENGTH
    assert cleaned.truncated


def test_clean_query_removes_control_characters():
    assert clean_query("mi\x00gra\x02cion\x03").text == "mi gra cion"


def test_render_snippet_escapes_everything_but_its_own_marks():
    snippet = render_snippet('<b onclick="x">\x02Migración\x03</b> <script>alert(1)</script>')
    assert snippet == (
        "&lt;b onclick=&quot;x&quot;&gt;<mark>Migración</mark>&lt;/b&gt; "
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    )


def test_render_snippet_drops_unbalanced_markers():
    assert render_snippet("a\x02b \x03c\x03") == "a<mark>b </mark>c"


def test_mark_words_keeps_the_original_spelling_around_a_folded_match():
    marked = mark_words("La Migración de datos", ["migracion"])
    assert marked == "La \x02Migración\x03 de datos"


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_empty_search_answers_200_with_a_hint(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert b'name="q"' in response.content
    assert b"search-hint" in response.content


@pytestmark_db
@pytest.mark.parametrize("prefix", ["", "/pt", "/en"])
def test_search_page_exists_in_every_language(client, prefix):
    response = client.get(f"{prefix}/search/", {"q": "OpenInfra"})
    assert response.status_code == 200


@pytestmark_db
def test_search_without_accents_finds_the_accented_spanish_word(client):
    post = trilingual_post()
    response = client.get("/search/", {"q": "migracion"})
    assert post.get_absolute_url("es").encode() in response.content
    assert b"<mark>Migraci" in response.content


@pytestmark_db
def test_search_with_accents_finds_the_portuguese_post(client):
    post = trilingual_post()
    response = client.get("/pt/search/", {"q": "migração"})
    assert post.get_absolute_url("pt").encode() in response.content


@pytestmark_db
def test_search_looks_only_at_posts_in_the_readers_language_when_listings_do(client, settings):
    """With other languages hidden from listings, search hides them too (the default, where both show
    them, is in tests/discovery/test_search_languages.py)."""
    settings.BLOG_LIST_OTHER_LANGUAGES = False
    spanish_only_post()
    response = client.get("/en/search/", {"q": "soberano"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0


@pytestmark_db
def test_search_finds_words_of_a_spanish_only_post_in_spanish(client):
    post = spanish_only_post()
    response = client.get("/search/", {"q": "soberania computacion"})
    assert [result["post"] for result in response.context["results"]] == [post]


@pytestmark_db
def test_a_match_in_the_title_ranks_above_a_match_in_the_body(client):
    in_body = make_post(
        languages=("en",), title_en="Weekly notes", body_en="We talked about Kubernetes today."
    )
    in_title = make_post(languages=("en",), title_en="Kubernetes at the edge", body_en="Small clusters.")
    response = client.get("/en/search/", {"q": "kubernetes"})
    assert [result["post"] for result in response.context["results"]] == [in_title, in_body]


@pytestmark_db
def test_drafts_do_not_show_in_results(client):
    make_post(languages=("en",), title_en="Secret draft", body_en="kubernetes", draft=True)
    response = client.get("/en/search/", {"q": "kubernetes"})
    assert response.context["paginator"].count == 0


@pytestmark_db
@pytest.mark.parametrize(
    "query", ["%", "%%_", '"', "'", '"unterminated', "' OR 1=1 --", "\\", "&", "!!", "-", "a:b"]
)
def test_odd_queries_answer_200(client, query):
    make_post()
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytestmark_db
def test_a_percent_sign_does_not_match_everything(client):
    make_post()
    response = client.get("/search/", {"q": "%"})
    assert response.context["paginator"].count == 0


@pytestmark_db
def test_markup_in_the_query_is_escaped_not_reflected(client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.get("/search/", {"q": payload})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert b"<img src=x" not in response.content
    assert escape(payload).encode() in response.content


@pytestmark_db
def test_a_very_long_query_is_cut_and_the_page_says_so(client):
    response = client.get("/search/", {"q": "kubernetes " * 100})
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert response.context["query_truncated"]
    assert b"search-note" in response.content


@pytestmark_db
def test_a_nul_character_in_the_query_answers_200(client):
    response = client.get("/search/", {"q": "open\x00infra"})
    assert response.status_code == 200


@pytestmark_db
def test_snippets_escape_html_from_the_post_body(client):
    make_post(
        languages=("en",),
        title_en="Unsafe",
        body_en='Kubernetes <img src=x onerror="alert(1)"> & <b>bold</b>',
    )
    response = client.get("/en/search/", {"q": "kubernetes"})
    snippet = response.context["results"][0]["snippet"]
    assert "<mark>Kubernetes</mark>" in snippet
    assert "<img" not in snippet and "<b>" not in snippet
    assert "onerror" not in str(select_one(response, ".search-results"))


@pytestmark_db
def test_results_are_paginated_and_keep_the_query_in_page_links(client):
    for _ in range(13):
        make_post(languages=("en",), body_en="OpenStack everywhere.")
    first = client.get("/en/search/", {"q": "openstack"})
    assert len(first.context["results"]) == 10
    assert b"?q=openstack&amp;page=2" in first.content
    second = client.get("/en/search/", {"q": "openstack", "page": "2"})
    assert len(second.context["results"]) == 3


@pytestmark_db
@pytest.mark.parametrize("page", ["999", "abc", "-1", "0"])
def test_a_bad_page_number_answers_200(client, page):
    make_post(languages=("en",), body_en="OpenStack.")
    response = client.get("/en/search/", {"q": "openstack", "page": page})
    assert response.status_code == 200


@pytestmark_db
def test_search_results_are_not_indexed_by_crawlers(client):
    response = client.get("/search/", {"q": "openinfra"})
    assert b'<meta name="robots" content="noindex, follow">' in response.content


@pytestmark_db
def test_search_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    for _ in range(25):
        make_post(languages=("en",), body_en="OpenStack everywhere.")
    with django_assert_max_num_queries(12):
        response = client.get("/en/search/", {"q": "openstack"})
    assert response.context["paginator"].count == 25


@pytestmark_db
def test_search_query_count_is_the_same_for_one_result_and_for_many(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/search/", {"q": "openstack"}).status_code == 200
        return len(captured)

    make_post(languages=("en",), body_en="OpenStack everywhere.")
    one = queries()
    for _ in range(24):
        make_post(languages=("en",), body_en="OpenStack everywhere.")
    assert queries() == one


def test_the_search_paginator_stops_at_the_last_ranked_result():
    """A count past what was ranked (PostgreSQL's estimate for a very common word) shows, but the page
    links stop at the last ranked result."""

    class Ranked(list):
        reachable = 25

        def count(self):
            return 1_200

    paginator = SearchPaginator(Ranked(range(25)), 10)
    assert (paginator.count, paginator.num_pages) == (1_200, 3)
    assert paginator.get_page(99).number == 3


def test_fallback_score_needs_every_word_and_weights_the_title():
    from discovery.search import fallback_score

    assert fallback_score("Migración a PostgreSQL", "Los datos", "migracion datos") == 2 + 1
    assert fallback_score("Migración", "Los datos", "migracion nube") == 0
    assert fallback_score(None, None, "migracion") == 0


def test_fallback_matches_words_from_their_start_not_inside_other_words():
    from discovery.search import fallback_score

    assert fallback_score("Start the art", "", "art") == 2
    assert fallback_score("Start", "A restart", "art") == 0
    assert fallback_score("", "Kubernetes migrations", "kubernete migration") == 2
