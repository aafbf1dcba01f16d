"""The only pipeline step that touches the database: one translation group → one `Post`, all of it inside
one transaction (its own, a savepoint, or the caller's batch, which is undone as a whole on any failure),
compared field by field with what is stored so a repeated import changes nothing; and author pages → one
`Author`.

Lookups go through the run's `Catalog` (`catalog`); the post's taxonomy terms, stored images and old URLs
are the work of `terms`, `media` and `redirects`. This module owns the post's own columns, its slugs, its
author and term links (`insert_links` writes a batch's at once) and the `post_imported` signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from blog.models import Author, Post
from blog.publishing import LanguageStatus
from blog.signals import post_imported
from blog.slugs import first_free, slug_base
from importing import ledger
from importing.catalog import Catalog, author_slug
from importing.grouping import Group
from importing.images import UnusableImage, prepare_image
from importing.media import apply_cover, body_with_stored_images
from importing.pages import FLAGS, Page, author_fields
from importing.redirects import own_redirects, sync_redirects
from importing.terms import resolve_group_terms, save_group_terms


@dataclass
class WriteResult:
    status: str  # "created", "updated" or "unchanged"
    post: Post | Author | None
    warnings: list[str] = field(default_factory=list)
    catalog_updates: list = field(default_factory=list)
    # A new post left for `insert_created`: what is left to do once it has its primary key.
    finish: Callable[[], None] | None = None


# --- posts --------------------------------------------------------------------------------------------------


def group_date(group: Group, order: list[str]) -> datetime:
    """The primary page's date, unless it had to be repaired and a translation has a clean one that day."""
    primary = group.primary(order)
    if primary.date_repaired:
        for page in group.pages.values():
            if not page.date_repaired and page.date.date() == primary.date.date():
                return page.date
    return primary.date


def existing_posts(keys: list[str]) -> dict[str, Post]:
    """The stored posts for a batch of group keys, with what the comparison needs, in five queries."""
    posts = Post.objects.filter(source_key__in=keys).prefetch_related(
        "authors", "categories", "tags", "redirects"
    )
    return {post.source_key: post for post in posts}


def write_post_group(
    group: Group,
    *,
    catalog: Catalog,
    order: list[str],
    dry_run: bool = False,
    existing: Post | None | bool = False,
    links: list | None = None,
    savepoint: bool = True,
    created: list | None = None,
) -> WriteResult:
    """Write one group in its own transaction. `existing` is the stored post from `existing_posts`
    (None: known to be new); left out, it is looked up here. `links`: see `_sync_relations` (the caller
    must then run `insert_links` inside the same enclosing transaction). `created` (only without a
    savepoint, so that the caller's transaction is undone as a whole if anything fails): a new post is not
    inserted here but left, with its result, in that list for `insert_created`, which inserts the batch's
    new posts in one query and finishes their results (links, old URLs, `post_imported`)."""
    if existing is False:
        existing = existing_posts([group.key]).get(group.key)
    # Links of a group whose savepoint rolls back must not reach the batch: collect them apart.
    own_links = [] if links is not None and not dry_run else None
    deferred = created if not savepoint and not dry_run and own_links is not None else None
    # savepoint=False: the caller's transaction is undone as a whole if this group fails.
    with transaction.atomic(savepoint=savepoint):
        result = _write_post(
            group, existing, catalog=catalog, order=order, dry_run=dry_run, links=own_links, created=deferred
        )
        if dry_run:
            transaction.set_rollback(True)
    if result.finish is not None:
        result.finish = partial(_finish_then_link, result.finish, own_links, links)
    elif own_links:
        links.extend(own_links)
    return result


def _finish_then_link(finish, own_links: list, links: list) -> None:
    finish()
    links.extend(own_links)


def insert_created(results: list[WriteResult]) -> None:
    """Insert the posts `write_post_group` left in `created` (one query, as `save()` would inside
    `saved_in_batch()`: `Post.insert_in_batch`), then finish each result."""
    if not results:
        return
    Post.insert_in_batch([result.post for result in results])
    for result in results:
        result.finish()
        result.finish = None


