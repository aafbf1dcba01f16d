"""Model fields of our own."""

from __future__ import annotations

from django.core.files.base import File
from django.core.files.images import get_image_dimensions
from django.db import models
from django.db.models.fields.files import FieldFile


class StoredDimensionsImageField(models.ImageField):
    """An ImageField whose width and height fields are measured from a new file only, never from storage.

    Django's ImageField opens the stored file to measure it whenever a row whose dimension fields are
    empty is loaded, and whenever the field is assigned (the admin form assigns it on every save). Pages
    would then read the media storage to render, and fail (FileNotFoundError) when a file is missing.
    Here the dimensions are measured when a new, not yet stored file is assigned (an upload, or the
    content given to `FieldFile.save`), from that file in memory; code that assigns a stored file's name
    writes the dimensions itself. Clearing the field clears them.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if self.attname not in instance.__dict__:
            return  # deferred
        value = instance.__dict__[self.attname]
        if isinstance(value, FieldFile) and not value._committed:
            value = value.file
        if isinstance(value, File) and not isinstance(value, FieldFile):
            width, height = get_image_dimensions(value)  # a new file (an upload, or what FieldFile.save got)
        elif force and not value:
            width = height = None  # the field was cleared
        else:
            return  # a row being loaded, or a stored file: the dimensions stored with it stand
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)
