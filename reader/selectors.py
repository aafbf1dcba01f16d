"""What reader pages show: listing querysets, sidebar data, per-post cards and cover pictures.

Every listing starts from `listing_posts(language)`, built on `Post.objects.live()` / `.published()`; a
post that exists only in other languages is listed too (marked, linking to a language it has) unless
`settings.BLOG_LIST_OTHER_LANGUAGES` is off. Each function issues a fixed number of queries, whatever the
number of posts: pages stay within the production budget of 12 queries.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language_info

from blog.models import Category, Post, Series, Tag, exists_in, language_codes
from blog.rendering import reading_minutes
from covers.generated import COVER_SIZES, generated_cover_url
from ops.caching import remember
from ops.generation import content_cache_generation

SIDEBAR_POSTS = 5
SIDEBAR_TAGS = 20
CAROUSEL_POSTS = 6
PINNED_POSTS = 3
RELATED_POSTS = 3
RELATED_CANDIDATES = 60


def exists_in_any_language() -> Q:
    return reduce(operator.or_, (exists_in(code) for code in language_codes()))


def listing_posts(language: str) -> QuerySet[Post]:
    """Live posts a listing in `language` shows: those that exist in it, plus (by setting) the others."""
    if settings.BLOG_LIST_OTHER_LANGUAGES:
        return Post.objects.live().filter(exists_in_any_language())
    return Post.objects.published(language)


def _post_count_filter(language: str, relation: str = "posts") -> Q:
    """The `listing_posts` filter seen from a taxonomy term, for `Count(..., filter=...)`."""
    live = Q(**{f"{relation}__draft": False, f"{relation}__date__lte": timezone.now()})
    codes = language_codes() if settings.BLOG_LIST_OTHER_LANGUAGES else [language]
    return live & reduce(operator.or_, (exists_in(code, prefix=f"{relation}__") for code in codes))


def terms_with_counts(model, language: str, limit: int | None = None) -> list:
    """Terms that have posts in this listing, with `post_count`; the most used first when limited."""
    terms = model.objects.annotate(post_count=Count("posts", filter=_post_count_filter(language))).filter(
        post_count__gt=0
    )
    if limit:
        return sorted(terms.order_by("-post_count", "slug")[:limit], key=lambda term: str(term).lower())
    return sorted(terms, key=lambda term: str(term).lower())


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
    """Categories, tags and series with post counts: three grouped queries, kept until content changes.

    The counts scan every post, so they are the costly part of a listing at 10,000 posts; they are the same
    on every page of a language, so one computation serves all pages until the next edit or import.
    """

    def compute() -> dict:
        return {
            "categories": terms_with_counts(Category, language),
            "tags": terms_with_counts(Tag, language, limit=SIDEBAR_TAGS),
            "series_list": terms_with_counts(Series, language),
        }

    return remember(f"sidebar-terms:{language}:{int(settings.BLOG_LIST_OTHER_LANGUAGES)}", compute)


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


def sidebar(language: str, *, with_recent: bool = True) -> dict:
    """Featured and recent posts, and categories, tags and series with counts: five queries at most."""
    posts = listing_posts(language).only(*card_fields())
    data = {
        "featured_posts": list(posts.featured()[:SIDEBAR_POSTS]),
        # The sidebar, carousel and cards are cached as HTML under this token (reader.fragments,
        # templates/blog/includes/sidebar.html, home.html); None when content caching is off.
        "sidebar_generation": fragment_generation(),
        **sidebar_terms(language),
    }
    if with_recent:
        data["recent_posts"] = recent_posts(language)
    return data


def recent_posts(language: str) -> list[Post]:
    return list(listing_posts(language).only(*card_fields())[:SIDEBAR_POSTS])


def card_fields() -> list[str]:
    """Columns a post link or card needs (body too: it says which languages a post exists in)."""
    fields = ["pk", "section", "date", "modified_at", "cover", "cover_width", "cover_height", "cover_source"]
    for code in language_codes():
        fields += [f"title_{code}", f"slug_{code}", f"summary_{code}", f"body_{code}"]
    if hasattr(Post, "cover_renditions"):
        fields.append("cover_renditions")
    return fields


def display_language(post: Post, language: str) -> str:
    """The language to show a post in: the reader's when it exists there, else the first one it has."""
    if post.exists_in_language(language):
        return language
    return next(iter(post.languages()), settings.LANGUAGE_CODE)


