"""Which box of the events page an event sits in, including events whose date was never entered.

An event without a date is "to be confirmed" only while it is news: when no live post about it is newer than
`UNDATED_RECENT_DAYS`, it is over in all likelihood (posts are written around an event), so it moves to the
past events, placed and described by its newest post's date ("Date not recorded; written about on …"),
instead of saying "Date not known" for ever. An undated event no post is about stays to be confirmed: an
editor made it and should date it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from blog.models import Post
from events.models import Event

UNDATED_RECENT_DAYS = 90


def settled_before(now: datetime | None = None) -> datetime:
    """Undated events whose newest post is older than this are listed with the past ones."""
    return (now or timezone.now()) - timedelta(days=UNDATED_RECENT_DAYS)


def with_reported_at(events: QuerySet[Event]) -> QuerySet[Event]:
    """`reported_at` on each event: the date of its newest live post (None without one)."""
    newest = Post.objects.live().filter(events=OuterRef("pk")).order_by("-date").values("date")[:1]
    return events.annotate(reported_at=Subquery(newest))


def past_events(now: datetime | None = None) -> QuerySet[Event]:
    """Dated events that are over, and undated ones nobody has written about lately; newest first (an
    undated event counts from its newest post's date)."""
    now = now or timezone.now()
    over = Event.objects.public().past(now).values("pk")
    settled = Q(starts_at__isnull=True, reported_at__lt=settled_before(now))
    return (
        with_reported_at(Event.objects.public())
        .filter(Q(pk__in=over) | settled)
        .annotate(moment=Coalesce("starts_at", "reported_at"))
        .order_by(F("moment").desc(nulls_last=True), "-id")
    )


def to_be_confirmed(now: datetime | None = None) -> QuerySet[Event]:
    """Undated events that are still news (a recent post, or no post yet)."""
    undated = with_reported_at(Event.objects.public().undated())
    return undated.filter(Q(reported_at__isnull=True) | Q(reported_at__gte=settled_before(now)))
