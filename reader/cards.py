"""Posts as listings and pages draw them: cards (title, summary and URL in the language shown) and covers.

Used by the reader template tags (`{% post_card %}`, `{% cover %}`) and so by the card fragments
(`reader.fragments`). Presentation, not fetching: the posts come from `reader.selectors`, loaded with the
columns of `selectors.card_fields()`; nothing here issues a query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage

from blog.models import Post
from blog.rendering import reading_minutes
from covers.generated import COVER_SIZES, generated_cover_url
from reader.languages import display_language, language_name


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
