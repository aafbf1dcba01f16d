"""The admin side of per-language publishing, shared by posts, events and pages.

A list column with each language's state (Draft / In review / Scheduled (date) / Published), a filter by
state and language, actions that publish, unpublish or submit one language of the selected rows, and a
form check that keeps publishing to those with the model's `publish_<model>` permission.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from blog.publishing import LanguageState, LanguageStatus, language_codes, state_q


def state_label(item, language: str, now=None) -> str:
    """`Scheduled (3 Dec 2026 10:00)`, `Published`, `Draft`…: one language's state in words."""
    state = item.language_state(language, now)
    label = LanguageState(state).label
    if state == LanguageState.SCHEDULED:
        when = timezone.localtime(item.goes_live_at(language))
        return f"{label} ({date_format(when, 'SHORT_DATETIME_FORMAT')})"
    return str(label)


def state_marks(item) -> str:
    """One badge per language: its code and state, the state also as a CSS class for colour."""
    now = timezone.now()
    return format_html_join(
        " ",
        '<span class="lang-state lang-state-{}" title="{}"><b>{}</b> {}</span>',
        (
            (item.language_state(code, now), name, code, state_label(item, code, now))
            for code, name in settings.LANGUAGES
        ),
    )


class LanguageStateFilter(admin.SimpleListFilter):
    """`?language_state=pt:draft`: rows whose Portuguese is a draft (missing, review, scheduled…)."""

    title = _("state per language")
    parameter_name = "language_state"

    def lookups(self, request, model_admin):
        return [
            (f"{code}:{state}", f"{code} · {label}")
            for code, _name in settings.LANGUAGES
            for state, label in LanguageState.choices
        ]

    def queryset(self, request, queryset):
        code, _sep, state = (self.value() or "").partition(":")
        if code not in language_codes() or state not in LanguageState.values:
            return queryset
        return queryset.filter(state_q(queryset.model, code, state))


class PublishingFormMixin:
    """Refuses a language's publication (or its date's change) by someone without the permission."""

    publisher: bool = True

    def clean(self):
        cleaned = super().clean()
        if self.publisher:
            return cleaned
        for code in language_codes():
            status_field, date_field = f"status_{code}", f"publish_at_{code}"
            was_published = self.initial.get(status_field) == LanguageStatus.PUBLISHED
            becomes = cleaned.get(status_field)
            if becomes == LanguageStatus.PUBLISHED and not was_published:
                self.add_error(status_field, gettext("Only publishers can publish a language."))
            elif was_published and becomes != LanguageStatus.PUBLISHED:
                self.add_error(status_field, gettext("Only publishers can unpublish a language."))
            elif was_published and cleaned.get(date_field) != self.initial.get(date_field):
                self.add_error(date_field, gettext("Only publishers can reschedule a published language."))
        return cleaned


def _language_action(code: str, status: str, label: str, permission: str | None):
    def action(modeladmin, request, queryset):
        changed = 0
        for item in queryset:
            if item.status_in(code) != status:
                item.set_language_status(code, status)
                item.save()
                changed += 1
        modeladmin.message_user(
            request,
            gettext("%(count)d changed: %(action)s.") % {"count": changed, "action": label},
            messages.SUCCESS,
        )

    action.__name__ = f"{status}_{code}"
    action.short_description = label
    if permission:
        action.allowed_permissions = (permission,)
    return action


class PublishingAdminMixin:
    """For a ModelAdmin of a `PublishedPerLanguage` model."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        publisher = self.model.may_publish(request.user)
        return type(form.__name__, (PublishingFormMixin, form), {"publisher": publisher})

    def has_publish_permission(self, request) -> bool:
        return self.model.may_publish(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        for code, name in settings.LANGUAGES:
            for status, template, permission in (
                (LanguageStatus.PUBLISHED, _("Publish the %(language)s version"), "publish"),
                (LanguageStatus.DRAFT, _("Unpublish the %(language)s version (back to draft)"), "publish"),
                (LanguageStatus.REVIEW, _("Submit the %(language)s version for review"), "change"),
            ):
                allowed = self.has_publish_permission(request) if permission == "publish" else True
                if not allowed:
                    continue
                label = template % {"language": gettext(name)}
                action = _language_action(code, status, label, None)
                actions[action.__name__] = (action, action.__name__, label)
        return actions

    @admin.display(description=_("state per language"))
    def language_states(self, item):
        return state_marks(item)
