"""Cover renditions: listing and carousel sizes of a post's cover, each as WebP plus a JPEG (or PNG, for
images with transparency) fallback, recorded in `Post.cover_renditions` with their sizes.

Made by the importer and, for covers uploaded in the admin, by the `post_save` receiver below
(connected in `CoversConfig.ready`).
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

# Largest width per kind; images are never enlarged.
RENDITION_WIDTHS = {"listing": 640, "carousel": 1280}
FALLBACK_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


def build_renditions(image_bytes: bytes, *, stem: str) -> dict:
    """Write the renditions of one image to the default storage; returns their descriptions by kind."""
    with Image.open(io.BytesIO(image_bytes)) as opened:
        image = ImageOps.exif_transpose(opened)
        image.load()
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    fallback_format = "PNG" if has_alpha else "JPEG"
    renditions = {}
    for kind, max_width in RENDITION_WIDTHS.items():
        resized = image.copy()
        if resized.width > max_width:
            height = max(1, round(resized.height * max_width / resized.width))
            resized = resized.resize((max_width, height), Image.Resampling.LANCZOS)
        resized = resized.convert("RGBA" if has_alpha else "RGB")
        webp_name = _save(resized, f"renditions/{stem}-{kind}.webp", "WEBP", quality=82)
        extension = "png" if fallback_format == "PNG" else "jpg"
        fallback_name = _save(
            resized, f"renditions/{stem}-{kind}.{extension}", fallback_format, quality=85, optimize=True
        )
        renditions[kind] = {
            "webp": webp_name,
            "fallback": fallback_name,
            "fallback_type": FALLBACK_TYPES[fallback_format],
            "width": resized.width,
            "height": resized.height,
        }
    return renditions


def _save(image: Image.Image, name: str, image_format: str, **options) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def renditions_for_cover(post, data: bytes | None = None) -> dict:
    """Renditions of the post's stored cover, tagged with the cover's name so they are made only once.

    `data`: the cover's bytes when the caller has them (the importer just stored them), so the file is not
    read back from the storage."""
    if data is None:
        post.cover.open("rb")
        try:
            data = post.cover.read()
        finally:
            post.cover.close()
    stem = PurePosixPath(post.cover.name).stem
    return {**build_renditions(data, stem=stem), "source_name": post.cover.name}


def make_renditions_after_upload(sender, instance, raw=False, **kwargs):
    """A cover set or replaced in the admin gets its renditions; a removed cover loses them."""
    if raw:
        return
    renditions = instance.cover_renditions or {}
    if not instance.cover:
        if renditions:
            sender.objects.filter(pk=instance.pk).update(cover_renditions={})
            instance.cover_renditions = {}
        return
    if renditions.get("source_name") == instance.cover.name:
        return
    try:
        renditions = renditions_for_cover(instance)
    except (OSError, ValueError, Image.UnidentifiedImageError):
        return
    sender.objects.filter(pk=instance.pk).update(cover_renditions=renditions)
    instance.cover_renditions = renditions
