"""post_save on posts, events and pages: a published source that changed is recorded
(`translating.outdated.track_published_source`); saves that touch none of the source's fields (a cover
rendition) cost nothing. The importer saves its posts in batches (`blog.signals.saved_in_batch`): those are
recorded once per batch from `posts_saved` (`track_published_sources`), in a few queries for the batch."""

from __future__ import annotations

from django.db.models.signals import post_save

from blog.signals import in_batch, posts_saved
from translating.outdated import track_published_source, track_published_sources
from translating.sources import kinds, language_codes


def watched_fields(kind) -> set[str]:
    base = (*kind.source_fields, "status", "publish_at")
    return {f"{field}_{code}" for field in base for code in language_codes()} | {"source_language"}


def item_saved(sender, instance, created=False, update_fields=None, **kwargs):
    kind = next(kind for kind in kinds().values() if kind.model is sender)
    if kind.key == "post" and in_batch():
        return  # recorded with its batch (batch_saved)
    if update_fields is not None and not watched_fields(kind) & set(update_fields):
        return
    track_published_source(instance, created=created)


def batch_saved(sender, created=(), updated=(), **kwargs):
    track_published_sources(created=list(created), updated=list(updated))


def connect() -> None:
    for kind in kinds().values():
        post_save.connect(item_saved, sender=kind.model, dispatch_uid=f"translating-{kind.key}")
    posts_saved.connect(batch_saved, dispatch_uid="translating-posts-saved")
