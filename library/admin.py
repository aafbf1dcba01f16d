"""The image library in the admin: upload several images at once (a button with `multiple`, or dropped
files), a list with thumbnails and search, the alt texts edited in es/pt/en tabs, and the picker the
Markdown editor's "image" button opens (`admin:library_image_picker`, JSON).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from blog.models import Post, language_codes
from library.forms import ACCEPT, ImageUploadFormSet
from library.models import Image
from library.renditions import planned_size

PICKER_SIZE = 60
THUMBNAIL_HEIGHT = 60


def thumbnail(image: Image, height: int = THUMBNAIL_HEIGHT) -> str:
    """The small rendition, at most `height` pixels high, sized so the list does not jump as it loads."""
    size = planned_size(image, "small")
    if not size:
        return ""
    width = max(1, round(size[0] * height / size[1])) if size[1] > height else size[0]
    return format_html(
        '<img class="library-thumbnail" src="{}" width="{}" height="{}" alt="" loading="lazy">',
        image.rendition_url("small"),
        width,
        min(height, size[1]),
    )


@admin.register(Image)
class ImageAdmin(TabbedTranslationAdmin):
    list_display = ("preview", "__str__", "dimensions", "file_size", "created_at")
    list_display_links = ("preview", "__str__")
    search_fields = ("original_name", *(f"alt_{code}" for code in language_codes()))
    list_per_page = 40
    fields = ("alt", "preview_large", "markdown", "dimensions", "file_size", "original_name", "used_in")
    readonly_fields = ("preview_large", "markdown", "dimensions", "file_size", "original_name", "used_in")

    class Media:
        css = {"all": ["library/library.css"]}

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [path("picker/", picker, name="library_image_picker"), *super().get_urls()]

    @admin.display(description=gettext_lazy("image"))
    def preview(self, image: Image) -> str:
        return thumbnail(image)

    @admin.display(description=gettext_lazy("image"))
    def preview_large(self, image: Image) -> str:
        return format_html('<a href="{}">{}</a>', image.url, thumbnail(image, height=240))

    @admin.display(description=gettext_lazy("Markdown"))
    def markdown(self, image: Image) -> str:
        language = translation.get_language() or settings.LANGUAGE_CODE
        return format_html("<code>{}</code>", image.markdown(language))

    @admin.display(description=gettext_lazy("size in pixels"))
    def dimensions(self, image: Image) -> str:
        return f"{image.width} × {image.height}" if image.width else "–"

    @admin.display(description=gettext_lazy("file size"), ordering="size")
    def file_size(self, image: Image) -> str:
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(image.size)

    @admin.display(description=gettext_lazy("used in"))
    def used_in(self, image: Image) -> str:
        """The posts whose body (in any language) shows this image."""
        query = Q()
        for code in language_codes():
            query |= Q(**{f"body_{code}__contains": image.url})
        posts = Post.objects.filter(query).only("pk", *(f"title_{code}" for code in language_codes()))
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            ((reverse("admin:blog_post_change", args=[p.pk]), p) for p in posts[:50]),
        )
        return format_html("<ul>{}</ul>", links) if links else "–"

    def add_view(self, request, form_url="", extra_context=None):
        """Several images at once: a formset, one form (file and alt texts) per image."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        formset = ImageUploadFormSet(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            prefix="images",
        )
        if request.method == "POST" and formset.is_valid():
            stored = [form.save() for form in formset.forms if form.has_changed()]
            for image, created in stored:
                if created:
                    self.log_addition(request, image, [{"added": {}}])
            self.report(request, stored)
            return HttpResponseRedirect(reverse("admin:library_image_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Upload images"),
            "opts": self.opts,
            "formset": formset,
            "accept": ACCEPT,
            "media": self.media + formset.media,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "library/admin/upload.html", context)

    def report(self, request, stored: list[tuple[Image, bool]]) -> None:
        added = sum(created for _image, created in stored)
        known = len(stored) - added
        if added:
            messages.success(
                request,
                ngettext("%(count)d image added.", "%(count)d images added.", added) % {"count": added},
            )
        if known:
            messages.info(
                request,
                ngettext(
                    "%(count)d image was in the library already: the stored one is kept.",
                    "%(count)d images were in the library already: the stored ones are kept.",
                    known,
                )
                % {"count": known},
            )

    def picker_view(self, request):
        """The images the editor's picker lists (newest first, or those matching `q`), each with the
        Markdown to insert in `language`."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        language = request.GET.get("language", "")
        if language not in language_codes():
            language = settings.LANGUAGE_CODE
        images = Image.objects.search(request.GET.get("q", ""), language_codes())[:PICKER_SIZE]
        results = []
        for image in images:
            size = planned_size(image, "small") or (1, 1)
            width = min(size[0], 200)
            results.append(
                {
                    "id": image.pk,
                    "alt": getattr(image, f"alt_{language}") or str(image),
                    "markdown": image.markdown(language),
                    "thumbnail": image.rendition_url("small"),
                    "thumbnail_width": width,
                    "thumbnail_height": max(1, round(size[1] * width / size[0])),
                }
            )
        upload = reverse("admin:library_image_add") if self.has_add_permission(request) else ""
        return JsonResponse({"results": results, "upload_url": upload, "upload_label": _("Upload images")})
