"""Receivers for covers saved outside the importer (the admin, the shell), connected in `CoversConfig.ready`.

Nothing here makes a rendition: a new cover's renditions are made on the first request for them
(`covers.lazy`), the same way as an imported cover's. Saving only straightens an upload carrying an EXIF
orientation (so the stored dimensions are the upright picture's, as the pages need them to size the
renditions) and drops renditions recorded for an earlier cover.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from PIL import Image

from covers.renditions import straightened


def straighten_uploaded_cover(sender, instance, raw=False, **kwargs):
    """pre_save: a new upload whose EXIF orientation is not upright is stored turned upright."""
    cover = instance.cover
    if raw or not cover or cover._committed:
        return
    try:
        cover.file.seek(0)
        with Image.open(cover.file) as image:
            upright = straightened(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return  # the form's validator refuses unreadable images; others are stored as they came
    finally:
        cover.file.seek(0)
    if upright is not None:
        instance.cover = ContentFile(upright, name=cover.name)  # measured again, upright


def forget_renditions_of_replaced_cover(sender, instance, raw=False, **kwargs):
    """post_save: renditions recorded for another cover (or for a removed one) are dropped."""
    renditions = instance.cover_renditions or {}
    if raw or not renditions:
        return
    if instance.cover and renditions.get("source_name", instance.cover.name) == instance.cover.name:
        return
    sender.objects.filter(pk=instance.pk).update(cover_renditions={})
    instance.cover_renditions = {}
