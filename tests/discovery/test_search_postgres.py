"""Search on the real PostgreSQL server: stemming per language, unaccent, ranking and ts_headline snippets."""

import pytest
from django.db import connection

from discovery.search import SEARCH_CONFIGS, search_posts, snippet_for
from tests.discovery.discovery_data import spanish_only_post, trilingual_post
from tests.factories import make_post

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def found(query: str, language: str) -> list:
    return list(search_posts(query, language))


def test_the_migration_made_an_unaccent_configuration_per_language():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cfgname FROM pg_ts_config WHERE cfgname = ANY(%s)", [list(SEARCH_CONFIGS.values())]
        )
        assert sorted(row[0] for row in cursor.fetchall()) == sorted(SEARCH_CONFIGS.values())
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        assert cursor.fetchone() == (1,)


def test_spanish_search_without_accents_finds_migracion(client):
    post = trilingual_post()
    response = client.get("/search/", {"q": "migracion"})
    assert [result["post"] for result in response.context["results"]] == [post]


def test_english_stemming_finds_migration_for_migrations(client):
    post = trilingual_post()
    response = client.get("/en/search/", {"q": "migrations"})
    assert [result["post"] for result in response.context["results"]] == [post]


def test_portuguese_search_without_accents_finds_migracao():
    post = trilingual_post()
    assert found("migracao", "pt") == [post]


def test_spanish_stemming_matches_another_form_of_the_word():
    """`soberanos` and `soberano` share the Spanish stem; the post only says `Soberano`."""
    post = spanish_only_post()
    assert found("soberanos", "es") == [post]


def test_search_is_scoped_to_the_language():
    spanish_only_post()
    assert found("soberano", "en") == []


def test_title_is_weighted_above_body():
    in_body = make_post(
        languages=("en",), title_en="Weekly notes", body_en="We talked about Kubernetes today."
    )
    in_title = make_post(languages=("en",), title_en="Kubernetes at the edge", body_en="Small clusters here.")
    results = found("kubernetes", "en")
    assert results == [in_title, in_body]
    assert results[0].rank > results[1].rank


def test_headline_highlights_the_match_and_escapes_the_body():
    make_post(
        languages=("en",), title_en="Unsafe", body_en='Migration <img src=x onerror="alert(1)"> & more text.'
    )
    post = found("migrations", "en")[0]
    snippet = snippet_for(post, "migrations", "en")
    assert "<mark>Migration</mark>" in snippet
    assert "<img" not in snippet and "onerror" not in snippet


@pytest.mark.parametrize(
    "query", ['"open infra', "-kubernetes", "openinfra OR", "a & b | !c", "<script>", "%"]
)
def test_websearch_syntax_never_raises(client, query):
    trilingual_post()
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200


def test_quoted_phrase_search_matches_the_phrase():
    post = trilingual_post()
    assert found('"Southern California Linux Expo"', "en") == [post]
    assert found('"California Southern"', "en") == []


def test_the_stored_document_follows_an_edit_of_the_title():
    post = make_post(languages=("en",), title_en="Weekly notes", body_en="Nothing to see.")
    post.title_en = "Kubernetes release party"
    post.save()
    assert found("kubernetes", "en") == [post]


def test_the_stored_document_follows_a_queryset_update_of_the_body():
    post = make_post(languages=("en",), title_en="Notes", body_en="Nothing to see.")
    type(post).objects.filter(pk=post.pk).update(body_en="Now about OpenStack.")
    assert found("openstack", "en") == [post]


def test_search_uses_the_stored_indexed_document():
    """The query reads `search_document_en` (migration 0005) instead of parsing every body again."""
    sql = str(search_posts("kubernetes", "en").query)
    assert '("blog_post"."search_document_en") @@' in sql
    assert "to_tsvector" not in sql
