"""Model fields of our own, and the form field that lets image fields take SVG files too."""

from __future__ import annotations

from django import forms
from django.core.files.base import File
from django.core.files.images import get_image_dimensions
from django.core.validators import FileExtensionValidator, get_available_image_extensions
from django.db import models
from django.db.models.fields.files import FieldFile

from blog.svg import MAX_SVG_BYTES, SvgError, is_svg_name, read_svg


def validate_image_or_svg_extension(value) -> None:
    """The extensions Pillow reads, and `svg`."""
    FileExtensionValidator([*get_available_image_extensions(), "svg"])(value)


class ImageOrSvgFormField(forms.ImageField):
    """An image upload that also takes an SVG (named `.svg`): the model's `validate_image_file` then checks
    that it is safe, well-formed SVG; Pillow, which cannot read SVG, checks every other file as before."""

    default_validators = [validate_image_or_svg_extension]

    def to_python(self, data):
        if data and is_svg_name(getattr(data, "name", "")):
            return forms.FileField.to_python(self, data)
        return super().to_python(data)


def file_dimensions(file) -> tuple[int | None, int | None]:
    """Width and height of a new file: an SVG's from its attributes (`blog.svg`), others' from Pillow."""
    if not is_svg_name(getattr(file, "name", "") or ""):
        return get_image_dimensions(file)
    try:
        file.seek(0)
        info = read_svg(file.read(MAX_SVG_BYTES + 1))
    except (SvgError, OSError):
        return None, None
    finally:
        file.seek(0)
    return info.width, info.height


class StoredDimensionsImageField(models.ImageField):
    """An ImageField whose width and height fields are measured from a new file only, never from storage.

    Django's ImageField opens the stored file to measure it whenever a row whose dimension fields are
    empty is loaded, and whenever the field is assigned (the admin form assigns it on every save). Pages
    would then read the media storage to render, and fail (FileNotFoundError) when a file is missing.
    Here the dimensions are measured when a new, not yet stored file is assigned (an upload, or the
    content given to `FieldFile.save`), from that file in memory; code that assigns a stored file's name
    writes the dimensions itself. Clearing the field clears them. Its forms take SVG files too.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageOrSvgFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if self.attname not in instance.__dict__:
            return  # deferred
        value = instance.__dict__[self.attname]
        if isinstance(value, FieldFile) and not value._committed:
            value = value.file
        if isinstance(value, File) and not isinstance(value, FieldFile):
            width, height = file_dimensions(value)  # a new file (an upload, or what FieldFile.save got)
        elif force and not value:
            width = height = None  # the field was cleared
        else:
            return  # a row being loaded, or a stored file: the dimensions stored with it stand
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)
