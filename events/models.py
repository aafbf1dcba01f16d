"""Events the community runs or attends, linked to the posts written about them.

`name`, `summary` and `description` are translated (modeltranslation, see `translation.py`). Times are
stored in UTC and shown in the event's own `timezone`.
"""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.models import Post
from blog.validators import validate_image_file


def validate_timezone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None) -> EventQuerySet:
        """Events that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.filter(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        ).order_by("starts_at", "id")

    def past(self, now=None) -> EventQuerySet:
        """Events that are over, newest first."""
        now = now or timezone.now()
        return self.filter(
            models.Q(ends_at__lt=now) | models.Q(ends_at__isnull=True, starts_at__lt=now)
        ).order_by("-starts_at", "-id")


class Event(models.Model):
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description (Markdown)"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
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

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "slug"]
        get_latest_by = "starts_at"
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone) if self.timezone else timezone.get_current_timezone()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_current_timezone()
