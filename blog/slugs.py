"""Post slugs: the slugified title (accents kept, as Hugo does), unique per section/year/month/language.

One rule for every writer. The importer checks candidates against its run's catalogue
(`importing.writer`); the admin against the database (`PostSlugsForm`, the Post change form's base).
A clash takes `-2`, `-3`… as Hugo users are used to.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from blog.models import Post, language_codes

SLUG_MAX = 200


def slug_base(text: str, *, fallback: str = "post") -> str:
    """`Hola, ¿qué tal?` → `hola-qué-tal`: Django's slugify with Unicode kept, at most SLUG_MAX long."""
    return slugify(text or "", allow_unicode=True)[:SLUG_MAX].strip("-") or fallback


def slug_candidates(base: str) -> Iterator[str]:
    """`base`, then `base-2`, `base-3`… (shortened so the suffix always fits)."""
    return itertools.chain([base], (f"{base[: SLUG_MAX - 6]}-{n}" for n in itertools.count(2)))


def first_free(base: str, taken: Callable[[str], bool]) -> str:
    return next(slug for slug in slug_candidates(base) if not taken(slug))


def slug_taken(slug: str, *, language: str, section: str, date: datetime, pk: int | None) -> bool:
    """Whether another post in the same section and month (in the site's time zone) has `slug` in
    `language`: both would answer at /<section>/<year>/<month>/<slug>/."""
    local = timezone.localtime(date)
    clashing = Post.objects.filter(
        section=section, date__year=local.year, date__month=local.month, **{f"slug_{language}": slug}
    )
    return clashing.exclude(pk=pk).exists() if pk else clashing.exists()


def unique_slug(title: str, *, language: str, section: str, date: datetime, pk: int | None) -> str:
    """The slug a post with `title` gets in `language`, unique in its section and month."""
    return first_free(
        slug_base(title),
        lambda slug: slug_taken(slug, language=language, section=section, date=date, pk=pk),
    )


class PostSlugsForm(forms.ModelForm):
    """The Post change form's slug rules: an empty slug is made from that language's title; a slug another
    post of the same month and section already has in that language is refused, with a free one offered.

    The admin also fills each slug from its title while typing (`prepopulated_fields`); this is the
    same rule on the server, for slugs left empty and for forms sent without JavaScript."""

    def clean(self):
        cleaned = super().clean()
        section, date = cleaned.get("section"), cleaned.get("date")
        if not section or not date:
            return cleaned  # their own errors are shown
        for code in language_codes():
            field = f"slug_{code}"
            if field not in self.fields:
                continue
            slug, title = cleaned.get(field) or "", cleaned.get(f"title_{code}") or ""
            where = {"language": code, "section": section, "date": date, "pk": self.instance.pk}
            if not slug and title:
                cleaned[field] = unique_slug(title, **where)
            elif slug and slug_taken(slug, **where):
                free = first_free(slug, lambda candidate, where=where: slug_taken(candidate, **where))
                self.add_error(
                    field,
                    _("Another post of this section and month already uses this slug; “%(free)s” is free.")
                    % {"free": free},
                )
        return cleaned