def _write_post(
    group: Group, existing: Post | None, *, catalog: Catalog, order: list[str], dry_run: bool, links, created
) -> WriteResult:
    languages = group.languages(order)
    primary = group.primary(order)
    warnings: list[str] = []

    bodies = {
        code: body_with_stored_images(group.pages[code], catalog, dry_run, warnings) for code in languages
    }
    values = _post_values(group, languages, primary, order, bodies)
    values.update(_unique_slugs(group, languages, values, existing.pk if existing else None, catalog))

    if existing is None:
        # Given every value at once: a field left to its default costs a translation override each.
        post, changed = Post(source_key=group.key, **values), list(values)
    else:
        post = existing
        changed = [name for name, value in values.items() if getattr(post, name) != value]
        for name in changed:
            setattr(post, name, values[name])
    if existing and "cover_source" in changed and post.cover:
        post.cover = None  # the file now names another (or a missing) image
        post.cover_renditions = {}
    cover_changed = apply_cover(post, group, primary, dry_run, warnings)

    # Related rows, resolved before saving so nothing half-written can remain if this fails.
    relations, series_terms, to_write = resolve_group_terms(group, languages, catalog, order)
    authors, new_authors = _resolve_authors(group, languages, catalog)

    save_group_terms(to_write)
    create_by_slug(Author, new_authors)
    series = series_terms[0] if series_terms else None
    if post.series_id != (series.pk if series else None):
        post.series = series
        changed.append("series")

    updates = [*to_write, *new_authors, post]
    if existing is None and created is not None:
        result = WriteResult("created", post, warnings, catalog_updates=updates)
        # Once inserted with the batch's other new posts (insert_created): links, old URLs, receivers.
        result.finish = partial(_link_new_post, post, group, languages, relations, authors, links, warnings)
        created.append(result)
        return result
    if existing is None:
        post.save()
        _link_new_post(post, group, languages, relations, authors, links, warnings, dry_run=dry_run)
        return WriteResult("created", post, warnings, catalog_updates=updates)
    saved = bool(changed) or cover_changed
    if saved:
        post.save()
    relations_changed = _sync_relations(post, existing, relations, authors, links)
    own = own_redirects(post, existing, saved)
    redirects_changed, redirect_warnings = sync_redirects(post, own, group, languages)
    warnings += redirect_warnings

    status = "updated" if changed or cover_changed or relations_changed or redirects_changed else "unchanged"
    warnings += _announce(post, group, languages, dry_run=dry_run, created=False, status=status)
    return WriteResult(status, post, warnings, catalog_updates=updates)


def _link_new_post(
    post: Post, group: Group, languages, relations, authors, links, warnings: list, dry_run: bool = False
) -> None:
    """What follows the insert of a new post, alone (`save()`) or with its batch (`insert_in_batch`)."""
    _sync_relations(post, None, relations, authors, links)
    warnings += sync_redirects(post, {}, group, languages)[1]
    warnings += _announce(post, group, languages, dry_run=dry_run, created=True, status="created")


def _announce(post: Post, group: Group, languages: list[str], *, dry_run: bool, created: bool, status: str):
    """Send `post_imported`; the warnings its receivers return (e.g. a stub event created)."""
    responses = post_imported.send(
        sender=Post,
        post=post,
        front_matter={code: group.pages[code].front_matter for code in languages},
        dry_run=dry_run,
        created=created,
        changed=status != "unchanged",
    )
    return [
        str(item)
        for _receiver, response in responses
        if isinstance(response, list | tuple)
        for item in response
    ]


def _post_values(
    group: Group, languages: list[str], primary: Page, order: list[str], bodies: dict[str, str]
) -> dict:
    """The post's column values from its pages (slugs apart): shared fields from the primary page."""
    values = {
        "section": primary.section,
        "date": group_date(group, order),
        "updated": primary.lastmod,
        "translation_key": group.key,
        "cover_source": primary.cover_source or next((p.cover_source for p in group.pages.values()), ""),
        "extra": {code: group.pages[code].extra for code in languages if group.pages[code].extra},
        **{flag: primary.flags.get(flag, False) for flag in FLAGS if flag != "draft"},
    }
    for code in languages:
        page = group.pages[code]
        # Each file's `draft` holds its own language back: the others are published as Hugo published them.
        values[f"status_{code}"] = (
            LanguageStatus.DRAFT if page.flags.get("draft") else LanguageStatus.PUBLISHED
        )
        values[f"title_{code}"] = page.title
        values[f"summary_{code}"] = page.summary
        values[f"body_{code}"] = bodies[code]
    return values


