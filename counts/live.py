"""Live counts: how many posts a reader sees now in each listing and language, in one or two small queries.

A live count is the ready count (`ReadyCount`) minus the ready posts whose language is not due yet: those
are the few tallies with `latest_due` ahead, found through its index (one query; a second one only when
some post is scheduled). Nothing here grows with the number of
posts, only with the number of listings and of scheduled posts. The result holds until the next write or
scheduled moment, which is what the content generation marks (readers keep it per generation).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from django.db.models import Exists
from django.utils import timezone

from counts.models import PostTally, ReadyCount
from counts.tally import ANY, contributions


def live_counts() -> dict[str, dict[str, int]]:
    """{language (or `*`, any language): {bucket: posts a reader sees there now}}."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    now = timezone.now()
    # Whether any post is scheduled, asked in the same query (an uncorrelated EXISTS, evaluated once).
    scheduled = Exists(PostTally.objects.filter(latest_due__gt=now))
    rows = ReadyCount.objects.annotate(scheduled=scheduled).values_list(
        "bucket", "language", "posts", "scheduled"
    )
    any_scheduled = False
    for bucket, code, posts, is_scheduled in rows:
        counts[code][bucket] = posts
        any_scheduled = any_scheduled or is_scheduled
    if not any_scheduled:
        return dict(counts)
    stamp = now.timestamp()
    for buckets, due in PostTally.objects.filter(latest_due__gt=now).values_list("buckets", "due"):
        already = {code: moment for code, moment in due.items() if moment <= stamp}
        not_due = contributions(buckets, due) - contributions(buckets, already)
        for (bucket, code), n in not_due.items():
            counts[code][bucket] = counts[code].get(bucket, 0) - n
    return dict(counts)


def listing_language(language: str, other_languages: bool) -> str:
    """The counts a language's home page and sections read: `*` when they list posts in any language."""
    return ANY if other_languages else language


def upcoming_moments() -> list[datetime]:
    """When scheduled languages go live: every ready language's due moment still ahead, from the few tallies
    with `latest_due` ahead (an index range, whatever the number of posts). The content generation expires
    at the soonest (`ops.receivers` registers this); a full scan of the posts there cost every edit and
    import batch 0.1–0.3 s at 100,000 posts."""
    now = timezone.now()
    stamp = now.timestamp()
    dues = PostTally.objects.filter(latest_due__gt=now).values_list("due", flat=True)
    return [datetime.fromtimestamp(at, tz=UTC) for due in dues for at in due.values() if at > stamp]
