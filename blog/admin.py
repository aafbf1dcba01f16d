"""The editors' admin: tabbed es/pt/en editing, completeness at a glance, filters and autocomplete."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from blog.fields import ImageOrSvgFormField
from blog.models import Author, Category, Post, PostRedirect, Series, Tag, TermRedirect, language_codes
from blog.publishing_admin import LanguageStateFilter, PublishingAdminMixin
from blog.slugs import PostSlugsForm
from editing.admin import MarkdownEditorMixin
from previews.admin import PreviewAdminMixin
from revisions.admin import RevisionsAdminMixin  # revisions, compare/restore, locking, autosave


def translated_search_fields(*fields: str) -> tuple[str, ...]:
    """Search every language's column of each translated field."""
    return tuple(f"{field}_{code}" for field in fields for code in language_codes())


def language_marks(present) -> str:
    """`es ✓ pt – en ✓`: which of the site's languages an object exists in, for a list column."""
    return format_html_join(
        " ",
        '<span class="lang-{}" title="{}">{} {}</span>',
        (
            (code, "ok" if code in present else "missing", code, "✓" if code in present else "–")
            for code in language_codes()
        ),
    )


class MissingLanguageFilter(admin.SimpleListFilter):
    title = _("missing language")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in language_codes():
            return queryset.missing_language(self.value())
        return queryset


class SectionFilter(admin.SimpleListFilter):
    title = _("section")
    parameter_name = "section"

    def lookups(self, request, model_admin):
        sections = Post.objects.order_by("section").values_list("section", flat=True).distinct()
        return [(section, section) for section in sections]

    def queryset(self, request, queryset):
        return queryset.filter(section=self.value()) if self.value() else queryset


@admin.register(Post)
class PostAdmin(
    RevisionsAdminMixin, PreviewAdminMixin, MarkdownEditorMixin, PublishingAdminMixin, TabbedTranslationAdmin
):
    # Each language's slug follows its title while typing, and is made on save when left empty (blog.slugs).
    form = PostSlugsForm
    prepopulated_fields = {"slug": ("title",)}
    list_display = ("title", "section", "date", "language_states", "featured", "carousel", "pinned")
    list_filter = (
        LanguageStateFilter,
        "featured",
        "carousel",
        "pinned",
        SectionFilter,
        MissingLanguageFilter,
    )
    search_fields = translated_search_fields("title", "summary", "body")
    date_hierarchy = "date"
    autocomplete_fields = ("authors", "categories", "tags", "series")
    readonly_fields = ("source_key", "cover_source")
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (
            _("Publishing"),
            {"fields": ("status", "publish_at", "section", "date", "updated", "source_language")},
        ),
        (_("Display"), {"fields": ("featured", "pinned", "carousel", "toc", "comment", "reward")}),
        (_("Image"), {"fields": ("cover", "cover_source")}),
        (_("Classification"), {"fields": ("authors", "categories", "tags", "series")}),
        (_("Source"), {"classes": ("collapse",), "fields": ("translation_key", "source_key", "extra")}),
    )


class TermAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "languages", "post_count")
    search_fields = translated_search_fields("slug", "name")

    @admin.display(description=_("languages"))
    def languages(self, term):
        """The languages the term exists in: those it has a slug in (blog.taxonomy)."""
        return language_marks(term.languages())

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(number_of_posts=Count("posts"))

    @admin.display(description=_("posts"), ordering="number_of_posts")
    def post_count(self, term) -> int:
        return term.number_of_posts


admin.site.register(Category, TermAdmin)
admin.site.register(Tag, TermAdmin)
admin.site.register(Series, TermAdmin)


@admin.register(Author)
class AuthorAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "github", "website")
    search_fields = ("name", "slug", "email", "github")
    formfield_overrides = {models.ImageField: {"form_class": ImageOrSvgFormField}}  # SVG avatars too


@admin.register(PostRedirect)
class PostRedirectAdmin(admin.ModelAdmin):
    list_display = ("path", "post", "language", "origin")
    list_filter = ("origin", "language")
    search_fields = ("path",)
    autocomplete_fields = ("post",)


@admin.register(TermRedirect)
class TermRedirectAdmin(admin.ModelAdmin):
    list_display = ("slug", "kind", "language", "term", "origin")
    list_filter = ("kind", "origin", "language")
    search_fields = ("slug",)
    autocomplete_fields = ("category", "tag", "series")
