"""The admin side of previews: "View on site" that works for drafts, a "Preview" box on the change form,
and, for posts, share links (a page per post, list actions to share and to revoke).

`PreviewAdminMixin` goes first among a `PublishedPerLanguage` ModelAdmin's bases. Share links are made on
request (signing is stateless: nothing is stored until links are revoked) and shown with when they expire.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from blog.publishing import LanguageState, language_codes
from blog.publishing_admin import state_label
from previews import sharing
from previews.models import ShareKey


def address(item, language: str) -> str:
    """Where `item` (a post, page or event) is, or will be, read in `language`, published or not."""
    label = item._meta.label_lower
    with translation.override(language):
        if label == "pages.page":  # its path as stored (`get_absolute_url` knows only published ones)
            return iri_to_uri(item.translated("path", language))
        if label == "events.event":  # under the active language's prefix
            return item.get_absolute_url()
        return item.get_absolute_url(language)


def written_languages(item) -> list[str]:
    return [code for code in language_codes() if item.has_content_in(code)]


def view_language(item) -> str | None:
    """The admin's language when the item is written in it, else its source language, else the first."""
    written = written_languages(item)
    active = translation.get_language()
    if active in written:
        return active
    source = item.source_language_code() if hasattr(item, "source_language_code") else None
    return source if source in written else (written[0] if written else None)


def absolute(request, local_path: str) -> str:
    if settings.SITE_URL:
        return f"{settings.SITE_URL.rstrip('/')}{local_path}"
    return request.build_absolute_uri(local_path)


def share_links(request, item) -> list[dict]:
    """A share link for each language readers do not see yet (a public one needs none)."""
    return [
        {
            "language": code,
            "name": gettext(dict(settings.LANGUAGES)[code]),
            "state": state_label(item, code),
            "url": absolute(request, sharing.share_path(item, code)),
        }
        for code in written_languages(item)
        if item.language_state(code) != LanguageState.PUBLISHED
    ]


class PreviewAdminMixin:
    preview_fieldset_title = _("Preview")

    def is_shareable(self) -> bool:
        return self.model._meta.label_lower in sharing.SHAREABLE

    def view_on_site(self, obj) -> str | None:
        """A draft's "View on site" leads to its preview (staff see it at its real address)."""
        language = view_language(obj)
        return address(obj, language) if language else None

    # --- the "Preview" box on the change form -----------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "preview_box")

    def get_fieldsets(self, request, obj=None):
        # Without `fieldsets`, modeltranslation lists the read-only fields among the others: moved out.
        fieldsets = [
            (name, {**options, "fields": [field for field in options["fields"] if field != "preview_box"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None:
            return fieldsets  # nothing to preview before the first save
        return [(self.preview_fieldset_title, {"fields": ("preview_box",)}), *fieldsets]

    @admin.display(description=_("Each language"))
    def preview_box(self, obj) -> str:
        rows = format_html_join(
            "",
            '<p><b>{}</b> · {} · <a href="{}" target="_blank" rel="noopener">{}</a></p>',
            (
                (code, state_label(obj, code), address(obj, code), gettext("View"))
                for code in written_languages(obj)
            ),
        )
        if not rows:
            return gettext("Nothing to show yet: write a title and a body in some language and save.")
        share = ""
        if self.is_shareable():
            opts = self.model._meta
            share = format_html(
                '<p><a class="button" href="{}">{}</a></p>',
                reverse(f"admin:{opts.app_label}_{opts.model_name}_share", args=[obj.pk]),
                gettext("Share preview links…"),
            )
        return format_html('<div class="preview-languages">{}</div>{}', rows, share)

    # --- share links ---------------------------------------------------------------------------------
    def get_urls(self):
        if not self.is_shareable():
            return super().get_urls()
        opts = self.model._meta
        share = path(
            "<path:object_id>/share-preview/",
            self.admin_site.admin_view(self.share_view),
            name=f"{opts.app_label}_{opts.model_name}_share",
        )
        return [share, *super().get_urls()]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.is_shareable() and self.has_change_permission(request):
            for action in (share_preview_links, revoke_share_links):
                actions[action.__name__] = (action, action.__name__, action.short_description)
        return actions

    def share_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            ShareKey.rotate(obj)
            self.message_user(request, revoked_message(1), messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        return share_page(self, request, [obj])


def share_page(model_admin, request, items) -> TemplateResponse:
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": gettext("Share preview links"),
        "entries": [
            {
                "item": item,
                "links": share_links(request, item),
                "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
                "share_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_share", args=[item.pk]),
            }
            for item in items
        ],
        "expires_at": sharing.expires_at(),
    }
    return TemplateResponse(request, "previews/admin/share.html", context)


def revoked_message(count: int) -> str:
    message = ngettext(
        "Share links withdrawn for %(count)d item: the links sent until now no longer work.",
        "Share links withdrawn for %(count)d items: the links sent until now no longer work.",
        count,
    )
    return message % {"count": count}


@admin.action(description=_("Share preview links"))
def share_preview_links(model_admin, request, queryset):
    return share_page(model_admin, request, list(queryset))


@admin.action(description=_("Withdraw preview share links"))
def revoke_share_links(model_admin, request, queryset):
    items = list(queryset)
    for item in items:
        ShareKey.rotate(item)
    model_admin.message_user(request, revoked_message(len(items)), messages.SUCCESS)
