"""Which language a reader sees a post in, and how a language is named and linked on a page.

Presentation, not fetching: everything here works on a post already loaded (its own fields say which
languages it exists in), without a query.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language_info

from blog.models import Post


def display_language(post: Post, language: str) -> str:
    """The language to show a post in: the reader's when it exists there, else the first one it has."""
    if post.exists_in_language(language):
        return language
    return next(iter(post.languages()), settings.LANGUAGE_CODE)


def language_name(code: str) -> str:
    return get_language_info(code)["name_local"]


def translation_urls(post: Post) -> dict[str, str]:
    """The post's URL in each language it exists in, in settings order."""
    return {code: post.get_absolute_url(code) for code in post.languages()}
