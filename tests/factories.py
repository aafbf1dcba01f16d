"""Small builders for volume: posts, terms and authors with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from blog.models import Author, Category, Post, Series, Tag

_counter = itertools.count(1)


def make_post(*, languages=("es", "pt", "en"), **fields) -> Post:
    """A live post existing in `languages` (title and body filled for each, each published; `draft=True`
    leaves them drafts) unless fields say otherwise."""
    n = next(_counter)
    values = {
        "section": "blog",
        "date": timezone.now() - timedelta(days=n),
    }
    for code in languages:
        values[f"title_{code}"] = f"Post {n} [{code}]"
        values[f"slug_{code}"] = f"post-{n}-{code}"
        values[f"summary_{code}"] = f"Summary {n} [{code}]"
        values[f"body_{code}"] = f"Body of post {n} in {code}.\n\n## Heading\n\nText."
    draft = fields.pop("draft", False)
    for code in languages:
        values[f"status_{code}"] = "draft" if draft else "published"
    values.update(fields)
    tags = values.pop("tags", ())
    authors = values.pop("authors", ())
    categories = values.pop("categories", ())
    post = Post.objects.create(**values)
    if tags:
        post.tags.set(tags)
    if authors:
        post.authors.set(authors)
    if categories:
        post.categories.set(categories)
    return post


def make_author(slug: str | None = None, **fields) -> Author:
    slug = slug or f"author-{next(_counter)}"
    return Author.objects.create(slug=slug, name=fields.pop("name", slug.replace("-", " ").title()), **fields)


def _make_term(model, slug, names):
    """A term with the same slug in every language it has a name in (all three unless `names` says)."""
    n = next(_counter)
    slug = slug or f"{model.__name__.lower()}-{n}"
    names = names or {code: f"{slug} {code}" for code in ("es", "pt", "en")}
    return model.objects.create(
        **{f"name_{code}": name for code, name in names.items()},
        **{f"slug_{code}": slug for code in names},
    )


def make_tag(slug: str | None = None, names: dict | None = None) -> Tag:
    return _make_term(Tag, slug, names)


def make_category(slug: str | None = None, names: dict | None = None) -> Category:
    return _make_term(Category, slug, names)


def make_series(slug: str | None = None, names: dict | None = None) -> Series:
    return _make_term(Series, slug, names)


# Every language published: what an item made straight through the ORM needs to be seen by readers (new
# posts, events and pages are drafts in every language until someone publishes them).
PUBLISHED = {f"status_{code}": "published" for code in ("es", "pt", "en")}
