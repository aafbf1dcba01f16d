"""The content generation, kept in the database so that every app process reads the same one.

One row. Any committed content change replaces its `token` (and counts `n` up); every cached value derived
from content is keyed by the token, so a change made through one gunicorn worker is seen by all of them on
their next request, even when each keeps its cache in its own memory (no Redis needed).
"""

from django.db import models


class ContentGeneration(models.Model):
    """The single row (pk 1) naming the current content generation."""

    # Random per bump, not the counter alone: a restored or recreated database starts counting again, and a
    # cache that outlived it (Redis) must not serve what an earlier timeline stored under the same number.
    token = models.CharField(max_length=32)
    n = models.BigIntegerField(default=0, help_text="How many times the content changed (for inspection).")
    valid_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The next scheduled post date or event start/end: a new generation then.",
    )

    class Meta:
        verbose_name = "content generation"

    def __str__(self) -> str:
        return f"generation {self.n} ({self.token})"
