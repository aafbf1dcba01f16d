"""The image library: images uploaded once and used in any number of post bodies.

An `Image` is its bytes: stored once under their SHA-256 (`library/ab/abcdef….jpg`, the extension from the
format Pillow found, not from the uploaded name), so uploading the same file again gives back the image
already there. It has an alt text in every language (modeltranslation, all required: `translation.py`),
its width and height, and renditions (640 and 1280 px wide, WebP and a JPEG/PNG fallback) made the first
time one is asked for (`library.renditions`), never during the upload.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.fields import StoredDimensionsImageField


def content_hash(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def stored_name(sha256: str, extension: str) -> str:
    return f"library/{sha256[:2]}/{sha256}.{extension}"


def image_upload_to(image: Image, filename: str) -> str:
    return stored_name(image.sha256, PurePosixPath(filename).suffix.lstrip(".").lower() or "bin")


class ImageQuerySet(models.QuerySet):
    def search(self, text: str, languages: list[str]) -> ImageQuerySet:
        """Images whose alt text (in any language) or original file name holds `text`."""
        if not text.strip():
            return self
        query = models.Q(original_name__icontains=text)
        for code in languages:
            query |= models.Q(**{f"alt_{code}__icontains": text})
        return self.filter(query)


class Image(models.Model):
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True, editable=False)
    file = StoredDimensionsImageField(
        _("file"), upload_to=image_upload_to, width_field="width", height_field="height", editable=False
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True, editable=False)
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    # Renditions made when first asked for (library.renditions): {kind: {webp, fallback, fallback_type,
    # width, height}} or {kind: {"failed": True}}.
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt or self.original_name or self.sha256[:12]

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def url(self) -> str:
        """The stored file's address: what a post body's Markdown points to."""
        return default_storage.url(self.file.name)

    def rendition_url(self, kind: str, image_format: str = "webp") -> str:
        kwargs = {"pk": self.pk, "kind": kind, "image_format": image_format}
        return reverse("library:rendition", kwargs=kwargs)

    def markdown(self, language: str) -> str:
        """`![alt](url)` with the alt text in `language`, its brackets and backslashes escaped."""
        alt = " ".join((getattr(self, f"alt_{language}", "") or self.alt or "").split())
        alt = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return f"![{alt}]({self.url})"
