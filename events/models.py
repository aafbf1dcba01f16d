"""Events the community runs or attends, linked to the posts written about them.

`name`, `summary` and `description` are translated (modeltranslation, see `translation.py`). Times are
stored in UTC and shown in the event's own `timezone`. An `all_day` event stores local midnight (in its own
zone) of its first day in `starts_at` and of its last day in `ends_at` (empty for a one-day event); an event
whose date is not known yet has no `starts_at` and is neither upcoming nor past.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from blog.models import Post
from blog.publishing import PublishedPerLanguage, any_language, published_q
from blog.validators import validate_image_file


@cache
def known_timezones() -> frozenset[str]:
    """The IANA zone names, read once: listing them walks the time-zone data files (~8 ms)."""
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value and value not in known_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class EventQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> Event:
        # Fixtures name events by slug, so loading them twice updates instead of colliding on primary keys.
        return self.get(slug=slug)

    def _with_last_moment(self) -> EventQuerySet:
        # The moment an event's last day or time starts; one-day and open-ended events end where they start.
        return self.filter(starts_at__isnull=False).alias(last_moment=Coalesce("ends_at", "starts_at"))

    @staticmethod
    def _not_over(now) -> models.Q:
        # An all-day event lasts until the end of its last day (local midnight + 1 day; DST days are off by
        # an hour at most, which is below what a reader can notice on a listing).
        return models.Q(all_day=False, last_moment__gte=now) | models.Q(
            all_day=True, last_moment__gt=now - timedelta(days=1)
        )

    def scheduled_changes(self) -> list:
        """The next event start and end: the events pages change then without an edit."""
        now = timezone.now()
        moments = self.aggregate(
            start=models.Min("starts_at", filter=models.Q(starts_at__gt=now)),
            end=models.Min("ends_at", filter=models.Q(ends_at__gt=now)),
        )
        return list(moments.values())

    def upcoming(self, now=None) -> EventQuerySet:
        """Dated events that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self._with_last_moment().filter(self._not_over(now)).order_by("starts_at", "id")

    def past(self, now=None) -> EventQuerySet:
        """Dated events that are over, newest first."""
        now = now or timezone.now()
        return self._with_last_moment().exclude(self._not_over(now)).order_by("-starts_at", "-id")

    def public(self, language: str | None = None) -> EventQuerySet:
        """Events a reader sees in `language` (the active one by default): published there and due, and
        either made or completed by an editor or, for a stub the importer made (`is_stub`), once a live post
        is about it, so a draft's `event:` never shows its name. An event published in a language it has no
        name in yet shows its default-language text (modeltranslation's fallback)."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        has_live_post = models.Exists(Post.objects.live().filter(events=models.OuterRef("pk")))
        return self.filter(published_q(language)).filter(models.Q(is_stub=False) | has_live_post)

    def public_in_any_language(self) -> EventQuerySet:
        """Events a reader sees in at least one language."""
        has_live_post = models.Exists(Post.objects.live().filter(events=models.OuterRef("pk")))
        return self.filter(any_language(published_q)).filter(models.Q(is_stub=False) | has_live_post)

    def undated(self) -> EventQuerySet:
        """Events whose date is not known (yet): neither upcoming nor past."""
        return self.filter(starts_at__isnull=True).order_by("slug")


class Event(PublishedPerLanguage):
    CONTENT_FIELDS = ("name",)

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description (Markdown)"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the dates are known or matter: the times are ignored."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text=_("IANA name, for example America/Bogota."),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=200, blank=True)
    url = models.URLField(_("website"), blank=True)
    cfp_url = models.URLField(_("call for proposals"), blank=True)
    cover = models.ImageField(
        _("cover image"), upload_to="events/", blank=True, validators=[validate_image_file]
    )
    posts = models.ManyToManyField(Post, blank=True, related_name="events", verbose_name=_("posts"))
    # Made by the importer from a post's `event:` front matter, not yet completed by an editor (saving it in
    # the admin completes it): public only once a live post is about it.
    is_stub = models.BooleanField(_("stub from an import"), default=False, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "slug"]
        get_latest_by = "starts_at"
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish, schedule and unpublish a language of an event"))]

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        if self.all_day:
            self.starts_at = self._local_midnight(self.starts_at)
            self.ends_at = self._local_midnight(self.ends_at)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The event's own time zone; the site's default one when not set (never the reader's)."""
        try:
            return zoneinfo.ZoneInfo(self.timezone) if self.timezone else timezone.get_default_timezone()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()

    @property
    def local_start(self) -> datetime | None:
        return timezone.localtime(self.starts_at, self.zone) if self.starts_at else None

    @property
    def local_end(self) -> datetime | None:
        return timezone.localtime(self.ends_at, self.zone) if self.ends_at else None

    @property
    def place(self) -> str:
        """Venue, city and country as one line (the parts that are known)."""
        return ", ".join(part for part in (self.venue, self.city, self.country) if part)

    def _local_midnight(self, moment: datetime | None) -> datetime | None:
        if moment is None:
            return None
        local_day = timezone.localtime(moment, self.zone).date()
        return datetime.combine(local_day, time.min, tzinfo=self.zone)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
