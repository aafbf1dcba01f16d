"""Events in the tabbed translation admin: upcoming/past filter, search, related posts by autocomplete."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from blog.admin import translated_search_fields
from events.models import Event


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.upcoming(now)
        if self.value() == "past":
            return queryset.past(now)
        return queryset


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ("name", "starts_at", "city", "country")
    list_filter = (WhenFilter, "country")
    search_fields = ("slug", "city", "country", "venue", *translated_search_fields("name", "summary"))
    date_hierarchy = "starts_at"
    autocomplete_fields = ("posts",)
    prepopulated_fields = {"slug": ("name",)}
