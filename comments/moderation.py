"""Approving and rejecting comments, and keeping cached pages in step with what readers may see.

A comment changes a post's page only when it becomes visible or stops being so. Then, after the commit,
the content generation is bumped (`ops.receivers.invalidate_pages`, one bump per transaction) and every
cached page is rebuilt on its next request, the post's included. A comment that arrives (held for
moderation) changes no page, so readers posting comments never empty the page cache.
"""

from __future__ import annotations

from django.db.models import QuerySet

from comments.models import Comment
from ops.receivers import invalidate_pages


def approve(comments: QuerySet[Comment]) -> int:
    """Make the comments public; the number that changed."""
    changed = comments.exclude(is_public=True, is_removed=False).update(is_public=True, is_removed=False)
    if changed:
        invalidate_pages(sender=Comment)
    return changed


def reject(comments: QuerySet[Comment]) -> int:
    """Hide the comments for good (kept, so a repeat is recognisable); the number that changed."""
    was_visible = comments.filter(is_public=True, is_removed=False).exists()
    changed = comments.exclude(is_public=False, is_removed=True).update(is_public=False, is_removed=True)
    if was_visible:
        invalidate_pages(sender=Comment)
    return changed


def waiting_count() -> int:
    return Comment.objects.awaiting().count()


def on_save(sender, instance: Comment, raw: bool = False, **kwargs) -> None:
    """`post_save`: an edit in the admin that shows or hides a comment, or changes a shown one."""
    if not raw and (instance.is_visible() or instance.was_visible()):
        invalidate_pages(sender=sender)


def on_delete(sender, instance: Comment, **kwargs) -> None:
    if instance.was_visible() or instance.is_visible():
        invalidate_pages(sender=sender)
