"""Putting a file in the library: checked (a real JPEG, PNG, GIF or WebP image, within the size and pixel
limits), then stored once by content: the same bytes uploaded again give back the image already stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage

from blog.svg import is_svg_name
from blog.validators import validate_image_file
from covers.renditions import straightened, upright_size
from library.models import Image, content_hash, stored_name

# What browsers show and renditions can be made of; the extension each is stored with.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def checked_format(upload) -> str:
    """The upload's image format (a key of EXTENSIONS); ValidationError with a message for the editor when
    it is too large, SVG, not an image, damaged, a decompression bomb, or an image browsers cannot show."""
    if upload.size > settings.LIBRARY_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the library takes files up to %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.LIBRARY_MAX_UPLOAD_BYTES),
            },
        )
    if is_svg_name(upload.name or ""):
        raise ValidationError(
            _("The library takes JPEG, PNG, GIF and WebP images, not SVG."), code="svg_not_accepted"
        )
    refuse_bomb(upload)
    validate_image_file(upload)  # Pillow reads and verifies it; the pixel limit
    upload.seek(0)
    with PillowImage.open(upload) as opened:
        image_format = opened.format
    upload.seek(0)
    if image_format not in EXTENSIONS:
        raise ValidationError(
            _("The library takes JPEG, PNG, GIF and WebP images, not %(format)s."),
            code="format_not_accepted",
            params={"format": image_format},
        )
    return image_format


def refuse_bomb(upload) -> None:
    """A header claiming more pixels than Pillow will ever decode: said as such (validate_image_file calls
    it "not an image")."""
    try:
        upload.seek(0)
        with PillowImage.open(upload):
            pass
    except PillowImage.DecompressionBombError as exc:
        raise ValidationError(
            _("The image has too many pixels to be opened safely (a decompression bomb?)."),
            code="decompression_bomb",
        ) from exc
    except (OSError, SyntaxError, ValueError):
        pass  # not an image at all: validate_image_file says so
    finally:
        upload.seek(0)


def store_image(*, upload, alt: dict[str, str], image_format: str | None = None) -> tuple[Image, bool]:
    """The library's image for `upload` and whether it is new. An upload already in the library (the same
    bytes) gives back the stored image, whose alt texts stay as they are. `image_format`: what
    `checked_format` found, when the caller has checked the upload already."""
    image_format = image_format or checked_format(upload)
    sha256 = content_hash(upload)
    existing = Image.objects.filter(sha256=sha256).first()
    if existing:
        return existing, False
    image = Image(sha256=sha256, size=upload.size, original_name=(upload.name or "")[:255])
    for code, text in alt.items():
        setattr(image, f"alt_{code}", text)
    extension = EXTENSIONS[image_format]
    name = stored_name(sha256, extension)
    with PillowImage.open(upload) as opened:
        image.width, image.height = upright_size(opened)
        # Stored upright, as the importer stores covers: the browser, the renderer's width and height
        # and the renditions then agree. Re-encoded only when its EXIF orientation says it is turned.
        upright = straightened(opened)
    upload.seek(0)
    if not default_storage.exists(name):  # else the same bytes, kept from an image deleted earlier
        name = default_storage.save(name, ContentFile(upright) if upright else upload)
    image.file.name = name
    try:
        with transaction.atomic():
            image.save()
    except IntegrityError:  # the same bytes stored by another request meanwhile
        return Image.objects.get(sha256=sha256), False
    return image, True
