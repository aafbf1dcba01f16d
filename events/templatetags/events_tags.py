"""Template tags for events: the "upcoming events" sidebar widget and dates in an event's own time zone.

The blog never imports `events`; a page that wants the widget loads this library:
`{% load events_tags %}{% upcoming_events 3 %}`.
"""

from __future__ import annotations

from django import template
from django.templatetags.tz import do_timezone

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
