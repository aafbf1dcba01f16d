"""Search of posts in the reader's language: query cleaning, the database query, and safe snippets.

PostgreSQL: full-text search with the language's stemming configuration wrapped in `unaccent`
(`es_unaccent`, `pt_unaccent`, `en_unaccent`, created by migration `0003_search_configurations`), so
`migracion` finds `Migración` and `migrations` finds `migration`; ranked with `ts_rank`, the title weighted A
above the body (B); snippets from `ts_headline`. The documents are stored per language in GIN-indexed
`search_document_<lang>` columns kept current by a trigger (migration `0005`). `RankedSearch` keeps the cost
of a search flat with the number of posts: the GIN index finds the matches, only the newest few hundred of
them are ranked, and headlines are made for the ten rows of the page shown; the count is exact up to
`RANKED_MATCHES` and the planner's estimate past it (see docs/performance.md). Its SQL is compiled once per
process and language (`discovery.search_statements`, imported only on PostgreSQL).

SQLite (the embedded default): no stemming beyond a plural `s`, but accent- and case-insensitive matching
at word starts. We register a Python function `bitacora_search_score(title, body, words)` on the live
connection just before the query: it folds title and body (NFKD, combining marks dropped, casefolded) and
scores the folded query words (all must start a word; a word in the title counts twice one in the body), so
the database filters and orders with one call per row and no `LIKE` pattern is ever built from the query.
Registering on demand instead of from a `connection_created` receiver keeps the whole fallback in this
module and costs one C call per search; it is idempotent. Ties: newest first.

Folding, the query's words and the highlighted snippets are in `discovery.snippets`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from math import ceil

from django.core.paginator import Paginator
from django.db import connection, connections, router, transaction
from django.db.models import Func, IntegerField, QuerySet, Value
from django.utils import timezone

from blog.models import Post
from discovery import search_languages as shown
from discovery.snippets import fallback_stem, fold, query_words, word_start_pattern

MAX_QUERY_LENGTH = 200
# PostgreSQL: a word the planner expects in at most RANKED_MATCHES posts has all its matches ranked and
# counted exactly; past it the count is estimated and the newest COMMON_RANKED matches are ranked (each ranked
# row is a stored document read out of line, and a very common word's are also read to test the match).
RANKED_MATCHES = 500
COMMON_RANKED = 200
# How many matches, as a multiple of the ranked window, the newest slice of posts is sized to hold.
SLICE_MARGIN = 1.5

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleanQuery:
    text: str
    truncated: bool


def clean_query(raw: str | None) -> CleanQuery:
    """Drop control characters (NUL breaks PostgreSQL; ours are the markers), collapse spaces, cap length."""
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cs"} else ch for ch in raw or "")
    text = _SPACES.sub(" ", text).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    return CleanQuery(text=text[:MAX_QUERY_LENGTH].strip(), truncated=truncated)


def search_posts(query: str, language: str) -> RankedSearch | QuerySet[Post]:
    """The posts a listing in `language` shows (`discovery.search_languages`) matching `query`, each in the
    language it is shown in, best first, for a (`SearchPaginator`) paginator; each post has `rank`,
    `shown_language` (and `headline` on PostgreSQL). An empty query matches nothing."""
    if not query_words(query):
        return Post.objects.none()
    if connection.vendor == "postgresql":
        return RankedSearch(query, language)
    return _fallback_search(query, language)


class RankedSearch:
    """PostgreSQL search in at most four bounded statements (and, for a date slice, a `SET LOCAL` in a
    transaction rolled back at once), whatever the number of posts or matches.

    1. `estimate`: the planner's estimate of the matching posts (`EXPLAIN`, from the lexemes' frequencies in
       the columns' statistics: planning only, no scan).
    2. `newest_bound`: for a word expected in more than `RANKED_MATCHES` posts, the date after which the
       newest posts should hold about `SLICE_MARGIN` times `COMMON_RANKED` matches (an index-only scan of
       the date index).
    3. `ranked`: the newest `window + 1` matches (since that date), ranked after their LIMIT: a bitmap of
       the GIN index, ANDed with one of the date index when there is a date: a few hundred rows.
    4. `self[page]`: one page of posts with their `ts_headline`, made for those ten rows only.

    The statements are compiled once per process and language (`discovery.search_statements`); a search
    only writes its query, the time, the date slice and the ids into them. `count()` is exact up to
    `RANKED_MATCHES` matches; past it, it is the estimate, and the pages stop at `reachable` (the best of the
    newest `COMMON_RANKED` matches). A sequence with `count()` and slicing, so a (`SearchPaginator`)
    paginator pages through it like a queryset.
    """

    ordered = True

    def __init__(self, query: str, language: str):
        from discovery.search_statements import statements  # PostgreSQL's: its driver only when used

        self.query, self.language = query, language
        self.now = timezone.now()
        self.statements = statements(language)
        # One database for every query of the search (a replica, or the primary when pinned).
        self.db = router.db_for_read(Post)

    def rows(self, statement, prefix: str = "", **values) -> list[tuple]:
        """The rows of `statement` (after `prefix`, statements sent with it in the same round trip)."""
        with connections[self.db].cursor() as cursor:
            cursor.execute(prefix + statement.sql(cursor.cursor, query=self.query, now=self.now, **values))
            while cursor.description is None and cursor.nextset():  # past the prefix's results
                pass
            return cursor.fetchall()

    @cached_property
    def estimate(self) -> int:
        """The planner's estimate of the posts matching in the language with the most (a post's languages
        are mostly translations of each other: their matches overlap rather than add up)."""
        [[plan]] = self.rows(self.statements.estimate)
        plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
        each = plan["Plans"] if plan["Node Type"] == "Append" else [plan]
        return round(max(language["Plan Rows"] for language in each))

    @cached_property
    def window(self) -> int:
        """How many of the newest matches are ranked: all of them, up to RANKED_MATCHES, for a word the
        planner expects in at most that many posts; else the newest COMMON_RANKED."""
        return RANKED_MATCHES if self.estimate <= RANKED_MATCHES else min(COMMON_RANKED, RANKED_MATCHES)

    @cached_property
    def newest_bound(self):
        """Without it, the newest matches of a word in, say, 5 % of the posts cost either a date-ordered
        scan testing ~20 stored documents per match, or reading every match the GIN index finds."""
        if self.estimate <= RANKED_MATCHES:
            return None
        table = connection.ops.quote_name(Post._meta.db_table)
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f'SELECT "date" FROM {table} ORDER BY "date" DESC OFFSET (SELECT CASE WHEN reltuples > 0 '
                f"THEN ceil(%s * reltuples)::bigint END FROM pg_class WHERE oid = %s::regclass) LIMIT 1",
                [SLICE_MARGIN * self.window / self.estimate, Post._meta.db_table],
            )
            row = cursor.fetchone()
        return row[0] if row else None  # None: the slice would be the whole table

    @cached_property
    def ranked(self) -> list[tuple[int, float]]:
        """(id, rank) of the newest `window + 1` matches (since `newest_bound`), best first."""
        if self.newest_bound is None:  # at most RANKED_MATCHES expected (or a small site): the GIN index
            return self.rows(self.statements.ranked, limit=self.window + 1)
        # The planner counts a stored document's test (`@@`) as one cheap operator, when it reads the
        # document out of line (~5 µs): it would walk the date index testing thousands of documents where the
        # GIN index ANDed with the date slice hands over the few hundred matching rows. So no index scans for
        # this statement (bitmap scans stay), set for it alone: outside a transaction, sent with it (the two
        # are one implicit transaction, which the setting ends with); inside one, in a savepoint rolled back
        # at once, so it never leaks into the caller's transaction.
        since = {"since": self.newest_bound, "limit": self.window + 1}
        if not connections[self.db].in_atomic_block:
            return self.rows(self.statements.ranked_since, "SET LOCAL enable_indexscan = off; ", **since)
        with transaction.atomic(using=self.db):
            ranked = self.rows(self.statements.ranked_since, "SET LOCAL enable_indexscan = off; ", **since)
            transaction.set_rollback(True, using=self.db)
        return ranked

    @property
    def reachable(self) -> int:
        return min(len(self.ranked), self.window)

    def count(self) -> int:
        if self.newest_bound is None and len(self.ranked) <= self.window:
            return len(self.ranked)  # every match was ranked
        return max(RANKED_MATCHES + 1, self.estimate, len(self.ranked))

    def __len__(self) -> int:
        return self.reachable

    def __iter__(self):
        return iter(self[0 : self.reachable])

    def __getitem__(self, page: slice) -> list[Post]:
        """The posts of `page` (a slice of the ranking), with `rank` and `headline`, in ranking order."""
        from discovery.search_statements import PAGE_FIELDS

        ranks = dict(self.ranked[: self.reachable][page])
        if not ranks:
            return []
        posts = {}
        for row in self.rows(self.statements.page, ids=list(ranks)):
            post = Post.from_db(self.db, PAGE_FIELDS, row[: len(PAGE_FIELDS)])
            post.headline, post.shown_language = row[len(PAGE_FIELDS) :]
            post.rank = ranks[post.pk]
            posts[post.pk] = post
        return [posts[pk] for pk in ranks if pk in posts]


class SearchPaginator(Paginator):
    """A paginator that stops at the last page `search_posts` ranked (an estimated count may promise more)."""

    @cached_property
    def num_pages(self) -> int:
        pages = super().num_pages
        reachable = getattr(self.object_list, "reachable", None)
        return pages if reachable is None else max(1, min(pages, ceil(reachable / self.per_page)))


def fallback_score(title: str | None, body: str | None, words: str) -> int:
    """The SQLite fallback's match and rank in one call per row: 0 unless every word (space-separated,
    already folded) starts a word of the folded title or body; else 2 per word in the title plus 1 per word
    in the body. Matching at word starts keeps stems working (`migration` finds `migrations`) while `a` or
    `art` no longer match inside every other word (`start`).
    """
    folded_title, folded_body = _fold_cached(title or ""), _fold_cached(body or "")
    score = 0
    for word in words.split():
        starts_a_word = word_start_pattern(word).search
        in_title, in_body = bool(starts_a_word(folded_title)), bool(starts_a_word(folded_body))
        if not (in_title or in_body):
            return 0
        score += 2 * in_title + in_body
    return score


# SQLite calls the function for the WHERE clause and again for the selected value of the same row (and the
# paginator's count runs the filter once more): a few recent folds are kept so a body is folded about once.
_fold_cached = lru_cache(maxsize=32)(fold)


class FallbackScore(Func):
    """`bitacora_search_score(title, body, words)`: `fallback_score`, registered on the SQLite connection."""

    function = "bitacora_search_score"
    output_field = IntegerField()


def _register_score_function() -> None:
    connection.ensure_connection()
    connection.connection.create_function("bitacora_search_score", 3, fallback_score, deterministic=True)


def _fallback_search(query: str, language: str) -> QuerySet[Post]:
    _register_score_function()
    words = " ".join(fallback_stem(word) for word in query_words(query))
    pairs = shown.shown_languages(language)
    posts = shown.searched_posts(Post.objects, pairs)

    title, body = shown.field_in_shown_language(pairs, "title"), shown.field_in_shown_language(pairs, "body")
    return (
        posts.annotate(
            rank=FallbackScore(title, body, Value(words)), shown_language=shown.shown_language(pairs)
        )
        .filter(rank__gt=0)
        .order_by("-rank", "-date", "-id")
    )
