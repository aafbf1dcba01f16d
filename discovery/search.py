"""Search of posts in the reader's language: query cleaning, the database query, and safe snippets.

PostgreSQL: full-text search with the language's stemming configuration wrapped in `unaccent`
(`es_unaccent`, `pt_unaccent`, `en_unaccent`, created by migration `0003_search_configurations`), so
`migracion` finds `Migración` and `migrations` finds `migration`; ranked with `SearchRank`, the title
weighted A above the body (B); snippets from `ts_headline`. The documents are stored per language in
GIN-indexed `search_document_<lang>` columns kept current by a trigger (migration `0005`), so a search
neither re-parses bodies to match nor to rank.

SQLite (the embedded default): no stemming beyond a plural `s`, but accent- and case-insensitive matching
at word starts. We register a Python function `bitacora_search_score(title, body, words)` on the live
connection just before the query: it folds title and body (NFKD, combining marks dropped, casefolded) and
scores the folded query words (all must start a word; a word in the title counts twice one in the body), so
the database filters and orders with one call per row and no `LIKE` pattern is ever built from the query.
Registering on demand instead of from a `connection_created` receiver keeps the whole fallback in this
module and costs one C call per search; it is idempotent. Ties: newest first. Snippets are cut in Python
from the page's posts only (at most one page), so their cost does not grow with the corpus.

Snippets are safe by construction: the highlight markers are control characters that cannot survive into
HTML; the snippet text is escaped, and only then the markers become `<mark>`/`</mark>`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, Func, IntegerField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from blog.models import Post
from blog.rendering import markdown_to_plain

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 10
# The text search configuration per language (see the migration): the stemmer with `unaccent` before it.
SEARCH_CONFIGS = {"es": "es_unaccent", "pt": "pt_unaccent", "en": "en_unaccent"}
FALLBACK_CONFIG = "simple"

# Highlight markers: control characters, removed from queries and never produced by escaping.
MARK_START = "\x02"
MARK_STOP = "\x03"
_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"\w+")
_SNIPPET_CHARS = 240
_SNIPPET_SOURCE_CHARS = 20_000

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


def fold(text: str) -> str:
    """Case- and accent-insensitive form: `Migración` -> `migracion`, `São` -> `sao`."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text or "")).casefold()


def query_words(query: str) -> list[str]:
    """The distinct folded words of a query (punctuation such as `%` or quotes is not a word)."""
    words = []
    for word in _WORD.findall(fold(query)):
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def fallback_stem(word: str) -> str:
    """The fallback's only stemming: a plural `s` goes, so substring matching finds both `migration` and
    `migrations`. Short words keep it (`gas`, `mas`)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def render_snippet(marked_text: str) -> SafeString:
    """Escape everything, then turn balanced markers into `<mark>`; stray markers are dropped."""
    escaped = escape(marked_text)
    highlighted = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(highlighted.replace(MARK_START, "").replace(MARK_STOP, ""))  # noqa: S308 - escaped above


def search_posts(query: str, language: str) -> QuerySet[Post]:
    """Published posts in `language` matching `query`, best first; each row has `rank` (and `headline`
    on PostgreSQL). An empty query matches nothing."""
    if not query_words(query):
        return Post.objects.none()
    if connection.vendor == "postgresql":
        return _postgres_search(query, language)
    return _fallback_search(query, language)


def _postgres_search(query: str, language: str) -> QuerySet[Post]:
    config = SEARCH_CONFIGS.get(language, FALLBACK_CONFIG)
    document = search_document(language, config)
    search_query = SearchQuery(query, search_type="websearch", config=config)
    return (
        Post.objects.published(language)
        # alias, not annotate: the vector is for matching and ranking, never sent back to Python.
        .alias(document=document)
        .filter(document=search_query)
        .annotate(
            rank=SearchRank(F("document"), search_query),
            headline=SearchHeadline(
                f"body_{language}",
                search_query,
                config=config,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-date", "-id")
    )


def search_document(language: str, config: str):
    """The stored, indexed document (migration 0005) for our languages; computed on the fly otherwise.

    The stored column holds exactly `title_<lang>` weighted A plus `body_<lang>` weighted B in `config`.
    """
    if language in SEARCH_CONFIGS:
        column = f'"{Post._meta.db_table}"."search_document_{language}"'
        return RawSQL(column, [], output_field=SearchVectorField())
    return SearchVector(f"title_{language}", weight="A", config=config) + SearchVector(
        f"body_{language}", weight="B", config=config
    )


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


@lru_cache(maxsize=64)
def word_start_pattern(word: str) -> re.Pattern:
    """`word` where a word begins: not preceded by a letter, digit or underscore."""
    return re.compile(r"(?<!\w)" + re.escape(word))


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
    score = FallbackScore(F(f"title_{language}"), F(f"body_{language}"), Value(words))
    return (
        Post.objects.published(language)
        .annotate(rank=score)
        .filter(rank__gt=0)
        .order_by("-rank", "-date", "-id")
    )


def mark_words(text: str, words: list[str], max_chars: int = _SNIPPET_CHARS) -> str:
    """A window of `text` around the first matching word, with every match inside it between markers.

    Matching is on folded text; an index map back to the original keeps accents and case as written.
    """
    folded_chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded_chars.append(folded_char)
            origin.append(index)
    folded = "".join(folded_chars)
    spans = []
    for word in words:
        spans.extend((m.start(), m.end()) for m in word_start_pattern(word).finditer(folded))
    if not spans:
        return _trim_to_words(text[:max_chars], cut_start=False, cut_end=len(text) > max_chars)
    spans = [_whole_word(text, origin[start], origin[end - 1] + 1) for start, end in sorted(spans)]
    first = spans[0][0]
    window_start = max(0, first - max_chars // 3)
    window_end = min(len(text), window_start + max_chars)
    pieces, cursor = [], window_start
    for start, end in spans:
        if start < cursor or end > window_end:
            continue
        pieces.extend([text[cursor:start], MARK_START, text[start:end], MARK_STOP])
        cursor = end
    pieces.append(text[cursor:window_end])
    return _trim_to_words("".join(pieces), cut_start=window_start > 0, cut_end=window_end < len(text))


def _whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match to the word around it: the fallback matches stems (`kubernete`), readers see words."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return start, end


def _trim_to_words(snippet: str, *, cut_start: bool, cut_end: bool) -> str:
    """Drop half words at cut edges and show the cut with an ellipsis."""
    if cut_start and " " in snippet:
        snippet = "… " + snippet.split(" ", 1)[1]
    if cut_end and " " in snippet:
        snippet = snippet.rsplit(" ", 1)[0] + " …"
    return snippet


def snippet_for(post: Post, query: str, language: str) -> SafeString:
    """The highlighted snippet of one result: PostgreSQL's headline when present, else cut in Python."""
    headline = getattr(post, "headline", None)
    if headline is not None:
        return render_snippet(markdown_to_plain(headline))
    body = markdown_to_plain(post.translated("body", language)[:_SNIPPET_SOURCE_CHARS])
    return render_snippet(mark_words(body, [fallback_stem(word) for word in query_words(query)]))
