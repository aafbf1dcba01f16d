"""Library renditions, made the first time one is asked for (a thumbnail in the admin, the picker, a page)
rather than during the upload: uploading twenty photos stores twenty files and returns.

The pictures are made by `covers.renditions.build_rendition` (WebP plus a JPEG, or PNG when transparent;
EXIF orientation applied; never enlarged) and recorded in `Image.renditions`. The row is locked while one
is made (`select_for_update`), so on PostgreSQL two requests never make the same rendition at once; on
SQLite, which writes one transaction at a time, the second one finds it recorded.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image as PillowImage

from covers.renditions import build_rendition, rendition_size
from library.models import Image

# Largest width per kind; images are never enlarged.
WIDTHS = {"small": 640, "large": 1280}
FORMATS = ("webp", "fallback")
UNREADABLE = (OSError, ValueError, SyntaxError, PillowImage.DecompressionBombError)


def planned_size(image: Image, kind: str) -> tuple[int, int] | None:
    """The size the `kind` rendition has (or will have), from the stored dimensions; no file is read."""
    if not (image.width and image.height):
        return None
    return rendition_size(image.width, image.height, kind, WIDTHS[kind])


def ensure_rendition(image: Image, kind: str) -> dict | None:
    """The recorded `kind` rendition of `image`, made now if it was not; None when it cannot be made.

    Raises Image.DoesNotExist when the image was deleted meanwhile, and FileNotFoundError when its stored
    file is missing."""
    entry = (image.renditions or {}).get(kind)
    if entry is None:
        with transaction.atomic():
            image = Image.objects.select_for_update().get(pk=image.pk)
            entry = image.renditions.get(kind)  # made by another request while this one waited
            if entry is None:
                entry = _make(image, kind)
                image.renditions = {**image.renditions, kind: entry}
                Image.objects.filter(pk=image.pk).update(renditions=image.renditions)
    return None if entry.get("failed") else entry


def _make(image: Image, kind: str) -> dict:
    with default_storage.open(image.file.name, "rb") as stored:
        data = stored.read()
    try:
        return build_rendition(
            data, kind=kind, stem=f"library-{PurePosixPath(image.file.name).stem}", max_width=WIDTHS[kind]
        )
    except UNREADABLE:
        return {"failed": True}
