"""Posts built from the real sample files in `fixtures/content/`, for the discovery tests (feeds, sitemap,
search, social tags). Independent of the importer: front matter read with python-frontmatter, just enough
to give each post its real title, body, taxonomies and authors.
"""

from __future__ import annotations

from datetime import datetime

import frontmatter
from django.conf import settings
from django.utils.text import slugify

from blog.models import Author, Category, Post, Tag
from tests.factories import PUBLISHED
from tests.paths import SAMPLE_POSTS

CONTENT = SAMPLE_POSTS
# The OpenInfra Days recap in three languages (one post), and two Spanish-only posts.
TRILINGUAL = {
    "es": "000_9a5b190a61900fa2.txt",
    "pt": "001_5b2d1586aeec222d.txt",
    "en": "002_e78032026aeb834a.txt",
}
SPANISH_ONLY_AI = "004_dce5359f6ee8112f.txt"


def read_sample(name: str) -> frontmatter.Post:
    return frontmatter.loads((CONTENT / name).read_text(encoding="utf-8"))


def _terms(model, names: list[str]):
    """The source's terms, named and slugged alike in every language (a term exists where it has a slug)."""
    codes = [code for code, _name in settings.LANGUAGES]
    terms = []
    for name in names:
        slug = slugify(name)
        everywhere = {
            f"{field}_{code}": value for field, value in (("slug", slug), ("name", name)) for code in codes
        }
        terms.append(model.objects.get_or_create(slug_es=slug, defaults=everywhere)[0])
    return terms


def _authors(slugs: list[str]):
    return [Author.objects.get_or_create(slug=slug, defaults={"name": slug})[0] for slug in slugs]


def _slug(title: str) -> str:
    return slugify(title, allow_unicode=True)[:80].strip("-")


def _create_with_terms(values: dict, fields: dict, source: frontmatter.Post) -> Post:
    """The post from `values` overridden by `fields`, with the categories, tags and authors of `source`."""
    post = Post.objects.create(**PUBLISHED, **{**values, **fields})
    post.categories.set(_terms(Category, source["categories"]))
    post.tags.set(_terms(Tag, source["tags"]))
    post.authors.set(_authors(source["authors"]))
    return post


def trilingual_post(**fields) -> Post:
    """The OpenInfra Days / SCaLE recap: es (`Migración`), pt (`Migração`) and en (`migration`)."""
    sources = {code: read_sample(name) for code, name in TRILINGUAL.items()}
    english = sources["en"]
    values = {"section": "blog", "date": datetime.fromisoformat(str(english["date"]))}
    for code, source in sources.items():
        values[f"title_{code}"] = source["title"]
        values[f"slug_{code}"] = _slug(source["title"])
        values[f"body_{code}"] = source.content
    return _create_with_terms(values, fields, english)


def spanish_only_post(**fields) -> Post:
    """The sovereign AI stack post, which exists only in Spanish."""
    source = read_sample(SPANISH_ONLY_AI)
    values = {
        "section": "blog",
        "date": datetime.fromisoformat(str(source["date"])),
        "title_es": source["title"],
        "slug_es": _slug(source["title"]),
        "body_es": source.content,
    }
    return _create_with_terms(values, fields, source)
