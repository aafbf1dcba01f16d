"""The PostgreSQL search's SQL: compiled once per process and language, bound to each search's values.

`discovery.search.RankedSearch` runs these statements. Built through the ORM on every search they cost ~25 ms
of CPU at any size of site (each holds the published-and-shown conditions of three languages, several times
over); `statements(language)` compiles them once per process, language and the settings they depend on, with
stand-ins where a search's own values go — the query text, the current time (posts are due at it), the date
slice, the LIMIT and a page's ids — and `Statement.sql()` writes a search's values in as literals quoted by
psycopg (`psycopg.sql.Literal`), so a search neither builds a query nor has the driver scan a long statement
for placeholders.

- `estimate`: `EXPLAIN` of the match alone in each of the shown languages' documents.
- `ranked` / `ranked_since`: the newest matches (within a date slice), ranked with `ts_rank` against the
  query parsed once per language (a per-row configuration would parse it again for every row), best first.
  The matches are a MATERIALIZED CTE, so the planner picks how to find them (GIN index, date slice, both)
  without the LIMIT pulling it onto a walk of the date index.
- `page`: the few columns a result shows for a page of posts by id, with a `ts_headline` made over the first
  `HEADLINE_SHORT_CHARS` of the body when a word of the query is in them, else over the first
  `HEADLINE_SOURCE_CHARS` (`FirstHeadline`): the headline parses all the text it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector, SearchVectorField
from django.db.models import BooleanField, F, Func, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from psycopg.sql import Literal

from blog.models import Post, language_codes
from blog.search_documents import SEARCH_CONFIGS
from discovery import search_languages as shown
from discovery.snippets import MARK_START, MARK_STOP

# Languages without a stored document are parsed on the fly, without stemming.
FALLBACK_CONFIG = "simple"
HEADLINE_SHORT_CHARS = 1_500
HEADLINE_SOURCE_CHARS = 8_000
# What a result shows of a post (`discovery.views.result`): its title and URL in the shown language. In the
# model's order, as `Model.from_db` takes them.
PAGE_FIELDS = [
    field.attname
    for field in Post._meta.concrete_fields
    if field.attname in {"id", "section", "date"} or field.attname.startswith(("title_", "slug_"))
]

# Stand-ins for a search's values; the strings and dates are told apart by value, the others by identity.
_QUERY = "\x00query"  # never a reader's query: clean_query() drops control characters
_NOW = datetime(1970, 1, 1, 0, 0, 0, 271828, tzinfo=UTC)
_SINCE = datetime(1970, 1, 1, 0, 0, 0, 314159, tzinfo=UTC)
_LIMIT, _IDS = object(), object()
_BY_VALUE = {_QUERY: "query", _NOW: "now", _SINCE: "since"}
_BY_IDENTITY = {id(_LIMIT): "limit", id(_IDS): "ids"}
_PLACEHOLDER = re.compile(r"%([s%])")

_RANKED = (
    'WITH "found" AS MATERIALIZED ({}) SELECT "found_id", ts_rank("found_document", "found_query") AS "rank" '
    'FROM (SELECT * FROM "found" ORDER BY "found_date" DESC, "found_id" DESC LIMIT %s) AS "newest" '
    'ORDER BY "rank" DESC, "found_date" DESC, "found_id" DESC'
)


def _stand_in(param) -> str | None:
    if id(param) in _BY_IDENTITY:
        return _BY_IDENTITY[id(param)]
    if isinstance(param, str | datetime):
        return _BY_VALUE.get(param)
    return None


@dataclass(frozen=True)
class Statement:
    """SQL cut where a search's values go: `pieces[0] slots[0] pieces[1] … pieces[-1]`."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]

    @classmethod
    def of(cls, queryset: QuerySet, template: str = "{}", extra: tuple = ()) -> Statement:
        """The queryset's SQL (in `template`), its constant parameters written in as literals."""
        sql, params = queryset.query.sql_with_params()
        params = iter((*params, *extra))
        pieces, slots, text = [], [], []
        for index, part in enumerate(_PLACEHOLDER.split(template.format(sql))):
            if index % 2 == 0:
                text.append(part)
            elif part == "%":
                text.append("%")
            elif slot := _stand_in(param := next(params)):
                pieces.append("".join(text))
                slots.append(slot)
                text = []
            else:
                text.append(Literal(param).as_string(None))
        pieces.append("".join(text))
        return cls(tuple(pieces), tuple(slots))

    def sql(self, context, **values) -> str:
        """The statement for a search's `values` (quoted for `context`, a psycopg connection or cursor)."""
        literals = {name: Literal(values[name]).as_string(context) for name in set(self.slots)}
        parts = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            parts += [literals[slot], piece]
        return "".join(parts)


