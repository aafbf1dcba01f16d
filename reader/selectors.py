"""What reader pages fetch: listing querysets, sidebar data (cached counts), related and neighbouring posts.

Every listing starts from `listing_posts(language)`, built on `Post.objects.live()` / `.published()`; a
post that exists only in other languages is listed too (marked, linking to a language it has) unless
`settings.BLOG_LIST_OTHER_LANGUAGES` is off. Each function issues a fixed number of queries, whatever the
number of posts: pages stay within the production budget of 13 queries (12, plus the site's name and menu
read by the context processor once per content generation).

Selectors only fetch; how a post is drawn (cards, cover pictures, the language it is shown in) is
presentation and lives in `reader.cards` and `reader.languages`, next to the template tags that use it.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower, TruncMonth
from django.utils import translation

from blog.models import (
    Author,
    Category,
    Post,
    Series,
    Tag,
    exists_in_any_language,
    language_codes,
)
from blog.publishing import publishing_columns
from counts.live import listing_language, live_counts
from ops.caching import remember, remember_list
from ops.generation import content_cache_generation

SIDEBAR_POSTS = 5
SIDEBAR_TAGS = 20
TERMS_PER_PAGE = 100
CAROUSEL_POSTS = 6
PINNED_POSTS = 3
RELATED_POSTS = 3
RELATED_CANDIDATES = 60
# A term's bucket in the kept counts (`counts`): "tag:12" counts tag 12's live posts per language.
TERM_KINDS = {Category: "category", Tag: "tag", Series: "series", Author: "author"}


def listing_posts(language: str) -> QuerySet[Post]:
    """Live posts a listing in `language` shows: those that exist in it, plus (by setting) the others."""
    if settings.BLOG_LIST_OTHER_LANGUAGES:
        return Post.objects.live().filter(exists_in_any_language())
    return Post.objects.published(language)


def card_posts(language: str) -> QuerySet[Post]:
    """`listing_posts` with the columns a card needs."""
    return listing_posts(language).only(*card_fields())


def listing_key(language: str) -> str:
    """What a listing's kept rows depend on besides the content: its language and the setting."""
    return f"{language}:{int(settings.BLOG_LIST_OTHER_LANGUAGES)}"


def counts_in(language: str) -> dict[str, int]:
    """Live posts per listing (`all`, `section:<slug>`, `tag:<id>`, …) in `language` (`*`: in any), from the
    kept counts (`counts.live`): two small queries per content generation, whatever the number of posts."""
    return remember("live-counts", live_counts).get(language, {})


def listing_total(language: str, bucket: str = "all") -> int:
    """How many posts the home page (`all`) or a section (`section:<slug>`) lists in `language`."""
    return counts_in(listing_language(language, settings.BLOG_LIST_OTHER_LANGUAGES)).get(bucket, 0)


def term_total(term, language: str) -> int:
    """How many posts a category, tag, series or author page lists in `language`."""
    return counts_in(language).get(f"{TERM_KINDS[type(term)]}:{term.pk}", 0)


def existing_terms(model, language: str) -> QuerySet:
    """The terms (or authors) that exist in `language`, by name: a category, tag or series exists in a
    language when it has a slug there (blog.taxonomy)."""
    terms = model.objects.all() if model is Author else model.objects.filter(**{f"slug_{language}__gt": ""})
    name = Lower("name") if model is Author else Lower(f"name_{language}")
    return terms.order_by(name, "pk")


def terms_in_language(model, language: str) -> list:
    """The terms (or authors) with live posts in `language`, with `post_count`, by name: one query (kept per
    content generation), the counts coming from `counts`."""

    def compute() -> list:
        counts, kind = counts_in(language), TERM_KINDS[model]
        terms = []
        for term in existing_terms(model, language):
            term.post_count = counts.get(f"{kind}:{term.pk}", 0)
            if term.post_count > 0:
                terms.append(term)
        return terms

    return remember(f"terms:{TERM_KINDS[model]}:{language}", compute)


def terms_with_counts(model, language: str, limit: int | None = None) -> list:
    """Terms that have posts in `language`, with `post_count`; the most used first when limited."""
    terms = terms_in_language(model, language)
    if limit:
        terms = sorted(terms, key=lambda term: (-term.post_count, term.pk))[:limit]
    return sorted(terms, key=lambda term: str(term).lower())


def has_live_posts(term) -> bool:
    return any(term_total(term, code) for code in language_codes())


def term_alternates(term) -> dict[str, str | None]:
    """A term's or author's page in each language it has live posts in, for hreflang and the language
    switcher (from the kept counts: no query)."""
    urls = {}
    for code in language_codes():
        if not term_total(term, code):
            urls[code] = None
        else:
            urls[code] = term.url_in(code) if hasattr(term, "url_in") else _author_url(term, code)
    return urls


def _author_url(author, language: str) -> str:
    with translation.override(language):
        return author.get_absolute_url()


def content_generation() -> str | None:
    """A token that changes on every content change (ops.generation); None when content caching is off.

    Off (CONTENT_CACHE_SECONDS=0) in tests unless a test turns it on.
    """
    return content_cache_generation()


def fragment_generation() -> str | None:
    """The key part of cached HTML fragments: content generation and release; None when caching is off."""
    generation = content_generation()
    return f"{generation}-{settings.RELEASE}" if generation else None


def sidebar_terms(language: str) -> dict:
    """Categories, tags and series with post counts: three small queries per content generation (the
    counts are kept by `counts`, not counted here), sorted once per generation too."""

    def compute() -> dict:
        return {
            "categories": terms_with_counts(Category, language),
            "tags": terms_with_counts(Tag, language, limit=SIDEBAR_TAGS),
            "series_list": terms_with_counts(Series, language),
        }

    return remember(f"sidebar-terms:{language}", compute)


