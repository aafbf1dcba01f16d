"""Renditions made when first asked for, off the import's and the admin's critical path.

Pages never make a rendition and never read a media file. `rendition_picture` tells a page what to show
for a post's cover: the stored rendition once it is recorded in `Post.cover_renditions`, otherwise the
URLs of `covers.views.rendition`, with the width and height computed from the cover's stored dimensions.
That view calls `ensure_rendition`, which makes the rendition under the post's `RenditionLock` (so two
requests, workers or servers never make the same one at once: the second waits and is then served the
first one's files), stores it and records it.

An SVG cover is served as it is, at every size (`svg_picture`); no rendition is made of it.
A cover that cannot be read is recorded as failed for that kind, and pages draw the generated cover
instead. A cover file that is missing from the storage is not recorded (it may come back from a backup):
the view answers with the generated cover, uncached, until it does.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from blog.models import Post
from blog.svg import is_svg_name
from covers.models import RenditionLock
from covers.renditions import RENDITION_WIDTHS, build_rendition, rendition_size

# The formats a rendition view serves: the WebP and the JPEG/PNG fallback.
FORMATS = ("webp", "fallback")
# A lock older than this was left by a killed process (making one rendition takes well under a second).
STALE_AFTER = timedelta(seconds=60)
# How long a request waits for another one making the same cover's renditions, and how often it looks.
WAIT_SECONDS = 15.0
POLL_SECONDS = 0.05
UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.UnidentifiedImageError)


class RenditionBusy(Exception):
    """Another process held the cover's lock for longer than a request waits."""


def recorded_rendition(post: Post, kind: str) -> dict | None:
    """The entry recorded for `kind` of the post's current cover (`{"failed": True}` for one that could
    not be made), or None when it has not been made for this cover."""
    data = post.cover_renditions or {}
    entry = data.get(kind)
    if (
        not post.cover
        or not isinstance(entry, dict)
        or data.get("source_name", post.cover.name) != post.cover.name
    ):
        return None
    return entry


def rendition_picture(post: Post, kind: str, language: str | None = None) -> dict | None:
    """`webp`, `src`, `width`, `height` of the post's cover at `kind`, computed without making anything
    or reading a file; None when the page should draw the generated cover (no cover, no known size, or a
    cover that could not be read)."""
    if post.cover and is_svg_name(post.cover.name):
        return svg_picture(post, kind)
    if recorded_rendition(post, kind) is not None:
        made = post.rendition(kind)  # None when it could not be made
        if made is None:
            return None
        return {
            "webp": made["webp_url"],
            "src": made["fallback_url"],
            "width": made["width"],
            "height": made["height"],
        }
    if not post.cover or not (post.cover_width and post.cover_height) or kind not in RENDITION_WIDTHS:
        return None
    width, height = rendition_size(post.cover_width, post.cover_height, kind)
    return {
        "webp": rendition_url(post, kind, "webp", language),
        "src": rendition_url(post, kind, "fallback", language),
        "width": width,
        "height": height,
    }


def svg_picture(post: Post, kind: str) -> dict | None:
    """An SVG cover is its own rendition at every size: the stored file itself, drawn by `<img>` (never
    inlined, never rasterised), sized like a rendition from its stored dimensions."""
    if not (post.cover_width and post.cover_height) or kind not in RENDITION_WIDTHS:
        return None
    width, height = rendition_size(post.cover_width, post.cover_height, kind)
    return {"webp": "", "src": default_storage.url(post.cover.name), "width": width, "height": height}


def rendition_url(post: Post, kind: str, image_format: str, language: str | None = None) -> str:
    """The rendition view's URL; the cover's name versions it (a new cover, a new URL)."""
    kwargs = {"pk": post.pk, "kind": kind, "image_format": image_format}
    if language and language != settings.LANGUAGE_CODE:
        kwargs["language"] = language
    version = hashlib.sha256(post.cover.name.encode()).hexdigest()[:12]
    return f"{reverse('covers:rendition', kwargs=kwargs)}?v={version}"


def ensure_rendition(post: Post, kind: str) -> dict | None:
    """The `kind` rendition of the post's cover, made and recorded now unless it was already; None when
    the cover cannot be read (recorded as failed) or the post lost its cover meanwhile.

    Raises RenditionBusy when another process holds the lock past WAIT_SECONDS, and FileNotFoundError when
    the cover file is missing from the storage. An SVG cover has no rendition (None, nothing recorded)."""
    deadline = time.monotonic() + WAIT_SECONDS
    if post.cover and is_svg_name(post.cover.name):
        return None
    while True:
        entry = recorded_rendition(post, kind)
        if entry is not None:
            return None if entry.get("failed") else entry
        if not post.cover:
            return None
        token = take_lock(post.pk)
        if token is not None:
            try:
                return _make_and_record(post, kind)
            finally:
                release_lock(post.pk, token)
        if time.monotonic() >= deadline:
            raise RenditionBusy(f"post {post.pk}: renditions still being made after {WAIT_SECONDS} s")
        time.sleep(POLL_SECONDS)
        post.refresh_from_db(fields=["cover", "cover_renditions"])


def take_lock(pk: int) -> str | None:
    """Take the post's rendition lock; its token, or None when another process holds it."""
    now = timezone.now()
    RenditionLock.objects.filter(post_id=pk, taken_at__lt=now - STALE_AFTER).delete()
    token = uuid.uuid4().hex
    try:
        with transaction.atomic():
            RenditionLock.objects.create(post_id=pk, taken_at=now, token=token)
    except IntegrityError:
        return None
    return token


def release_lock(pk: int, token: str) -> None:
    RenditionLock.objects.filter(post_id=pk, token=token).delete()


def _make_and_record(post: Post, kind: str) -> dict | None:
    # Someone may have finished between our last look and taking the lock.
    post.refresh_from_db(fields=["cover", "cover_renditions"])
    entry = recorded_rendition(post, kind)
    if entry is not None or not post.cover:
        return None if entry is None or entry.get("failed") else entry
    with default_storage.open(post.cover.name, "rb") as cover:
        data = cover.read()
    try:
        entry = build_rendition(data, kind=kind, stem=PurePosixPath(post.cover.name).stem)
    except UNREADABLE:
        entry = {"failed": True}
    current = post.cover_renditions or {}
    if current.get("source_name", post.cover.name) != post.cover.name:
        current = {}
    renditions = {**current, "source_name": post.cover.name, kind: entry}
    try:
        # Only if the cover is still the one just read (an editor may have replaced it meanwhile).
        recorded = Post.objects.filter(pk=post.pk, cover=post.cover.name).update(cover_renditions=renditions)
    except DatabaseError:
        _delete_files(entry)  # unrecorded files would belong to nothing
        raise
    if not recorded:
        _delete_files(entry)
        return None
    post.cover_renditions = renditions
    return None if entry.get("failed") else entry


def _delete_files(entry: dict) -> None:
    for name in (entry.get("webp"), entry.get("fallback")):
        if name:
            default_storage.delete(name)
