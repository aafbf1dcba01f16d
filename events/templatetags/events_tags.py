"""Template tags for events: the "upcoming events" sidebar widget and dates in an event's own time zone.

The blog never imports `events`; a page that wants the widget loads this library:
`{% load events_tags %}{% upcoming_events 3 %}`.
"""

from __future__ import annotations

from django import template
from django.templatetags.tz import do_timezone

from events import formatting, listing
from events.models import Event
from ops.caching import remember

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_events.html")
def upcoming_events(limit: int = 3) -> dict:
    """The next `limit` events that have not ended yet, soonest first."""
    # Kept until the content changes: an event's start and end are scheduled changes of the generation.
    events = remember(
        f"upcoming-events:{int(limit)}", lambda: list(Event.objects.public().upcoming()[: int(limit)])
    )
    return {"events": events}


@register.filter
def in_event_zone(value, event: Event):
    """`value` (an aware datetime) in the event's own time zone, for `|date` to format.

    Django's `timezone` filter marks the result so `|date` does not convert it back to the reader's zone.
    """
    if value is None:
        return None
    return do_timezone(value, event.zone)


@register.simple_tag(name="event_when")
def event_when_tag(event: Event) -> str:
    return formatting.event_when(event)


@register.filter
def post_title_in(post, language: str) -> str:
    """A post's own title in `language` (no fallback), for posts listed in a language they lack."""
    return post.translated("title", language)


@register.inclusion_tag("events/includes/post_events.html")
def events_for_post(post) -> dict:
    """The events a post is about, for the post page ("This post is about: KCD Colombia 2025")."""
    return {"events": list(listing.with_reported_at(post.events.order_by("-starts_at", "slug")))}


@register.simple_tag
def event_datetime_attr(event: Event) -> str:
    return formatting.machine_readable_start(event)
