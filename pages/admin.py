"""The editors' admin for the site's frame and pages: the site's name (one row), menus grouped by language
and ordered by weight, and pages edited in es/pt/en tabs like posts."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from blog.admin import translated_search_fields
from blog.publishing_admin import LanguageStateFilter, PublishingAdminMixin
from editing.admin import MarkdownEditorMixin
from pages.models import MenuItem, Page, SiteIdentity
from previews.admin import PreviewAdminMixin
from revisions.admin import RevisionsAdminMixin  # revisions, compare/restore, locking, autosave


@admin.register(SiteIdentity)
class SiteIdentityAdmin(TabbedTranslationAdmin):
    """One row: the list goes straight to it, and it can be neither added twice nor deleted."""

    fieldsets = (
        (None, {"fields": ("name", "tagline")}),
        (_("Support us (on posts marked “reward”)"), {"fields": ("support_text", "support_url")}),
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        SiteIdentity.objects.get_or_create(
            pk=SiteIdentity.ROW, defaults={f"name_{settings.LANGUAGE_CODE}": settings.SITE_NAME}
        )
        return HttpResponseRedirect(
            reverse(
                "admin:pages_siteidentity_change", args=[SiteIdentity.ROW], current_app=self.admin_site.name
            )
        )


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ("name", "language", "url", "link", "weight", "identifier")
    list_display_links = ("name",)
    list_editable = ("weight",)
    list_filter = ("language",)
    search_fields = ("name", "url", "identifier")
    ordering = ("language", "weight", "name")
    fields = ("language", "name", "url", "weight", "identifier")

    @admin.display(description=_("links to"))
    def link(self, item: MenuItem) -> str:
        return item.href()


@admin.register(Page)
class PageAdmin(
    RevisionsAdminMixin, PreviewAdminMixin, MarkdownEditorMixin, PublishingAdminMixin, TabbedTranslationAdmin
):
    list_display = ("__str__", "slug", "language_states", "modified_at")
    list_filter = (LanguageStateFilter,)
    search_fields = ("slug", *translated_search_fields("title", "path", "body"))
    readonly_fields = ("source_key",)
    fieldsets = (
        (None, {"fields": ("title", "description", "body")}),
        (_("Address"), {"fields": ("slug", "path")}),
        (_("Publishing"), {"fields": ("status", "publish_at")}),
        (_("Source"), {"classes": ("collapse",), "fields": ("source_key",)}),
    )
