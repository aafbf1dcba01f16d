"""The lock that keeps a cover's renditions from being made twice at once.

Renditions are made on the first request that asks for one (`covers.lazy`). Requests for the same cover
may arrive together, in several gunicorn workers or on several app servers, with or without Redis; the
database is the one thing they all share, so the lock is a row in it: inserting the post's row takes the
lock (the primary key refuses a second one), deleting it releases it. A row older than
`covers.lazy.STALE_AFTER` was left by a killed process and may be taken over.
"""

from django.db import models


class RenditionLock(models.Model):
    """Held while one process makes renditions of one post's cover."""

    post = models.OneToOneField("blog.Post", on_delete=models.CASCADE, primary_key=True, related_name="+")
    taken_at = models.DateTimeField()
    token = models.CharField(max_length=32, help_text="Who holds it: only its holder releases it.")

    class Meta:
        verbose_name = "rendition lock"

    def __str__(self) -> str:
        return f"rendition lock on post {self.post_id}"