@dataclass(frozen=True)
class Statements:
    estimate: Statement  # EXPLAIN of the match alone in each language
    ranked: Statement  # the newest matches, ranked
    ranked_since: Statement  # the same within the newest slice of posts
    page: Statement  # PAGE_FIELDS, headline and shown language of a page of posts by id


class FirstHeadline(Func):
    """The first headline (`short`) when it marks a word of the query, else the second (`long`)."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        (short, short_params), (long, long_params) = (compiler.compile(e) for e in self.source_expressions)
        # OFFSET 0 keeps the short headline a value made once, not an expression copied into both places.
        choice = f"CASE WHEN strpos(h, %s) > 0 THEN h ELSE {long} END"
        return f"(SELECT {choice} FROM (SELECT {short} AS h OFFSET 0) AS short)", (
            MARK_START,
            *long_params,
            *short_params,
        )


def config(code: str) -> str:
    return SEARCH_CONFIGS.get(code, FALLBACK_CONFIG)


def search_query(text: str, code: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=config(code))


def search_document(language: str):
    """The stored, indexed document (migration 0005) for our languages; computed on the fly otherwise.

    The stored column holds exactly `title_<lang>` weighted A plus `body_<lang>` weighted B in the
    language's configuration.
    """
    if language in SEARCH_CONFIGS:
        column = f'"{Post._meta.db_table}"."search_document_{language}"'
        return RawSQL(column, [], output_field=SearchVectorField())
    parsed_with = config(language)
    return SearchVector(f"title_{language}", weight="A", config=parsed_with) + SearchVector(
        f"body_{language}", weight="B", config=parsed_with
    )


def statements(language: str) -> Statements:
    """The statements of a search in `language` (compiled at its first search in this process)."""
    return _compiled(language, tuple(language_codes()), settings.BLOG_LIST_OTHER_LANGUAGES)


@lru_cache(maxsize=16)
def _compiled(language: str, languages: tuple, other_languages: bool) -> Statements:
    """The key holds the settings the statements depend on (tests change them)."""
    pairs = shown.shown_languages(language, now=_NOW)

    def query(code: str) -> SearchQuery:
        return search_query(_QUERY, code)

    # Each language's match alone, as many statements in one: the planner knows its lexemes' frequencies
    # per document, the published-and-shown conditions would only add guesses (a third for
    # `octet_length(…) > 0`), and an OR of the languages' documents counts a post written in three languages
    # up to three times (its documents are estimated as independent).
    each = [
        Post.objects.order_by().alias(found=search_document(code)).filter(found=query(code)).values("pk")
        for code, _exists in pairs
    ]
    estimate = each[0].union(*each[1:], all=True)
    matches = shown.match_in_shown_language(Post.objects.all(), pairs, search_document, query)

    def window(posts: QuerySet) -> QuerySet:
        columns = shown.ranking_columns(pairs, query)
        return (
            posts.annotate(found_id=F("pk"), found_date=F("date"), **columns)
            .order_by()
            .values("found_id", "found_date", "found_document", "found_query")
        )

    def headline(code: str, chars: int) -> SearchHeadline:
        return SearchHeadline(
            Substr(f"body_{code}", 1, chars),
            query(code),
            config=config(code),
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=40,
            min_words=20,
            max_fragments=2,
            fragment_delimiter=" … ",
        )

    def first_headline(code: str) -> FirstHeadline:
        return FirstHeadline(headline(code, HEADLINE_SHORT_CHARS), headline(code, HEADLINE_SOURCE_CHARS))

    page = (
        Post.objects.filter(RawSQL('"blog_post"."id" = ANY(%s)', (_IDS,), output_field=BooleanField()))
        .order_by()
        .annotate(
            found_headline=shown.per_language(pairs, first_headline, TextField()),
            found_language=shown.shown_language(pairs),
        )
        .values(*PAGE_FIELDS, "found_headline", "found_language")
    )
    # Django puts the annotations first: the outer SELECT gives the columns the order `RankedSearch` reads.
    columns = ", ".join(f'"{name}"' for name in [*PAGE_FIELDS, "found_headline", "found_language"])
    return Statements(
        estimate=Statement.of(estimate, "EXPLAIN (FORMAT JSON) {}"),
        ranked=Statement.of(window(matches), _RANKED, (_LIMIT,)),
        ranked_since=Statement.of(window(matches.filter(date__gte=_SINCE)), _RANKED, (_LIMIT,)),
        page=Statement.of(page, f'SELECT {columns} FROM ({{}}) AS "page"'),
    )
