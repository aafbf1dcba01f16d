"""Rendered HTML of listing cards, cached per post, language, card variant and content generation.

A listing page's cost is mostly template rendering: ten cards, each with a cover, a language badge,
reading time, summary, authors and tags (~150 template nodes and several URL reversals per card). A card
shows only the post and things that change with the content (author names, tag names, URLs), so its HTML
is kept under the content generation (`ops.generation`) and the release (`selectors.fragment_generation`): any
save, delete or import starts a new generation and every card is rendered afresh; so does a deploy.
All the cards of a list come back in one round trip (`get_many`).

Authors and tags are loaded only for the cards that must be rendered (two queries; none when every card
comes from the cache, or when the view loaded them already).

When content caching is off (`CONTENT_CACHE_SECONDS=0`, as in tests; see
`reader.selectors.content_generation`) every card is rendered on every request, exactly as the template
include did.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from blog.models import Post
from reader.selectors import fragment_generation

CARD_TEMPLATE = "blog/includes/post_card.html"


def card_context(*, language: str, card_heading: str, is_pinned: bool) -> dict:
    """Everything `post_card.html` reads besides the post (it needs nothing else from the page)."""
    return {"LANGUAGE_CODE": language, "card_heading": card_heading, "is_pinned": is_pinned}


def fragment_key(generation: str, variant: str, post: Post) -> str:
    return f"fragment:{generation}:{variant}:{post.pk}"


_UNKNOWN = object()


def render_cards(
    posts: Iterable[Post],
    *,
    card_heading: str = "h2",
    is_pinned: bool = False,
    template_name: str = CARD_TEMPLATE,
    generation=_UNKNOWN,
    prefetch_with: Iterable[Post] = (),
) -> SafeString:
    """The `<li>` cards of `posts`, in order, as one HTML string.

    `generation`: `selectors.fragment_generation()` if the caller has it already (one cache round trip less).
    `prefetch_with`: posts of the same page rendered next (the home page's list after its pinned posts):
    authors and tags are loaded for them too, so an empty cache costs two queries for the page, not four.
    """
    language = get_language()
    extra = card_context(language=language, card_heading=card_heading, is_pinned=is_pinned)
    posts = list(posts)
    template = get_template(template_name)

    def render_all(to_render: list[Post]) -> list[str]:
        if to_render:  # no query for posts that have them already
            prefetch_related_objects([*to_render, *prefetch_with], "authors", "tags")
        return [template.render({**extra, "post": post}) for post in to_render]

    if generation is _UNKNOWN:
        generation = fragment_generation()
    if generation is None:
        return mark_safe("".join(render_all(posts)))  # noqa: S308 - autoescaped templates
    variant = f"{template_name}:{language}:{card_heading}:{int(is_pinned)}"
    keys = [fragment_key(generation, variant, post) for post in posts]
    found = cache.get_many(keys)
    to_render = {key: post for key, post in zip(keys, posts, strict=True) if key not in found}
    missing = dict(zip(to_render, render_all(list(to_render.values())), strict=True))
    if missing:
        cache.set_many(missing, settings.CONTENT_CACHE_SECONDS)
        found.update(missing)
    return mark_safe("".join(found[key] for key in keys))  # noqa: S308 - autoescaped templates
