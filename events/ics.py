"""RFC 5545 calendars for events, built with the `icalendar` library: pure functions of events and a host.

The UID of an event is `event-<slug>@<host>`, so a calendar client that subscribed to `/events/calendar.ics`
updates the events it already has instead of duplicating them. Timed events carry their own time zone (TZID
plus a VTIMEZONE block); all-day events are DATE values, with the exclusive DTEND that RFC 5545 asks for.

`icalendar` is imported by the functions that build a calendar, not with the module: loading the URLconf
imports `events.views` and so this module, and the library takes ~35 ms to import, a cost every start
would pay for the calendar files few requests ask for (the start-up budget, docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from events.models import Event

if TYPE_CHECKING:
    import icalendar

CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(*, event: Event, host: str) -> str:
    return f"event-{event.slug}@{host}"


def event_component(*, event: Event, host: str, page_url: str, stamp: datetime) -> icalendar.Event:
    """One VEVENT; `event` must have a start (an undated event has nothing to put in a calendar)."""
    import icalendar  # local: see the module's docstring

    component = icalendar.Event()
    component.add("uid", event_uid(event=event, host=host))
    component.add("dtstamp", stamp)
    component.add("summary", event.name)
    start, end = event.local_start, event.local_end
    if event.all_day:
        last_day = (end or start).date()
        component.add("dtstart", start.date())
        component.add("dtend", last_day + timedelta(days=1))
    else:
        component.add("dtstart", start)
        if end:
            component.add("dtend", end)
    if event.place:
        component.add("location", event.place)
    description = "\n\n".join(part for part in (event.summary, page_url) if part)
    component.add("description", description)
    component.add("url", page_url)
    return component


def calendar_for(
    *, events: Iterable[Event], host: str, url_for, name: str, language: str, stamp: datetime | None = None
) -> bytes:
    """A VCALENDAR with one VEVENT per dated event; `url_for(event)` gives each event's absolute page URL."""
    import icalendar  # local: see the module's docstring

    stamp = stamp or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Events//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    dated = [event for event in events if event.starts_at is not None]
    for event in dated:
        calendar.add_component(event_component(event=event, host=host, page_url=url_for(event), stamp=stamp))
    if dated:
        # VTIMEZONE rules only for the years the events span (icalendar defaults to 1970-2038: ~9 KB a zone).
        first = min(event.local_start for event in dated).date()
        last = max(event.local_end or event.local_start for event in dated).date()
        calendar.add_missing_timezones(
            first_date=first.replace(month=1, day=1),
            last_date=last.replace(year=last.year + 1, month=1, day=1),
        )
    return calendar.to_ical()
