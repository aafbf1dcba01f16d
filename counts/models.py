"""How many posts each listing has, per language, kept up to date by every write instead of counted per view.

Counting a listing's posts (`COUNT(*)` for its pagination, the sidebar's posts per category, tag and series)
reads every live post: 0.3 s at 10,000 posts and 2–5 s at 100,000, paid by the first request after every
edit. So the counts are kept in two small tables, changed in the transaction of the write that changes them:

- `PostTally`: what one post adds to the counts — the listings ("buckets") it is in (`all`,
  `section:<slug>`, `series:<id>`, `tag:<id>`, `category:<id>`, `author:<id>`) and, for each language it is
  *ready* in (content there and that language published), when that language is due.
- `ReadyCount`: per bucket and language, how many posts are ready there (`*`: ready in any language; kept for
  `all` and the sections, which may list posts in any language).

Readiness does not change with time; being due does (a language scheduled for later goes live at its
`publish_at` with no write at all). So a live count is the ready count minus the few ready posts not due yet,
which `PostTally.latest_due` finds through its index (`counts.live`). `counts.tally` keeps both tables in
step (`sync`, `rebuild`); `counts.receivers` calls it on every save, delete, relation change and import batch.
"""

from django.db import models


class PostTally(models.Model):
    """One post's share of the counts, as last counted (kept after the post is deleted, until subtracted)."""

    post_id = models.BigIntegerField(primary_key=True)  # not a foreign key: it must outlive the post's row
    buckets = models.JSONField(default=list)
    # {language: when it is due, as a POSIX timestamp} for each language the post is ready in.
    due = models.JSONField(default=dict)
    # The latest of those moments: rows with one still ahead are the few a live count corrects for.
    latest_due = models.DateTimeField(null=True, db_index=True)

    def __str__(self) -> str:
        return f"post {self.post_id}: {', '.join(self.buckets)} in {', '.join(self.due) or 'no language'}"


class ReadyCount(models.Model):
    """How many posts are ready in `language` (`*`: in any) among those of `bucket`."""

    ANY_LANGUAGE = "*"

    bucket = models.CharField(max_length=120)
    language = models.CharField(max_length=8)
    posts = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bucket", "language"], name="counts_bucket_language")]

    def __str__(self) -> str:
        return f"{self.bucket} [{self.language}]: {self.posts}"
