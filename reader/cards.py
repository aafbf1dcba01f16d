"""Posts as listings and pages draw them: cards (title, summary and URL in the language shown) and covers.

Used by the reader template tags (`{% post_card %}`, `{% cover %}`) and so by the card fragments
(`reader.fragments`). Presentation, not fetching: the posts come from `reader.selectors`, loaded with the
columns of `selectors.card_fields()`; nothing here issues a query.
"""

from __future__ import annotations

from dataclasses import dataclass

from blog.models import Post
from blog.rendering import reading_minutes
from covers.generated import COVER_SIZES, generated_cover_url
from covers.lazy import rendition_picture
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


def cover_picture(post: Post, kind: str, language: str) -> dict:
    """What to draw for a post's cover: its rendition at `kind`, or a generated cover.

    Never a broken image and never a media file read: a post whose source named an image that was not
    found (`cover_source` set, `cover` empty), or whose cover could not be read, gets the generated cover;
    a rendition not made yet is drawn from the rendition view, sized from the cover's stored dimensions
    (`covers.lazy.rendition_picture`). Width and height are always known (no layout shift).
    """
    picture = rendition_picture(post, kind, language)
    if picture is not None:
        return {**picture, "generated": False}
    width, height = COVER_SIZES[kind]
    return {
        "webp": "",
        "src": generated_cover_url(post, kind, language),
        "width": width,
        "height": height,
        "generated": True,
    }