def archive_months(language: str) -> list[tuple[int, list[dict]]]:
    """Years (newest first) with their months that have posts and the counts: one grouped query, cached."""

    def compute():
        rows = (
            listing_posts(language)
            .annotate(month=TruncMonth("date"))
            .values("month")
            .annotate(post_count=Count("pk"))
            .order_by("-month")
        )
        years: dict[int, list] = {}
        for row in rows:
            years.setdefault(row["month"].year, []).append(row)
        return sorted(years.items(), reverse=True)

    return remember(f"archive:{language}:{int(settings.BLOG_LIST_OTHER_LANGUAGES)}", compute)


def sidebar(language: str, *, with_recent: bool = True, exclude=()) -> dict:
    """Featured and recent posts, and categories, tags and series with counts.

    `exclude`: ids of posts the page shows already (its list, carousel, pinned posts), left out of the
    featured and recent lists so no post is shown twice on a page."""
    data = {
        "featured_posts": featured_posts(language, exclude=exclude),
        # The sidebar, carousel and cards are cached as HTML under this token (reader.fragments,
        # templates/blog/includes/sidebar.html, home.html); None when content caching is off.
        "sidebar_generation": fragment_generation(),
        **sidebar_terms(language),
    }
    if with_recent:
        data["recent_posts"] = recent_posts(language, exclude=exclude)
    return data


def pinned_posts(language: str) -> list[Post]:
    return remember_list(
        f"pinned:{listing_key(language)}", lambda: card_posts(language).pinned()[:PINNED_POSTS]
    )


def carousel_posts(language: str) -> list[Post]:
    """The carousel's posts; pinned posts stay out of it (they have their own box)."""
    return remember_list(
        f"carousel:{listing_key(language)}",
        lambda: card_posts(language).in_carousel().exclude(pinned=True)[:CAROUSEL_POSTS],
    )


def first_posts_except(name: str, language: str, posts, exclude, limit: int) -> list[Post]:
    """The first `limit` of `posts()` that are not in `exclude`: the first `limit + len(exclude)` are kept
    (one list per size, not one per set of ids left out), then filtered."""
    exclude = set(exclude)
    size = limit + len(exclude)
    kept = remember_list(f"{name}:{listing_key(language)}:{size}", lambda: posts()[:size])
    return [post for post in kept if post.pk not in exclude][:limit]


def featured_posts(language: str, exclude=()) -> list[Post]:
    return first_posts_except(
        "featured", language, lambda: card_posts(language).featured(), exclude, SIDEBAR_POSTS
    )


def recent_posts(language: str, exclude=()) -> list[Post]:
    return first_posts_except("recent", language, lambda: card_posts(language), exclude, SIDEBAR_POSTS)


def card_fields() -> list[str]:
    """Columns a post link or card needs (body too: it says which languages a post exists in)."""
    fields = ["pk", "section", "date", "modified_at", "cover", "cover_width", "cover_height", "cover_source"]
    fields += publishing_columns()
    for code in language_codes():
        fields += [f"title_{code}", f"slug_{code}", f"summary_{code}", f"body_{code}"]
    if hasattr(Post, "cover_renditions"):
        fields.append("cover_renditions")
    return fields


def related_posts(post: Post, language: str) -> list[Post]:
    """Posts sharing the most tags with `post`, newest first among equals: two small queries.

    Counting shared tags on the tag table alone (its index on tag_id) and then loading only the
    candidates keeps this cheap at any size; joining from the posts side scanned every post.
    """
    tag_ids = [tag.pk for tag in post.tags.all()]
    if not tag_ids:
        return []
    return remember(f"related:{post.pk}:{language}", lambda: _related_posts(post, tag_ids, language))


def _related_posts(post: Post, tag_ids: list[int], language: str) -> list[Post]:
    shared = dict(
        Post.tags.through.objects.filter(tag_id__in=tag_ids)
        .exclude(post_id=post.pk)
        .values("post_id")
        .annotate(shared=Count("tag_id"))
        .order_by("-shared", "-post_id")
        .values_list("post_id", "shared")[:RELATED_CANDIDATES]
    )
    candidates = Post.objects.published(language).filter(pk__in=list(shared)).only(*card_fields())
    ranked = sorted(candidates, key=lambda other: (shared[other.pk], other.date), reverse=True)
    return ranked[:RELATED_POSTS]


def neighbours(post: Post, language: str) -> tuple[Post | None, Post | None]:
    """The previous (older) and next (newer) post in the same language."""

    def compute() -> tuple[Post | None, Post | None]:
        posts = Post.objects.published(language).only(*card_fields())
        older = posts.filter(Q(date__lt=post.date) | Q(date=post.date, pk__lt=post.pk)).order_by(
            "-date", "-pk"
        )
        newer = posts.filter(Q(date__gt=post.date) | Q(date=post.date, pk__gt=post.pk)).order_by("date", "pk")
        return older.first(), newer.first()

    return remember(f"neighbours:{post.pk}:{language}", compute)


def series_posts(post: Post, language: str) -> list[Post]:
    """The posts of the post's series in reading order (oldest first), where the series exists in the
    language (it has a slug there)."""
    if not post.series_id or not post.series.slug_in(language):
        return []
    return remember_list(
        f"series-posts:{post.series_id}:{language}",
        lambda: (
            Post.objects.published(language)
            .filter(series_id=post.series_id)
            .order_by("date", "pk")
            .only(*card_fields())
        ),
    )
