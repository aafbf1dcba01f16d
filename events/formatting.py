"""How an event's dates read: localized to the active language, always in the event's own time zone.

Pure functions of an Event, shared by the templates (events_tags) and the admin list.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext

from events.listing import settled_before
from events.models import Event


def event_when(event: Event) -> str:
    """ "29 de agosto de 2025", a range of days, or a time with its zone. Undated: "Date to be confirmed",
    or, for an event whose newest post (`reported_at`, see `events.listing`) is no longer recent, that
    post's date ("Date not recorded; written about on …")."""
    start, end = event.local_start, event.local_end
    if start is None:
        reported_at = getattr(event, "reported_at", None)
        if reported_at is not None and reported_at < settled_before():
            day = formats.date_format(timezone.localtime(reported_at), "DATE_FORMAT")
            return gettext("Date not recorded; written about on %(date)s") % {"date": day}
        return gettext("Date to be confirmed")
    if event.all_day:
        return date_range(start.date(), end.date() if end else None)
    text = formats.date_format(start, "DATETIME_FORMAT")
    if end and end.date() == start.date():
        text = f"{text} – {formats.time_format(end, 'TIME_FORMAT')}"
    elif end:
        text = f"{text} – {formats.date_format(end, 'DATETIME_FORMAT')}"
    return f"{text} ({event.timezone or start.tzname()})"


def date_range(first: date, last: date | None) -> str:
    if last is None or last == first:
        return formats.date_format(first, "DATE_FORMAT")
    return f"{formats.date_format(first, 'DATE_FORMAT')} – {formats.date_format(last, 'DATE_FORMAT')}"


def machine_readable(event: Event, moment: datetime | None) -> str:
    """One of the event's local moments for machines (`<time datetime>`, schema.org): the day of an
    all-day event, else the moment with its offset; "" when there is none."""
    if moment is None:
        return ""
    return moment.date().isoformat() if event.all_day else moment.isoformat()


def machine_readable_start(event: Event) -> str:
    """The `<time datetime>` value of the event's start."""
    return machine_readable(event, event.local_start)
