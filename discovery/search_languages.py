"""Which posts a search in a language looks at, and in which language each is matched and shown.

The same posts a listing in that language shows (`reader.selectors.listing_posts`): those that exist in it,
plus, while `BLOG_LIST_OTHER_LANGUAGES` is on, the posts that lack it, each in the first language it has in
settings order (`reader.languages.display_language`), matched against that language's text and marked "Only
in …" like a card. `/en/search/` found fewer posts than the `/en/` listing showed when it searched English
text only.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Case, CharField, F, Q, QuerySet, TextField, Value, When

from blog.models import exists_in, language_codes


def shown_languages(language: str, now=None) -> list[tuple[str, Q]]:
    """`[(code, which posts exist in code)]` for a search in `language`, in the order a post's shown language
    is chosen: its own first. A post is shown in the first of them it exists in (due at `now`, by default the
    current time): every expression per language is a `CASE` in this order (`per_language`), so each
    condition stays that of one language, not also "and in none of the earlier ones"."""
    codes = [language]
    if settings.BLOG_LIST_OTHER_LANGUAGES:
        codes += [code for code in language_codes() if code != language]
    return [(code, exists_in(code, now=now)) for code in codes]


def searched_posts(manager, pairs: list[tuple[str, Q]]) -> QuerySet:
    """The posts a search looks at (from `manager`: `Post.objects`, or `.using(db)`): those shown in one of
    the pairs' languages (with every language, the live posts)."""
    condition = Q()
    for _code, exists in pairs:
        condition |= exists
    return manager.filter(condition)


def ranking_columns(pairs: list[tuple[str, Q]], query) -> dict:
    """Each row's `found_document` and `found_query` (`query(code)`), in its shown language, for ts_rank.

    The query per language is a constant the planner parses once; a per-row configuration column would
    parse the query again for every row ranked."""
    from django.contrib.postgres.search import SearchQueryField, SearchVectorField  # PostgreSQL's driver

    return {
        "found_document": per_language(pairs, lambda code: F(f"document_{code}"), SearchVectorField()),
        "found_query": per_language(pairs, query, SearchQueryField()),
    }


def per_language(pairs: list[tuple[str, Q]], make, output_field=None) -> Case:
    """`CASE WHEN <shown in es> THEN make("es") WHEN … END`: an expression in each row's own language."""
    return Case(*(When(shown, then=make(code)) for code, shown in pairs), output_field=output_field)


def shown_language(pairs: list[tuple[str, Q]]) -> Case:
    """The language each row is shown in (`post.shown_language`)."""
    return per_language(pairs, lambda code: Value(code), output_field=CharField())


def field_in_shown_language(pairs: list[tuple[str, Q]], field: str) -> Case:
    """`title_es`, `title_pt`… : the field in each row's shown language."""
    return per_language(pairs, lambda code: F(f"{field}_{code}"), TextField())


def match_in_shown_language(posts: QuerySet, pairs: list[tuple[str, Q]], document, query) -> QuerySet:
    """`posts` shown in one of the pairs' languages whose document (`document(code)`) in their shown language
    matches `query(code)`. The documents are aliased `document_<code>` for the ranking."""
    posts = posts.alias(**{f"document_{code}": document(code) for code, _exists in pairs})
    # One arm per language: "shown in it and its document matches". The planner makes a bitmap OR of the
    # GIN indexes from the arms' matches, and each row's stored document is read once, in its shown language.
    in_shown = Q()
    for code, _exists in pairs:
        in_shown |= Q(found_language=code, **{f"document_{code}": query(code)})
    return posts.alias(found_language=shown_language(pairs)).filter(in_shown)
