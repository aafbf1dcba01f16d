"""The events sitemap section: the events listing and every event page, in every language.

Events exist in every language (their pages are translated, their fields fall back), so each event page and
the events listing appear in every language. Event has no modification time; an event page changes when a
post about it is published, so its `lastmod` is the date of its newest live post (none when it has none).
The section is one file: its size grows with the number of events, not of posts. `config/sitemaps.py`
composes it with the blog's sections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Q

from blog.models import Post, language_codes
from discovery.sitemaps import LanguageSitemap, latest, paths_in
from events.models import Event


def live_posts() -> Q:
    return Q(posts__in=Post.objects.live())


@dataclass
class EventPage:
    sitemap_paths: dict[str, str]
    lastmod: datetime | None


class EventSitemap(LanguageSitemap):
    changefreq = "weekly"
    priority = 0.6

    @classmethod
    def index_pages(cls):
        # The events listing is always there; the file changes with the newest live post about an event.
        return [(1, Event.objects.aggregate(last=Max("posts__date", filter=live_posts()))["last"])]

    def items(self):
        languages = language_codes()
        events = list(
            Event.objects.public_in_any_language()
            .only("slug", *(f"{field}_{code}" for field in ("status", "publish_at") for code in languages))
            .annotate(last_post=Max("posts__date", filter=live_posts()))
            .order_by("slug")
        )
        listing = EventPage(
            paths_in(languages, "events:event-list", {}), latest(*(event.last_post for event in events))
        )
        details = [
            EventPage(
                paths_in(self._published_in(event), "events:event-detail", {"slug": event.slug}),
                event.last_post,
            )
            for event in events
        ]
        return [listing, *details]

    @staticmethod
    def _published_in(event: Event) -> list[str]:
        # An event is shown in each language it is published in (its text falls back to the default).
        return [
            code for code in language_codes() if event.status_in(code) == "published" and event.is_due(code)
        ]

    def lastmod(self, item: EventPage) -> datetime | None:
        return item.lastmod
