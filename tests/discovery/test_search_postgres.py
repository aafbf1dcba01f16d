"""Search on the real PostgreSQL server: stemming per language, unaccent, ranking and ts_headline snippets,
and the bounded plan: the GIN index used, headlines for one page, counts, a query count that does not grow.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Post
from blog.search_documents import SEARCH_CONFIGS
from discovery import search, search_statements
from discovery.search import SearchPaginator, search_posts
from discovery.snippets import snippet_for
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


def test_search_is_scoped_to_the_language_when_listings_are(settings):
    settings.BLOG_LIST_OTHER_LANGUAGES = False
    spanish_only_post()
    assert found("soberano", "en") == []


def test_search_finds_a_post_missing_the_language_in_the_language_it_is_shown_in():
    """As the listing shows it: in Spanish, stemmed as Spanish (tests/discovery/test_search_languages.py)."""
    post = spanish_only_post()
    assert found("soberanos", "en") == [post]


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
    """The ranking query reads `search_document_en` (migration 0005) instead of parsing every body again."""
    make_post(languages=("en",), title_en="Kubernetes", body_en="Clusters.")
    sql = window_sql("kubernetes", "en")
    assert '("blog_post"."search_document_en") @@' in sql
    assert "to_tsvector" not in sql


def window_sql(query: str, language: str) -> str:
    """The SQL of the query that matches and ranks (captured while a search runs)."""
    with CaptureQueriesContext(connection) as queries:
        search_posts(query, language).count()
    return next(q["sql"] for q in queries.captured_queries if "ts_rank" in q["sql"])


def test_a_rare_word_is_found_through_the_gin_index():
    """Among 400 posts, two mention OpenStack: the ranking query's plan reads the language's GIN index (as at
    100,000 posts, see docs/performance.md), not the date index testing every stored document."""
    Post.objects.bulk_create(
        Post(title_en=f"Notes {n}", slug_en=f"notes-{n}", body_en="Kubernetes clusters.", source_key=f"k{n}")
        for n in range(400)
    )
    kubernetes_posts(2, title_en="OpenStack")
    analyze()
    with transaction.atomic(), connection.cursor() as cursor:
        # What autovacuum does after a bulk insert: the index's pending list moves into its main tree.
        for code in SEARCH_CONFIGS:  # every language's: an English search also reads the others' documents
            cursor.execute(f"SELECT gin_clean_pending_list('blog_post_search_{code}_idx')")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small fits in a few pages
        cursor.execute("EXPLAIN " + window_sql("openstack", "en"))
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    assert "Bitmap Index Scan on blog_post_search_en_idx" in plan


def test_the_index_scan_setting_stays_inside_the_search(monkeypatch):
    """A word in more posts than are ranked takes the date slice, planned with index scans off: the setting
    ends with that statement, inside the test's own transaction too."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 1)
    kubernetes_posts(3)
    analyze()
    with CaptureQueriesContext(connection) as queries:
        assert len(found("kubernetes", "en")) == 1
    assert any(q["sql"].startswith("SET LOCAL enable_indexscan = off; ") for q in queries.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone() == ("on",)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_setting_goes_with_the_ranking_and_ends_with_it(monkeypatch):
    """Out of any transaction (a reader's request), the setting and the ranking are one round trip."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 1)
    posts = kubernetes_posts(3)
    analyze()
    with CaptureQueriesContext(connection) as queries:
        assert found("kubernetes", "en") == posts[:1]
    estimate, bound, ranking, page = [q["sql"] for q in queries.captured_queries]
    assert ranking.startswith("SET LOCAL enable_indexscan = off; WITH")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone() == ("on",)


def kubernetes_posts(count: int, **fields) -> list:
    """`count` English posts about Kubernetes, newest first."""
    posts = [make_post(languages=("en",), body_en="Kubernetes clusters.", **fields) for _ in range(count)]
    return sorted(posts, key=lambda post: post.date, reverse=True)


def analyze() -> None:
    """Planner statistics for the estimate (a bulk of new rows has none until autovacuum analyzes them)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE blog_post")


def test_headlines_are_made_for_the_page_only(client):
    kubernetes_posts(13)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/search/", {"q": "kubernetes"})
    headlines = [q["sql"] for q in queries.captured_queries if "ts_headline" in q["sql"]]
    assert len(headlines) == 1
    page_ids = re.search(r'"blog_post"\."id" = ANY\(\'\{([^}]*)\}\'', headlines[0]).group(1).split(",")
    assert len(page_ids) == 10
    assert all("<mark>Kubernetes</mark>" in result["snippet"] for result in response.context["results"])
    assert len(response.context["results"]) == 10


def test_pages_follow_the_ranking_without_overlap(client):
    in_title = [
        make_post(languages=("en",), title_en="Kubernetes notes", body_en="Clusters.") for _ in range(3)
    ]
    in_body = kubernetes_posts(10)
    first = client.get("/en/search/", {"q": "kubernetes"}).context["results"]
    second = client.get("/en/search/", {"q": "kubernetes", "page": "2"}).context["results"]
    shown = [result["post"] for result in first + second]
    assert len(shown) == len(set(shown)) == 13
    assert set(shown[:3]) == set(in_title)
    assert shown[3:] == in_body  # equal rank: newest first
    ranks = [post.rank for post in shown]
    assert ranks == sorted(ranks, reverse=True)


def test_the_count_is_exact_up_to_the_ranked_limit(client):
    kubernetes_posts(13)
    make_post(languages=("en",), body_en="Kubernetes.", draft=True)
    analyze()
    response = client.get("/en/search/", {"q": "kubernetes"})
    assert response.context["paginator"].count == 13
    assert response.context["paginator"].num_pages == 2


def test_past_the_ranked_limit_the_newest_matches_are_ranked_and_the_count_estimated(monkeypatch):
    """12 matches, 4 ranked: the best of the newest five (the limit and one to tell there are more); the
    count is the planner's estimate (12 here, from fresh statistics); pages stop at the ranked four."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 4)
    posts = kubernetes_posts(12)
    analyze()
    results = search_posts("kubernetes", "en")
    paginator = SearchPaginator(results, 2)
    assert paginator.count == 12
    assert paginator.num_pages == 2
    assert list(results) == posts[:4]
    assert paginator.page(2).object_list == posts[2:4]


def queries_for(client, query: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/search/", {"q": query}).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_matches(client, monkeypatch):
    monkeypatch.setattr(search, "RANKED_MATCHES", 4)
    kubernetes_posts(12)
    analyze()
    past_the_limit = queries_for(client, "kubernetes")
    kubernetes_posts(40)
    analyze()
    assert queries_for(client, "kubernetes") == past_the_limit


def test_a_rare_word_costs_no_more_queries_than_a_common_one(client):
    kubernetes_posts(3)
    make_post(languages=("en",), body_en="OpenStack.")
    analyze()
    assert queries_for(client, "openstack") <= queries_for(client, "kubernetes")


def test_the_spanish_headline_marks_the_word_as_written():
    post = trilingual_post()
    [result] = found("migracion", "es")
    assert result == post
    assert "<mark>Migración</mark>" in snippet_for(result, "migracion", "es")


def test_past_the_ranked_limit_a_common_word_ranks_fewer_of_its_newest_matches(monkeypatch):
    """A word expected in more posts than RANKED_MATCHES ranks the newest COMMON_RANKED matches: the pages
    stop there, and the count is the estimate."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 6)
    monkeypatch.setattr(search, "COMMON_RANKED", 3)
    posts = kubernetes_posts(12)
    analyze()
    results = search_posts("kubernetes", "en")
    paginator = SearchPaginator(results, 2)
    assert paginator.count == 12
    assert list(results) == posts[:3]
    assert paginator.num_pages == 2


def test_a_second_search_in_a_language_reuses_its_compiled_statements():
    trilingual_post()
    found("migracion", "es")
    compiled = search_statements._compiled.cache_info().misses
    found("kubernetes", "es")
    found("infra", "es")
    assert search_statements._compiled.cache_info().misses == compiled


def test_a_scheduled_post_is_found_once_it_is_due(monkeypatch):
    """The statements are compiled once, the time each search runs at is its own."""
    soon = make_post(
        languages=("en",), body_en="Kubernetes clusters.", date=timezone.now() + timedelta(hours=1)
    )
    found("kubernetes", "en")  # compiled while the post is not due
    assert found("kubernetes", "en") == []
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert found("kubernetes", "en") == [soon]


def test_a_query_with_quotes_and_backslashes_is_searched_as_words():
    post = make_post(languages=("en",), title_en="Notes from O'Reilly", body_en="Kubernetes clusters.")
    make_post(languages=("en",), body_en="Kubernetes alone.")
    assert found("o'reilly \\ kubernetes", "en") == [post]
    assert found("'; DROP TABLE blog_post; --", "en") == []


def test_a_match_past_the_short_headline_source_is_still_highlighted():
    """The headline is made from the body's first characters; past them, from a longer start."""
    filler = "Clusters and nodes. " * (search_statements.HEADLINE_SHORT_CHARS // 20 + 10)
    make_post(languages=("en",), title_en="Notes", body_en=f"{filler}OpenStack at last.")
    [result] = found("openstack", "en")
    assert "<mark>OpenStack</mark>" in snippet_for(result, "openstack", "en")


def test_the_estimated_count_counts_a_post_once_whatever_its_languages(monkeypatch):
    """12 of 36 posts mention Kubernetes in all three languages: an estimate over the three documents
    together would take them for independent and expect ~25 matches."""
    monkeypatch.setattr(search, "RANKED_MATCHES", 4)
    for _ in range(24):
        make_post()
    for _ in range(12):
        make_post(body_es="Kubernetes.", body_pt="Kubernetes.", body_en="Kubernetes.")
    analyze()
    assert search_posts("kubernetes", "en").count() == 12
