"""A post's old URLs as `PostRedirect` rows: its pages' Hugo URLs, front-matter aliases and the paths
listed under `redirects:`, all percent-decoded. Imported redirects the pages no longer name are deleted; an
old URL stored for another post moves to this one, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from blog.models import Post, PostRedirect
from importing import hugo
from importing.grouping import Group
from importing.pages import Page

# The origins an import owns: redirects of other origins (earlier slugs) are never deleted here.
IMPORTED_ORIGINS = (PostRedirect.Origin.HUGO, PostRedirect.Origin.ALIAS)


def own_redirects(post: Post, existing: Post | None, saved: bool) -> dict[str, PostRedirect]:
    """The post's stored redirects by path."""
    if existing is None:
        return {}
    if saved:  # Post.save() drops redirects equal to the post's current URLs: read what is left
        return {r.path: r for r in PostRedirect.objects.filter(post=post)}
    return {r.path: r for r in existing.redirects.all()}


def sync_redirects(
    post: Post, own: dict[str, PostRedirect], group: Group, languages: list[str]
) -> tuple[bool, list[str]]:
    """Old Hugo URLs and front-matter aliases → PostRedirect rows; (whether a row changed, warnings)."""
    wanted = _wanted_redirects(group, languages)
    stored = {**own, **_stored_elsewhere(wanted, own)}
    deleted = _delete_stale(own, wanted)
    create, update, warnings = _redirect_changes(post, wanted, stored)
    if create:
        PostRedirect.objects.bulk_create(create)
    if update:
        PostRedirect.objects.bulk_update(update, ["post", "language", "origin"])
    return deleted or bool(create or update), warnings


def _wanted_redirects(group: Group, languages: list[str]) -> dict[str, tuple[str, str]]:
    """Every old path of the group's pages → (language, origin); the first language to name a path wins."""
    wanted: dict[str, tuple[str, str]] = {}
    for code in languages:
        for path, origin in _page_redirects(group.pages[code]):
            wanted.setdefault(path, (code, origin))
    return wanted


def _page_redirects(page: Page) -> Iterator[tuple[str, str]]:
    """(path, origin) of one page's old URLs: its Hugo URL, its aliases, then those under `redirects:`."""
    if page.hugo_url:
        yield page.hugo_url, PostRedirect.Origin.HUGO
    for path in hugo.alias_paths(page.aliases, page.hugo_url or "/"):
        yield path, PostRedirect.Origin.ALIAS
    for origin, paths in page.redirects.items():
        if origin in PostRedirect.Origin.values:
            for path in paths:
                yield unquote(path), origin


def _stored_elsewhere(wanted: dict, own: dict[str, PostRedirect]) -> dict[str, PostRedirect]:
    """The stored rows of wanted paths the post does not own (another post's, to be taken over)."""
    others = [path for path in wanted if path not in own]
    if not others:
        return {}
    return {r.path: r for r in PostRedirect.objects.filter(path__in=others)}


def _delete_stale(own: dict[str, PostRedirect], wanted: dict) -> bool:
    """Delete the post's imported redirects its pages no longer name; whether there were any."""
    stale = [r.pk for path, r in own.items() if r.origin in IMPORTED_ORIGINS and path not in wanted]
    if stale:
        PostRedirect.objects.filter(pk__in=stale).delete()
    return bool(stale)


def _redirect_changes(post: Post, wanted: dict, stored: dict[str, PostRedirect]):
    """(rows to create, rows to update, warnings) so that every wanted path leads to `post`."""
    create, update, warnings = [], [], []
    for path, (code, origin) in wanted.items():
        row = stored.get(path)
        if row is None:
            create.append(PostRedirect(path=path, post=post, language=code, origin=origin))
        elif (row.post_id, row.language, row.origin) != (post.pk, code, origin):
            if row.post_id != post.pk:
                warnings.append(f"old URL {path} pointed to another post; it now points to this one")
            row.post, row.language, row.origin = post, code, origin
            update.append(row)
    return create, update, warnings
