"""Cover renditions: the listing and carousel sizes of a post's cover, each as WebP plus a JPEG (or PNG, for
images with transparency) fallback, recorded in `Post.cover_renditions` with their sizes.

This module only makes pictures (pure, apart from writing the files); when they are made is
`covers.lazy`'s business: on the first request that asks for one, never while importing or saving a post.
It also straightens images by their EXIF orientation, for the importer and for admin uploads alike.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

# Largest width per kind; images are never enlarged.
RENDITION_WIDTHS = {"listing": 640, "carousel": 1280}
FALLBACK_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
ORIENTATION_TAG = 0x0112
# Orientations that swap width and height (a quarter turn, with or without a mirror).
QUARTER_TURNS = {5, 6, 7, 8}


def rendition_size(width: int, height: int, kind: str, max_width: int | None = None) -> tuple[int, int]:
    """The size of the `kind` rendition of an upright `width`×`height` cover (never enlarged); `max_width`
    for a kind of another app's (the image library's sizes)."""
    max_width = max_width or RENDITION_WIDTHS[kind]
    if width <= max_width:
        return width, height
    return max_width, max(1, round(height * max_width / width))


def exif_orientation(image: Image.Image) -> int:
    """The image's EXIF orientation (1, upright, when it has none or an invalid one)."""
    try:
        value = image.getexif().get(ORIENTATION_TAG, 1)
    except (OSError, SyntaxError, ValueError):
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The image's width and height once turned by its EXIF orientation."""
    width, height = image.size
    return (height, width) if exif_orientation(image) in QUARTER_TURNS else (width, height)


def straightened(image: Image.Image) -> bytes | None:
    """The image re-encoded upright when its EXIF orientation says it is not; None when it is upright
    already, so the caller keeps the original bytes untouched.

    `ImageOps.exif_transpose` returns a copy even when there is nothing to turn, so "is it a different
    object" is no test: the orientation tag is read instead."""
    if exif_orientation(image) == 1:
        return None
    image_format = image.format or "PNG"
    upright = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    options = {"quality": 90} if image_format == "JPEG" else {}
    upright.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def build_rendition(image_bytes: bytes, *, kind: str, stem: str, max_width: int | None = None) -> dict:
    """Write the `kind` rendition of one image (WebP and fallback) to the default storage; returns its
    description: `webp`, `fallback` (storage names), `fallback_type`, `width`, `height`. `max_width` is
    the width of a kind that is not a cover's (see `rendition_size`).

    Raises OSError, ValueError or Pillow's errors when the bytes are not a readable image."""
    with Image.open(io.BytesIO(image_bytes)) as opened:
        _decode_small(opened, kind, max_width)
        image = ImageOps.exif_transpose(opened)
        image.load()
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    fallback_format = "PNG" if has_alpha else "JPEG"
    size = rendition_size(image.width, image.height, kind, max_width)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    image = image.convert("RGBA" if has_alpha else "RGB")
    extension = "png" if fallback_format == "PNG" else "jpg"
    return {
        "webp": _save(image, f"renditions/{stem}-{kind}.webp", "WEBP", quality=82),
        "fallback": _save(
            image, f"renditions/{stem}-{kind}.{extension}", fallback_format, quality=85, optimize=True
        ),
        "fallback_type": FALLBACK_TYPES[fallback_format],
        "width": image.width,
        "height": image.height,
    }


def _decode_small(image: Image.Image, kind: str, max_width: int | None = None) -> None:
    """Let a JPEG decode at a reduced scale (1/2, 1/4, 1/8) that is still at least the rendition's size:
    a 1600 px cover becomes an 800 px one before the (exact) resize, at a fraction of the cost."""
    if image.format != "JPEG":
        return
    target = rendition_size(*upright_size(image), kind, max_width)
    if exif_orientation(image) in QUARTER_TURNS:
        target = (target[1], target[0])  # the file's own orientation
    image.draft(image.mode, target)


def _save(image: Image.Image, name: str, image_format: str, **options) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return default_storage.save(name, ContentFile(buffer.getvalue()))
