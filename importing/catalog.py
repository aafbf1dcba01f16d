"""What the writer looks up instead of querying per file: every existing term, author and post slug, read
once per run into a `Catalog`, and the slug rules for terms and authors (`term_slug`, `author_slug`).

What a group creates joins the catalog after the group succeeded; the pipeline reloads the catalog whenever a
batch is rolled back.
"""

from __future__ import annotations

import functools
import hashlib
import re

from django.utils import timezone
from django.utils.text import slugify

from blog.models import Author, Category, Post, Series, Tag, TermRedirect, key_validator
from blog.taxonomy import TERM_MODELS


class Catalog:
    """Every existing term (by its slug, old slugs and name in each language) and author, read once."""

    def __init__(self, languages: list[str]):
        self.languages = languages
        # Per term model: (language, slug) → pk (old slugs too), (language, casefolded name) → pk, pk → term.
        self.terms = {model: ({}, {}, {}) for model in (Category, Tag, Series)}
        for model in self.terms:
            for term in model.objects.all():
                self.remember(term)
        for redirect in TermRedirect.objects.all():
            self.remember(redirect)
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

    def _index_post(self, pk, section: str, date, slugs: dict[str, str]) -> None:
        self._forget_post(pk)
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

    def _forget_post(self, pk) -> None:
        for section_code_slug in self.post_keys.pop(pk, []):
            *where, slug = section_code_slug
            self.slugs.get(tuple(where), {}).get(slug, {}).pop(pk, None)

    def slug_taken(
        self, section: str, code: str, slug: str, *, year: int, month: int, pk: int | None
    ) -> bool:
        owners = self.slugs.get((section, code), {}).get(slug, {})
        return any(owner != pk and when == (year, month) for owner, when in owners.items())

    def remember(self, obj) -> None:
        if isinstance(obj, Post):
            # A new post waiting for the batch's insert has no primary key yet: known by its object meanwhile.
            unsaved = ("unsaved", id(obj))
            if obj.pk is not None:
                self._forget_post(unsaved)
            key = obj.pk if obj.pk is not None else unsaved
            self._index_post(
                key, obj.section, obj.date, {c: obj.translated("slug", c) for c in self.languages}
            )
            return
        if isinstance(obj, Author):
            self.authors[obj.slug] = obj
            return
        if isinstance(obj, TermRedirect):
            by_slug, _by_name, _by_pk = self.terms[TERM_MODELS[obj.kind]]
            by_slug.setdefault((obj.language, obj.slug), getattr(obj, f"{obj.kind}_id"))
            return
        by_slug, by_name, by_pk = self.terms[type(obj)]
        by_pk[obj.pk] = obj  # the newest copy: a term completed during the run replaces the stored one
        for code in self.languages:
            slug, name = obj.slug_in(code), obj.name_in(code)
            if slug:
                by_slug[(code, slug)] = obj.pk
            if name:
                by_name[(code, name.casefold())] = obj.pk

    def find_term(self, model, language: str, slug: str):
        """The term whose slug (or an old slug) in `language` is `slug`."""
        by_slug, _by_name, by_pk = self.terms[model]
        return by_pk.get(by_slug.get((language, slug)))

    def find_term_by_name(self, model, language: str, name: str):
        """The term named `name` in `language` (case-insensitive)."""
        _by_slug, by_name, by_pk = self.terms[model]
        return by_pk.get(by_name.get((language, name.casefold())))


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
