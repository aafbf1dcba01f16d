"""Signal receivers that keep the page cache honest: any content change drops every cached page.

Connected from `OpsConfig.ready()`. Listening from here (not from `blog`) keeps `blog` free of any import
of `events`.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from blog.models import Author, Category, Post, PostRedirect, Series, Tag
from blog.signals import import_finished
from counts.live import upcoming_moments
from events.models import Event
from ops.generation import bump_generation, register_scheduled_changes
from pages.models import MenuItem, Page, SiteIdentity

# The site's name and menu are on every page, so changing them drops every cached page too.
CONTENT_MODELS = (Post, Category, Tag, Series, Author, PostRedirect, Event, SiteIdentity, MenuItem, Page)


def invalidate_pages(sender, **kwargs) -> None:
    # After the commit, not at save time: a reader rendering between the save and the commit would
    # otherwise store the old content under the new generation. Outside a transaction this runs at once.
    transaction.on_commit(_pending_bump().run, robust=True)


class _Bump:
    """One generation bump shared by the changes of one transaction: the first of its hooks to run after
    the commit bumps, the others find it done (an import's batch of 100 posts made ~700 bumps, each an
    UPDATE committed on its own, most of the import's time on SQLite).

    Safe under savepoints: a rolled-back savepoint drops its own hooks; any surviving change left one of
    its own, which still bumps."""

    def __init__(self):
        self.done = False

    def run(self) -> None:
        if not self.done:
            bump_generation()
            self.done = True  # only once it worked: a failed bump (logged, robust) leaves it to the next hook


def _pending_bump() -> _Bump:
    connection = transaction.get_connection()
    bump = getattr(connection, "_pagecache_bump", None)
    if bump is None or bump.done:
        bump = connection._pagecache_bump = _Bump()
    return bump


def invalidate_after_import(sender, **kwargs) -> None:
    # Sent once the import's transactions are over: drop the pages now.
    bump_generation()


def connect() -> None:
    for model in CONTENT_MODELS:
        post_save.connect(invalidate_pages, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(invalidate_pages, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
    for through in (Post.authors.through, Post.categories.through, Post.tags.through, Event.posts.through):
        m2m_changed.connect(
            invalidate_pages, sender=through, dispatch_uid=f"pagecache-m2m-{through.__name__}"
        )
    import_finished.connect(invalidate_after_import, dispatch_uid="pagecache-import-finished")
    # Scheduled posts and events change pages by themselves; the generation expires at their next moment.
    register_scheduled_changes("posts", upcoming_moments)
    register_scheduled_changes("events", Event.objects.scheduled_changes)
