"""Export: the posts to translate into one language, as one XLIFF 1.2 or PO file.

A post goes in when it has text in its source language (`Post.source_language_code()`) and that is not the
target language. Every segment of the source is written; where the target language already has text (a
draft being finished), it travels as the unit's target: whole fields always, body blocks when the
translation has as many blocks as the source (otherwise they would not line up).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings
from django.db.models import QuerySet

from blog.models import Post, has_content_in
from blog.publishing import language_codes
from exchange.formats import FORMATS, XLIFF, OutgoingPost, write_po, write_xliff
from exchange.segments import BODY, post_segments, split_blocks


def site_key() -> str:
    """What a file says about the site it came from, checked on import: the site's address when it has
    one (SITE_URL), else its configured name."""
    return (settings.SITE_URL or "").rstrip("/") or settings.SITE_NAME


def post_url(post: Post, language: str) -> str:
    path = unquote(post.get_absolute_url(language))  # readable: /pt/blog/2025/08/reunião/
    return f"{settings.SITE_URL.rstrip('/')}{path}" if settings.SITE_URL else path


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str
    posts: list[Post]  # in the file
    skipped: list[Post]  # nothing to translate: no text yet, or written in the target language


def posts_missing(language: str) -> QuerySet[Post]:
    """Posts with text in some language but none (no title or no body) in `language`."""
    others = [code for code in language_codes() if code != language]
    written_elsewhere = has_content_in(others[0])
    for code in others[1:]:
        written_elsewhere |= has_content_in(code)
    return Post.objects.exclude(has_content_in(language)).filter(written_elsewhere).order_by("pk")


def _outgoing(post: Post, language: str) -> OutgoingPost:
    source = post.source_language_code()
    segments = post_segments(post, source)
    existing = {segment.id: segment.text for segment in post_segments(post, language)}
    source_blocks = sum(1 for segment in segments if segment.field == BODY)
    if len(split_blocks(post.translated(BODY, language))) != source_blocks:
        existing = {key: text for key, text in existing.items() if f"/{BODY}/" not in key}
    return OutgoingPost(post.pk, source, post_url(post, source), segments, existing)


def translations_export(*, posts, language: str, file_format: str) -> Export:
    """One file of `posts` for translators into `language` (`file_format`: "xliff" or "po")."""
    if language not in language_codes():
        raise ValueError(f"unknown language {language!r}")
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}")
    included, skipped = [], []
    for post in posts:
        has_source = post.written_languages() and post.source_language_code() != language
        (included if has_source else skipped).append(post)
    outgoing = [_outgoing(post, language) for post in included]
    content = b""
    if outgoing:
        write = write_xliff if file_format == XLIFF else write_po
        content = write(outgoing, site=site_key(), target_language=language)
    content_type = "application/x-xliff+xml" if file_format == XLIFF else "text/x-gettext-translation"
    names = "-".join(str(post.pk) for post in included[:5]) + ("-and-more" if len(included) > 5 else "")
    filename = f"posts-{names or 'none'}.{language}{FORMATS[file_format]}"
    return Export(content, filename, f"{content_type}; charset=utf-8", included, skipped)