def _unique_slugs(group: Group, languages: list[str], values: dict, pk: int | None, catalog: Catalog) -> dict:
    """Per language: front-matter `slug` or the slugified title, unique within section/year/month."""
    local = timezone.localtime(values["date"])
    slugs = {}
    for code in languages:
        page = group.pages[code]
        slugs[f"slug_{code}"] = first_free(
            slug_base(page.slug or page.title),
            lambda slug, code=code: catalog.slug_taken(
                values["section"], code, slug, year=local.year, month=local.month, pk=pk
            ),
        )
    return slugs


def create_by_slug(model, objects: list) -> None:
    """Insert new rows (authors) in one query and make sure each object knows its primary key."""
    if not objects:
        return
    model.objects.bulk_create(objects)
    if any(obj.pk is None for obj in objects):  # backends that do not return ids
        stored = model.objects.in_bulk([obj.slug for obj in objects], field_name="slug")
        for obj in objects:
            obj.pk = stored[obj.slug].pk


def _resolve_authors(group: Group, languages: list[str], catalog: Catalog):
    slugs: list[str] = []
    for code in languages:
        for value in group.pages[code].authors:
            slug = author_slug(value)
            if slug not in slugs:
                slugs.append(slug)
    authors, new = [], []
    for slug in slugs:
        author = catalog.authors.get(slug)
        if author is None:
            author = Author(slug=slug, name=slug)
            new.append(author)
        authors.append(author)
    return authors, new


def _sync_relations(post: Post, existing: Post | None, relations: dict, authors: list, links) -> bool:
    """Make the post's tags, categories and authors the wanted ones. New link rows go to `links` when
    given (inserted for a whole batch at once by `insert_links`), else are inserted here."""
    changed = False
    wanted = {**relations, "authors": authors}
    for attribute, objects in wanted.items():
        manager = getattr(post, attribute)
        ids = {obj.pk for obj in objects}
        current = {obj.pk for obj in manager.all()} if existing is not None else set()
        if ids == current:
            continue
        changed = True
        through = manager.through
        source, target = manager.source_field_name, manager.target_field_name
        if current:
            through.objects.filter(**{source: post.pk}).exclude(**{f"{target}__in": ids}).delete()
        rows = [through(**{f"{source}_id": post.pk, f"{target}_id": pk}) for pk in ids - current]
        if links is None:
            through.objects.bulk_create(rows)
        else:
            links.extend(rows)
    return changed


def insert_links(links: list) -> None:
    """Insert the link rows collected for a batch: one query per link table instead of three per post."""
    by_model: dict = {}
    for row in links:
        by_model.setdefault(type(row), []).append(row)
    for model, rows in by_model.items():
        model.objects.bulk_create(rows, batch_size=1000)
    links.clear()


# --- authors ------------------------------------------------------------------------------------------------


def _avatar_file(pages: dict[str, Page], order: list[str]):
    """The first readable avatar among the author's pages (default language first); stored only when the
    author has none yet, so an avatar chosen in the admin is never replaced."""
    for code in order:
        page = pages.get(code)
        if page is not None and page.cover_file is not None:
            try:
                return prepare_image(page.cover_file)
            except UnusableImage:
                continue
    return None


def write_author_pages(
    slug: str, pages: dict[str, Page], *, catalog: Catalog, order: list[str], dry_run: bool = False
) -> WriteResult:
    """Author pages (`authors/<slug>/_index[.LANG].md`) create or update one Author."""
    values: dict = {}
    for code in reversed([c for c in order if c in pages]):
        values.update(author_fields(pages[code]))  # the default language's name and links win
    with transaction.atomic():
        author = Author.objects.filter(slug=slug).first()
        created = author is None
        author = author or Author(slug=slug)
        changed = [name for name, value in values.items() if getattr(author, name) != value]
        for name in changed:
            setattr(author, name, values[name])
        # Read and verify the image files only when an avatar would be stored.
        avatar = None if author.avatar or dry_run else _avatar_file(pages, order)
        if avatar is not None:
            ledger.save_field_file(author.avatar, avatar.name, avatar.content)
            changed.append("avatar")
        if created or changed:
            author.save()
        if dry_run:
            transaction.set_rollback(True)
    status = "created" if created else ("updated" if changed else "unchanged")
    return WriteResult(status, author, catalog_updates=[author])
