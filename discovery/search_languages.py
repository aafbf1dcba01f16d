"""Which posts a search in a language looks at, and in which language each is matched and shown.

The same posts a listing in that language shows (`reader.selectors.listing_posts`): those that exist in it,
plus, while `BLOG_LIST_OTHER_LANGUAGES` is on, the posts that lack it, each in the first language it has in
settings order (`reader.languages.display_language`), matched against that language's text and marked "Only
in …" like a card. `/en/search/` found fewer posts than the `/en/` listing showed when it searched English
text only.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db.models import Case, CharField, F, Q, QuerySet, TextField, Value, When

from blog.models import exists_in, language_codes


def shown_languages(language: str) -> list[tuple[str, Q]]:
    """`[(code, which posts are shown in code)]` for a search in `language`: its own posts first."""
    own = exists_in(language)
    pairs = [(language, own)]
    if not settings.BLOG_LIST_OTHER_LANGUAGES:
        return pairs
    earlier = own
    for code in language_codes():
        if code != language:
            pairs.append((code, ~earlier & exists_in(code)))
            earlier |= exists_in(code)
    return pairs


def searched_posts(manager, pairs: list[tuple[str, Q]], language: str) -> QuerySet:
    """The posts a search looks at (from `manager`: `Post.objects`, or `.using(db)`)."""
    if len(pairs) == 1:
        return manager.published(language)
    condition = Q()
    for _code, shown in pairs:
        condition |= shown
    return manager.live().filter(condition)


def ranking_columns(pairs: list[tuple[str, Q]], config) -> dict:
    """Each row's `found_document` and `found_config` (`config(code)`), in its shown language, for ts_rank."""
    return {
        "found_document": per_language(pairs, lambda code: F(f"document_{code}"), SearchVectorField()),
        "found_config": per_language(pairs, lambda code: Value(config(code)), TextField()),
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


def match_in_shown_language(
    posts: QuerySet, pairs: list[tuple[str, Q]], document, query, *, guarded: bool = True
) -> QuerySet:
    """`posts` whose document (`document(code)`) in their shown language matches `query(code)`: one GIN
    index per language, ORed (a bitmap OR in PostgreSQL's plan). The documents are aliased
    `document_<code>` for the ranking. `guarded=False` leaves out which language each post is shown in
    (for the planner's estimate: it knows the lexemes' frequencies, the rest would only be guesses)."""
    documents = {f"document_{code}": document(code) for code, _shown in pairs}
    found = {code: Q(**{f"document_{code}": query(code)}) for code, _shown in pairs}
    any_found = Q()
    for match in found.values():
        any_found |= match
    posts = posts.alias(**documents).filter(any_found)
    if not guarded or len(pairs) == 1:  # alone, `posts` are the language's already
        return posts
    # The plain OR above is what the planner turns into a bitmap OR of the GIN indexes; this one says which
    # language's document counts for each post.
    in_shown = Q()
    for code, shown in pairs:
        in_shown |= shown & found[code]
    return posts.filter(in_shown)
