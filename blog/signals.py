"""Signals the blog sends so other apps can react without the blog importing them.

- `post_imported(sender=Post, post=…, front_matter={language: dict}, dry_run=bool)`: once per imported post
  group, inside its transaction. A receiver may return a list of warning strings; the importer reports them.
- `posts_saved(sender=Post, created=[…], updated=[…])`: once per batch of saves made inside `saved_in_batch()`
  (the importer's batches of 100 post groups), inside the batch's transaction, naming only the posts whose
  writes survived. Receivers that work per saved row (`post_save`) and can work per batch skip the saves made
  while `in_batch()` is true and do the batch's work here instead, in a few queries for the whole batch.
- `import_finished(sender=Post, summary=…)`: once after a (non dry-run) import, e.g. to invalidate caches.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

post_imported = Signal()
posts_saved = Signal()
import_finished = Signal()

_in_batch: ContextVar[bool] = ContextVar("blog_posts_saved_in_batch", default=False)


@contextmanager
def saved_in_batch() -> Iterator[None]:
    """Post saves inside are announced by `posts_saved`, which the caller sends once the batch is written."""
    token = _in_batch.set(True)
    try:
        yield
    finally:
        _in_batch.reset(token)


def in_batch() -> bool:
    return _in_batch.get()