def language_name(code: str) -> str:
    return get_language_info(code)["name_local"]


@dataclass(frozen=True)
class PostCard:
    """A post as a listing shows it, in the language it will be shown in."""

    post: Post
    language: str
    title: str
    summary: str
    url: str
    foreign: bool
    language_name: str

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.post.translated("body", self.language))


def post_card(post: Post, language: str) -> PostCard:
    shown = display_language(post, language)
    return PostCard(
        post=post,
        language=shown,
        title=post.translated("title", shown),
        summary=post.translated("summary", shown),
        url=post.get_absolute_url(shown),
        foreign=shown != language,
        language_name=language_name(shown),
    )


def _storage_url(value: str) -> str:
    if value.startswith(("/", "http://", "https://")):
        return value
    return default_storage.url(value)


def cover_picture(post: Post, kind: str, language: str) -> dict:
    """What to draw for a post's cover: an imported rendition, the uploaded image, or a generated one.

    Never a broken image: a post whose source named an image that was not found (`cover_source` set,
    `cover` empty) gets the generated cover. Width and height are always known (no layout shift).
    """
    rendition_for = getattr(post, "rendition", None)
    rendition = rendition_for(kind) if callable(rendition_for) else None
    if rendition:
        # The importer's names: webp_url/fallback_url (storage URLs); webp/fallback (names) also accepted.
        webp = rendition.get("webp_url") or rendition.get("webp") or ""
        fallback = rendition.get("fallback_url") or rendition.get("fallback") or ""
        if fallback and rendition.get("width") and rendition.get("height"):
            return {
                "webp": _storage_url(webp) if webp else "",
                "src": _storage_url(fallback),
                "width": rendition["width"],
                "height": rendition["height"],
                "generated": False,
            }
    if post.cover and post.cover_width and post.cover_height:
        return {
            "webp": "",
            "src": post.cover.url,
            "width": post.cover_width,
            "height": post.cover_height,
            "generated": False,
        }
    width, height = COVER_SIZES[kind]
    return {
        "webp": "",
        "src": generated_cover_url(post, kind, language),
        "width": width,
        "height": height,
        "generated": True,
    }


def translation_urls(post: Post) -> dict[str, str]:
    """The post's URL in each language it exists in, in settings order."""
    return {code: post.get_absolute_url(code) for code in post.languages()}


def related_posts(post: Post, language: str) -> list[Post]:
    """Posts sharing the most tags with `post`, newest first among equals: two small queries.

    Counting shared tags on the tag table alone (its index on tag_id) and then loading only the
    candidates keeps this cheap at any size; joining from the posts side scanned every post.
    """
    tag_ids = [tag.pk for tag in post.tags.all()]
    if not tag_ids:
        return []
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
    posts = Post.objects.published(language).only(*card_fields())
    older = posts.filter(Q(date__lt=post.date) | Q(date=post.date, pk__lt=post.pk)).order_by("-date", "-pk")
    newer = posts.filter(Q(date__gt=post.date) | Q(date=post.date, pk__gt=post.pk)).order_by("date", "pk")
    return older.first(), newer.first()


def series_posts(post: Post, language: str) -> list[Post]:
    """The posts of the post's series in reading order (oldest first)."""
    if not post.series_id:
        return []
    return list(
        Post.objects.published(language)
        .filter(series_id=post.series_id)
        .order_by("date", "pk")
        .only(*card_fields())
    )
