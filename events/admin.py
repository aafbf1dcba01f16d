"""Events in the tabbed translation admin: upcoming/past filter, search, related posts by autocomplete.

Editors type an event's times as the event's own wall clock (09:00 in Pasadena is 09:00 Pasadena time), so
the change form is shown and read in the event's time zone rather than the site's.
"""

import zoneinfo

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from blog.admin import translated_search_fields
from blog.publishing_admin import LanguageStateFilter, PublishingAdminMixin
from editing.admin import MarkdownEditorMixin
from editing.timezones import TimeZoneSelectMixin
from events.formatting import event_when
from events.models import Event
from previews.admin import PreviewAdminMixin
from revisions.admin import RevisionsAdminMixin  # revisions, compare/restore, locking, autosave


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past")), ("undated", _("Without a date"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.upcoming(now)
        if self.value() == "past":
            return queryset.past(now)
        if self.value() == "undated":
            return queryset.undated()
        return queryset


@admin.register(Event)
class EventAdmin(
    RevisionsAdminMixin,
    PreviewAdminMixin,
    MarkdownEditorMixin,
    TimeZoneSelectMixin,
    PublishingAdminMixin,
    TabbedTranslationAdmin,
):
    markdown_fields = ("description",)  # the Markdown editor in every language tab (editing)
    list_display = ("name", "when", "language_states", "city", "country")
    list_filter = (WhenFilter, LanguageStateFilter, "all_day", "country")
    search_fields = ("slug", "city", "country", "venue", *translated_search_fields("name", "summary"))
    date_hierarchy = "starts_at"
    autocomplete_fields = ("posts",)
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        # An editor who saves an imported stub has completed it: it is public from now on.
        obj.is_stub = False
        super().save_model(request, obj, form, change)

    @admin.display(description=_("when (in the event's time zone)"), ordering="starts_at")
    def when(self, event: Event) -> str:
        return event_when(event)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with timezone.override(form_time_zone(request, object_id)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders later, outside this block: render it here so the form's times are
            # shown in the same zone they are read in (or a save would shift them by the zones' difference).
            if hasattr(response, "render"):
                response.render()
            return response


def form_time_zone(request, object_id) -> zoneinfo.ZoneInfo:
    """The zone the form's times are in: the one being submitted, else the stored event's, else the site's."""
    name = request.POST.get("timezone", "")
    if not name and object_id:
        name = Event.objects.filter(pk=object_id).values_list("timezone", flat=True).first() or ""
    try:
        return zoneinfo.ZoneInfo(name) if name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()
