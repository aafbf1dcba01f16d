"""post_save on posts, events and pages: a published source that changed is recorded
(`translating.outdated.track_published_source`). The importer saves posts with `save()`, so imports are
recorded the same way; saves that touch none of the source's fields (a cover rendition) cost nothing."""

from __future__ import annotations

from django.db.models.signals import post_save

from translating.outdated import track_published_source
from translating.sources import kinds, language_codes


def watched_fields(kind) -> set[str]:
    base = (*kind.source_fields, "status", "publish_at")
    return {f"{field}_{code}" for field in base for code in language_codes()} | {"source_language"}


def item_saved(sender, instance, created=False, update_fields=None, **kwargs):
    kind = next(kind for kind in kinds().values() if kind.model is sender)
    if update_fields is not None and not watched_fields(kind) & set(update_fields):
        return
    track_published_source(instance, created=created)


def connect() -> None:
    for kind in kinds().values():
        post_save.connect(item_saved, sender=kind.model, dispatch_uid=f"translating-{kind.key}")
