"""Template tags for events: the "upcoming events" sidebar widget and dates in an event's own time zone.

The blog never imports `events`; a page that wants the widget loads this library:
`{% load events_tags %}{% upcoming_events 3 %}`.
"""

from __future__ import annotations

from datetime import date

from django import template
from django.templatetags.tz import do_timezone
from django.utils import formats
from django.utils.translation import gettext

from events.models import Event

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_events.html")
def upcoming_events(limit: int = 3) -> dict:
    """The next `limit` events that have not ended yet, soonest first."""
    return {"events": list(Event.objects.upcoming()[: int(limit)])}


@register.filter
def in_event_zone(value, event: Event):
    """`value` (an aware datetime) in the event's own time zone, for `|date` to format.

    Django's `timezone` filter marks the result so `|date` does not convert it back to the reader's zone.
    """
    if value is None:
        return None
    return do_timezone(value, event.zone)


@register.simple_tag
def event_when(event: Event) -> str:
    """When the event happens, localized, in its own time zone: "29 de agosto de 2025", a range, or a time."""
    start, end = event.local_start, event.local_end
    if start is None:
        return gettext("Date not known")
    if event.all_day:
        return _date_range(start.date(), end.date() if end else None)
    text = formats.date_format(start, "DATETIME_FORMAT")
    if end and end.date() == start.date():
        text = f"{text} – {formats.time_format(end, 'TIME_FORMAT')}"
    elif end:
        text = f"{text} – {formats.date_format(end, 'DATETIME_FORMAT')}"
    return f"{text} ({event.timezone or start.tzname()})"


def _date_range(first: date, last: date | None) -> str:
    if last is None or last == first:
        return formats.date_format(first, "DATE_FORMAT")
    return f"{formats.date_format(first, 'DATE_FORMAT')} – {formats.date_format(last, 'DATE_FORMAT')}"


@register.filter
def post_title_in(post, language: str) -> str:
    """A post's own title in `language` (no fallback), for posts listed in a language they lack."""
    return post.translated("title", language)


@register.inclusion_tag("events/includes/post_events.html")
def events_for_post(post) -> dict:
    """The events a post is about, for the post page ("This post is about: KCD Colombia 2025")."""
    return {"events": list(post.events.order_by("-starts_at", "slug"))}


@register.simple_tag
def event_datetime_attr(event: Event) -> str:
    """The `<time datetime>` value: the day of an all-day event, else the moment with its offset."""
    start = event.local_start
    if start is None:
        return ""
    return start.date().isoformat() if event.all_day else start.isoformat()
