"""The only pipeline step that touches the database: one translation group → one `Post`, all of it inside
one transaction (its own, a savepoint, or the caller's batch, which is undone as a whole on any failure),
compared field by field with what is stored so a repeated import changes nothing.

Taxonomy terms, authors and post slugs are read once per run into a `Catalog` (no query per tag per
file); what a group creates joins the catalog after the group succeeded, and the pipeline reloads the
catalog whenever a batch is rolled back.

Term rule: across a group, names are paired first by equal slug, then the remaining ones in list order
when the lists have the same length (`Comunidad` in es and `Community` in en at the same index are one
`Tag`); a name left over becomes a term of its own. A term's slug comes from its
name in the group's first language in the order default language, English, others. An imported name
matches an existing term when its slug equals the term's slug or the name equals (case-insensitively)
any of the term's translated names; empty translated names are filled in, written names never replaced.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from blog.models import Author, Category, Post, PostRedirect, Series, Tag, key_validator, language_codes
from blog.signals import post_imported
from covers.renditions import renditions_for_cover
from importing import body_images, hugo
from importing.grouping import Group
from importing.images import UnusableImage, prepare_image
from importing.pages import FLAGS, Page, author_fields

SLUG_MAX = 200
# Body images are stored once under a name made from their content's hash, so the languages of a group,
# other posts using the same picture and repeated imports all share one file.
BODY_IMAGE_FOLDER = "posts/body"
TERM_FIELDS = (("categories", Category), ("tags", Tag))


@dataclass
class WriteResult:
    status: str  # "created", "updated" or "unchanged"
    post: Post | Author | None
    warnings: list[str] = field(default_factory=list)
    catalog_updates: list = field(default_factory=list)


class Catalog:
    """Every existing term and author, read once, looked up by slug and by any translated name."""

    def __init__(self, languages: list[str]):
        self.languages = languages
        self.terms = {model: ({}, {}) for model in (Category, Tag, Series)}
        for model in self.terms:
            for term in model.objects.all():
                self.remember(term)
        self.authors = {author.slug: author for author in Author.objects.all()}
        # Post slugs by (section, language) → {slug: {pk: (year, month)}}, read once so choosing a unique
        # slug costs no query per post; `post_keys` lets a re-slugged post release its old entries.
        self.slugs: dict[tuple[str, str], dict[str, dict[int, tuple[int, int]]]] = {}
        self.post_keys: dict[int, list[tuple[str, str, str]]] = {}
        # Body image file → (stored URL or None, why not stored): each file is read once per run.
        self.body_images: dict = {}
        columns = [f"slug_{code}" for code in languages]
        for pk, section, date, *slugs in Post.objects.values_list("pk", "section", "date", *columns):
            self._index_post(pk, section, date, dict(zip(languages, slugs, strict=True)))

    def _index_post(self, pk: int, section: str, date, slugs: dict[str, str]) -> None:
        for section_code_slug in self.post_keys.pop(pk, []):
            *where, slug = section_code_slug
            self.slugs.get(tuple(where), {}).get(slug, {}).pop(pk, None)
        local = timezone.localtime(date)
        keys = []
        for code, slug in slugs.items():
            if slug:
                self.slugs.setdefault((section, code), {}).setdefault(slug, {})[pk] = (
                    local.year,
                    local.month,
                )
                keys.append((section, code, slug))
        self.post_keys[pk] = keys

    def slug_taken(
        self, section: str, code: str, slug: str, *, year: int, month: int, pk: int | None
    ) -> bool:
        owners = self.slugs.get((section, code), {}).get(slug, {})
        return any(owner != pk and when == (year, month) for owner, when in owners.items())

    def remember(self, obj) -> None:
        if isinstance(obj, Post):
            self._index_post(
                obj.pk, obj.section, obj.date, {c: obj.translated("slug", c) for c in self.languages}
            )
            return
        if isinstance(obj, Author):
            self.authors[obj.slug] = obj
            return
        by_slug, by_name = self.terms[type(obj)]
        by_slug[obj.slug] = obj
        for code in self.languages:
            name = getattr(obj, f"name_{code}", "") or ""
            if name:
                by_name[name.casefold()] = obj

    def find(self, model, names: list[str]):
        by_slug, by_name = self.terms[model]
        for name in names:
            found = by_slug.get(term_slug(name)) or by_name.get(name.casefold())
            if found is not None:
                return found
        return None


# Symbols that make a different term (C, C++ and C# are three languages), spelled out before slugify drops
# them; a leading `#` (a hashtag) is only decoration.
_TERM_SYMBOLS = ((re.compile(r"\+"), "-plus"), (re.compile(r"(?<=\w)#"), "-sharp"))


@functools.lru_cache(maxsize=4096)
def term_slug(name: str) -> str:
    spelled = name
    for symbol, word in _TERM_SYMBOLS:
        spelled = symbol.sub(word, spelled)
    slug = slugify(spelled, allow_unicode=True)[:100].strip("-")
    # A name with no letters or digits (only emoji, say) still needs a stable slug.
    return slug or "term-" + hashlib.sha1(name.encode()).hexdigest()[:10]


def author_slug(value: str) -> str:
    value = value.strip()
    try:
        key_validator(value)
        return value[:100]
    except Exception:  # noqa: BLE001 - any invalid key becomes a slug
        return slugify(value, allow_unicode=True)[:100] or "author"


# --- terms ------------------------------------------------------------------------------------------------


def pair_terms(names_by_language: dict[str, list[str]], order: list[str]) -> list[dict[str, str]]:
    """Translated term lists → concepts {language: name}: by equal slug first, then by list position."""
    languages = [code for code in order if names_by_language.get(code)]
    if not languages:
        return []
    first = languages[0]
    concepts: list[dict[str, str]] = []
    position: dict[int, dict] = {}
    for index, name in enumerate(names_by_language[first]):
        same = next((c for c in concepts if term_slug(c[first]) == term_slug(name)), None)
        if same is None:
            same = {first: name}
            concepts.append(same)
        position[index] = same
    reference_length = len(names_by_language[first])
    for code in languages[1:]:
        names = names_by_language[code]
        pending = []
        for index, name in enumerate(names):
            slug = term_slug(name)
            match = next(
                (c for c in concepts if code not in c and any(term_slug(v) == slug for v in c.values())), None
            )
            if match is None and any(term_slug(c.get(code, "")) == slug for c in concepts):
                continue  # the same name twice in one list
            if match is not None:
                match[code] = name
            else:
                pending.append((index, name))
        # Names left after slug matching pair with the concepts still lacking this language, in list
        # order, when both lists have the same length (then the lists are translations of each other).
        free = []
        if len(names) == reference_length:
            free = [c for i, c in sorted(position.items()) if code not in c]
            free = list({id(c): c for c in free}.values())
        for (_index, name), concept in itertools.zip_longest(pending, free[: len(pending)]):
            if concept is not None:
                concept[code] = name
            else:
                concepts.append({code: name})
    return concepts


def resolve_terms(model, concepts: list[dict[str, str]], catalog: Catalog, order: list[str]):
    """(terms for the post, terms to write): existing ones with empty names filled, or new ones."""
    terms, to_write = [], []
    created: dict[str, object] = {}  # two concepts of one group never create the same slug twice
    for concept in concepts:
        names = [concept[code] for code in order if code in concept]
        term = catalog.find(model, names) or created.get(term_slug(names[0]))
        if term is None:
            term = model(slug=term_slug(names[0]), name=names[0])
            for code, name in concept.items():
                setattr(term, f"name_{code}", name)
            to_write.append(term)
            created[term.slug] = term
        elif term.slug not in created:
            missing = {c: n for c, n in concept.items() if not (getattr(term, f"name_{c}", "") or "")}
            if missing:
                term = copy.copy(term)
                for code, name in missing.items():
                    setattr(term, f"name_{code}", name)
                to_write.append(term)
        terms.append(term)
    return terms, to_write


def _create_by_slug(model, objects: list) -> None:
    """Insert new rows in one query and make sure each object knows its primary key."""
    if not objects:
        return
    model.objects.bulk_create(objects)
    if any(obj.pk is None for obj in objects):  # backends that do not return ids
        stored = model.objects.in_bulk([obj.slug for obj in objects], field_name="slug")
        for obj in objects:
            obj.pk = stored[obj.slug].pk


def _save_terms(model, to_write: list) -> None:
    new = [term for term in to_write if term.pk is None]
    _create_by_slug(model, new)
    changed = [term for term in to_write if term not in new]
    if changed:
        fields = [f"name_{code}" for code in language_codes()]
        model.objects.bulk_update(changed, fields)


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
) -> WriteResult:
    """Write one group in its own transaction. `existing` is the stored post from `existing_posts`
    (None: known to be new); left out, it is looked up here. `links`: see `_sync_relations` (the caller
    must then run `insert_links` inside the same enclosing transaction)."""
    if existing is False:
        existing = existing_posts([group.key]).get(group.key)
    # Links of a group whose savepoint rolls back must not reach the batch: collect them apart.
    own_links = [] if links is not None and not dry_run else None
    # savepoint=False: the caller's transaction is undone as a whole if this group fails.
    with transaction.atomic(savepoint=savepoint):
        result = _write_post(group, existing, catalog=catalog, order=order, dry_run=dry_run, links=own_links)
        if dry_run:
            transaction.set_rollback(True)
    if own_links:
        links.extend(own_links)
    return result


def _write_post(
    group: Group, existing: Post | None, *, catalog: Catalog, order: list[str], dry_run: bool, links
) -> WriteResult:
    languages = group.languages(order)
    primary = group.primary(order)
    warnings: list[str] = []
    post = existing or Post(source_key=group.key)

    bodies = {
        code: _body_with_stored_images(group.pages[code], catalog, dry_run, warnings) for code in languages
    }
    values = _post_values(group, languages, primary, order, bodies)
    values.update(_unique_slugs(group, languages, values, post, catalog))

    changed = [name for name, value in values.items() if getattr(post, name) != value]
    for name in changed:
        setattr(post, name, values[name])
    if existing and "cover_source" in changed and post.cover:
        post.cover = None  # the file now names another (or a missing) image
        post.cover_renditions = {}
    cover_changed = _apply_cover(post, group, primary, dry_run, warnings)

    # Related rows, resolved before saving so nothing half-written can remain if this fails.
    relations, series_terms, to_write = _resolve_terms_of(group, languages, catalog, order)
    authors, new_authors = _resolve_authors(group, languages, catalog)

    for model in (Category, Tag, Series):
        _save_terms(model, [t for t in to_write if isinstance(t, model)])
    _create_by_slug(Author, new_authors)
    series = series_terms[0] if series_terms else None
    if post.series_id != (series.pk if series else None):
        post.series = series
        changed.append("series")

    saved = existing is None or bool(changed) or cover_changed
    if saved:
        post.save()
    relations_changed = _sync_relations(post, existing, relations, authors, links)
    own = _own_redirects(post, existing, saved)
    redirects_changed, redirect_warnings = _sync_redirects(post, own, group, languages)
    warnings += redirect_warnings

    status = "created" if existing is None else "updated"
    if existing is not None and not (changed or cover_changed or relations_changed or redirects_changed):
        status = "unchanged"
    warnings += _announce(post, group, languages, dry_run=dry_run, created=existing is None, status=status)
    return WriteResult(status, post, warnings, catalog_updates=[*to_write, *new_authors, post])


def _resolve_terms_of(group: Group, languages: list[str], catalog: Catalog, order: list[str]):
    """(categories and tags by attribute, the series as a list of at most one, terms to write)."""
    to_write: list = []
    relations = {}
    for attribute, model in TERM_FIELDS:
        concepts = pair_terms({c: getattr(group.pages[c], attribute) for c in languages}, order)
        relations[attribute], new_terms = resolve_terms(model, concepts, catalog, order)
        to_write += new_terms
    series_concepts = pair_terms({c: group.pages[c].series[:1] for c in languages}, order)
    series_terms, new_series = resolve_terms(Series, series_concepts[:1], catalog, order)
    return relations, series_terms, to_write + new_series


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
        **{flag: primary.flags.get(flag, False) for flag in FLAGS},
    }
    for code in languages:
        page = group.pages[code]
        values[f"title_{code}"] = page.title
        values[f"summary_{code}"] = page.summary
        values[f"body_{code}"] = bodies[code]
    return values


def _unique_slugs(group: Group, languages: list[str], values: dict, post: Post, catalog: Catalog) -> dict:
    """Per language: front-matter `slug` or the slugified title, unique within section/year/month."""
    local = timezone.localtime(values["date"])
    slugs = {}
    for code in languages:
        page = group.pages[code]
        base = slugify(page.slug or page.title, allow_unicode=True)[:SLUG_MAX].strip("-") or "post"
        candidates = itertools.chain([base], (f"{base[: SLUG_MAX - 6]}-{n}" for n in itertools.count(2)))
        slugs[f"slug_{code}"] = next(
            slug
            for slug in candidates
            if not catalog.slug_taken(
                values["section"], code, slug, year=local.year, month=local.month, pk=post.pk
            )
        )
    return slugs


def _apply_cover(post: Post, group: Group, primary: Page, dry_run: bool, warnings: list[str]) -> bool:
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
    post.cover.save(prepared.name, ContentFile(prepared.content), save=False)
    post.cover_renditions = {**renditions_for_cover(post, prepared.content), "source_sha256": prepared.sha256}
    return True


def _body_with_stored_images(page: Page, catalog: Catalog, dry_run: bool, warnings: list[str]) -> str:
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
            name = default_storage.save(name, ContentFile(prepared.content))
        result = (default_storage.url(name), "")
    catalog.body_images[path] = result
    return result


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


def _own_redirects(post: Post, existing: Post | None, saved: bool) -> dict[str, PostRedirect]:
    if existing is None:
        return {}
    if saved:  # Post.save() drops redirects equal to the post's current URLs: read what is left
        return {r.path: r for r in PostRedirect.objects.filter(post=post)}
    return {r.path: r for r in existing.redirects.all()}


def _sync_redirects(
    post: Post, own: dict[str, PostRedirect], group: Group, languages: list[str]
) -> tuple[bool, list[str]]:
    """Old Hugo URLs and front-matter aliases → PostRedirect rows (paths percent-decoded)."""
    wanted: dict[str, tuple[str, str]] = {}
    for code in languages:
        page = group.pages[code]
        if page.hugo_url:
            wanted.setdefault(page.hugo_url, (code, PostRedirect.Origin.HUGO))
        for path in hugo.alias_paths(page.aliases, page.hugo_url or "/"):
            wanted.setdefault(path, (code, PostRedirect.Origin.ALIAS))
        for origin, paths in page.redirects.items():
            if origin in PostRedirect.Origin.values:
                for path in paths:
                    wanted.setdefault(unquote(path), (code, origin))
    imported_origins = (PostRedirect.Origin.HUGO, PostRedirect.Origin.ALIAS)
    stored = dict(own)
    others = [path for path in wanted if path not in own]
    if others:
        stored.update({r.path: r for r in PostRedirect.objects.filter(path__in=others)})
    warnings, changed = [], False
    stale = [r.pk for path, r in own.items() if r.origin in imported_origins and path not in wanted]
    if stale:
        PostRedirect.objects.filter(pk__in=stale).delete()
        changed = True
    create, update = [], []
    for path, (code, origin) in wanted.items():
        row = stored.get(path)
        if row is None:
            create.append(PostRedirect(path=path, post=post, language=code, origin=origin))
        elif (row.post_id, row.language, row.origin) != (post.pk, code, origin):
            if row.post_id != post.pk:
                warnings.append(f"old URL {path} pointed to another post; it now points to this one")
            row.post, row.language, row.origin = post, code, origin
            update.append(row)
    if create:
        PostRedirect.objects.bulk_create(create)
    if update:
        PostRedirect.objects.bulk_update(update, ["post", "language", "origin"])
    return changed or bool(create or update), warnings


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
            author.avatar.save(avatar.name, ContentFile(avatar.content), save=False)
            changed.append("avatar")
        if created or changed:
            author.save()
        if dry_run:
            transaction.set_rollback(True)
    status = "created" if created else ("updated" if changed else "unchanged")
    return WriteResult(status, author, catalog_updates=[author])
