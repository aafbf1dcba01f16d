"""Every write that can change a count syncs the tallies of the posts it touched, in its own transaction.

- a post's save: its row, from the saved instance (one query when nothing counted changed; none at all for
  a save whose `update_fields` name nothing counted);
- a post's delete: everything it counted is subtracted;
- tags, categories or authors added, removed or cleared, from either side;
- the importer's batches (`posts_saved`): the batch's posts, read again together (saves inside a batch are
  left to it), since the importer writes their links in bulk, without signals.

`bench.generate` and other bulk loads that bypass the ORM call `counts.tally.rebuild()`.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from blog.models import Post
from blog.signals import in_batch, posts_saved
from counts import tally

# Link tables and the post relation each belongs to.
THROUGH = {getattr(Post, relation).through: relation for relation in tally.RELATIONS}


def post_saved(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
    if in_batch():
        return
    if update_fields is not None and not set(update_fields) & tally.counted_fields():
        return
    # A save leaves the post's links alone (they change through `links_changed`), except a fixture's.
    share = None if raw or update_fields is not None else tally.share_of_instance(instance)
    rows = {instance.pk: share} if share is not None else None
    tally.sync([instance.pk], relations=tally.RELATIONS if raw else (), rows=rows, new=created)


def post_deleted(sender, instance, **kwargs) -> None:
    tally.sync([instance.pk], deleted=True)


def remember_cleared_posts(sender, instance, action, reverse, model, **kwargs) -> None:
    """Before a term's posts are cleared (`tag.posts.clear()`), note which posts they were."""
    if action == "pre_clear" and reverse:
        instance._counts_cleared_posts = list(instance.posts.values_list("pk", flat=True))


def links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or in_batch():
        return
    relation = THROUGH[sender]
    if not reverse:
        tally.sync([instance.pk], relations=(relation,))
        return
    posts = pk_set if action != "post_clear" else getattr(instance, "_counts_cleared_posts", ())
    tally.sync(posts or (), relations=(relation,))


def batch_saved(sender, created=(), updated=(), **kwargs) -> None:
    tally.sync([post.pk for post in [*created, *updated]])


def connect() -> None:
    post_save.connect(post_saved, sender=Post, dispatch_uid="counts-post-saved")
    post_delete.connect(post_deleted, sender=Post, dispatch_uid="counts-post-deleted")
    for through in THROUGH:
        m2m_changed.connect(remember_cleared_posts, sender=through, dispatch_uid=f"counts-clear-{through}")
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"counts-links-{through}")
    posts_saved.connect(batch_saved, sender=Post, dispatch_uid="counts-batch-saved")
