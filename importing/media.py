"""The image files a post write stores: the post's cover (verified, straightened, with its dimensions; its
renditions are made later, when first asked for) and the local images its bodies show, whose references are
rewritten to the stored copies.

Body images are stored once under a name made from their content's hash, so the languages of a group,
other posts using the same picture and repeated imports all share one file.
"""

from __future__ import annotations

from django.core.files.storage import default_storage

from blog.models import Post
from importing import body_images, ledger
from importing.catalog import Catalog
from importing.grouping import Group
from importing.images import UnusableImage, prepare_image
from importing.pages import Page

BODY_IMAGE_FOLDER = "posts/body"


def apply_cover(post: Post, group: Group, primary: Page, dry_run: bool, warnings: list[str]) -> bool:
    """Store the group's cover (the primary page's, else the first one found) on `post` unless it holds
    that image already; True when the cover changed (in a dry run: would change)."""
    page = primary if primary.cover_file else next((p for p in group.pages.values() if p.cover_file), None)
    if page is None:
        return False
    try:
        prepared = prepare_image(page.cover_file)
    except UnusableImage as problem:
        warnings.append(f"{page.display}: cover {page.cover_source!r} {problem}; not stored")
        return False
    stored = post.cover_renditions or {}
    if post.cover and stored.get("source_sha256") == prepared.sha256:
        return False
    if dry_run:
        return True
    ledger.save_field_file(post.cover, prepared.name, prepared.content)
    # Stored so that no page opens the file to size it; the renditions are made when first asked for
    # (covers.lazy), off the import's path.
    post.cover_width, post.cover_height = prepared.width, prepared.height
    post.cover_renditions = {"source_name": post.cover.name, "source_sha256": prepared.sha256}
    return True


def body_with_stored_images(page: Page, catalog: Catalog, dry_run: bool, warnings: list[str]) -> str:
    """The page's body with its found local images pointing at their stored copies."""
    if not page.body_images:
        return page.body
    urls = {}
    for src, path in page.body_images.items():
        url, problem = _stored_body_image(path, catalog, dry_run)
        if url is None:
            warnings.append(f"{page.display}: body image {src!r} {problem}; reference left as it was")
        else:
            urls[src] = url
    return body_images.rewrite(page.body, urls)


def _stored_body_image(path, catalog: Catalog, dry_run: bool) -> tuple[str | None, str]:
    """(URL of the stored, verified and straightened copy of `path`, "") or (None, the problem)."""
    if path in catalog.body_images:
        return catalog.body_images[path]
    try:
        prepared = prepare_image(path)
    except UnusableImage as problem:
        result = (None, str(problem))
    else:
        name = f"{BODY_IMAGE_FOLDER}/{prepared.sha256[:32]}{path.suffix.lower()}"
        # The name is the content: a file already there is this image (stored by an earlier run).
        if not dry_run and not default_storage.exists(name):
            name = ledger.save(name, prepared.content)
        result = (default_storage.url(name), "")
    catalog.body_images[path] = result
    return result
