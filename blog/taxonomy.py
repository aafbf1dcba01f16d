"""Categories, tags and series: a term exists in the languages it has a slug in, as in Hugo.

Hugo builds a term page per language from the names that language's pages use (`/tags/código-abierto/`,
`/en/tags/open-source/`, `/pt/tags/código-aberto/`). A row here is one term, linked across the languages in
which it is certainly the same term (the importer's rule is in `importing.terms`): `name_<lang>` and
`slug_<lang>` (modeltranslation, `translation.py`) are its name and URL in each of them. A row without a slug
in a language has no page there (a 404), and posts are listed under it only in the languages it has.

Slugs are unique per language (an empty slug is no slug). When a slug changes, the old one is kept as
a `TermRedirect`, so the old URL (and its feed) answers with a 301; the importer records Hugo's own slug
the same way when the stored term already has another one. The untranslated `slug` column is
modeltranslation's original field: the slug in the language active when the row was saved (else the
first one it has), kept for the admin's lists and ordering only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from blog.validators import key_validator

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def slug_constraints() -> list[models.UniqueConstraint]:
    """One partial unique index per language: two terms of a kind never share a slug in one language."""
    return [
        models.UniqueConstraint(
            fields=[f"slug_{code}"],
            condition=Q(**{f"slug_{code}__gt": ""}),
            name=f"%(app_label)s_%(class)s_slug_{code}_unique",
        )
        for code in LANGUAGE_CODES
    ]


class Term(models.Model):
    """What categories, tags and series share: a name and a slug in each language the term exists in."""

    slug = models.CharField(_("slug"), max_length=100, blank=True, validators=[key_validator])
    name = models.CharField(_("name"), max_length=200)

    url_name: str = ""
    kind: str = ""  # "category", "tag", "series": the URL names and TermRedirect.kind

    class Meta:
        abstract = True
        ordering = ["slug"]
        constraints = slug_constraints()

    def __str__(self) -> str:
        return self.name or self.slug

    def save(self, *args, **kwargs):
        for code in LANGUAGE_CODES:  # an empty slug is stored as NULL: no slug in that language
            if not getattr(self, f"slug_{code}", None):
                setattr(self, f"slug_{code}", None)
        before = None
        if self.pk is not None:
            columns = [f"slug_{code}" for code in LANGUAGE_CODES]
            before = type(self).objects.filter(pk=self.pk).values(*columns).first()
        super().save(*args, **kwargs)
        remember_old_slugs(self, before or {})

    def get_absolute_url(self, language: str | None = None) -> str:
        """The page in `language` (the active one by default), else in the first language it exists in."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        url = self.url_in(language)
        if url is None:
            url = next((self.url_in(code) for code in self.languages()), None)
        return url or reverse(self.url_name, kwargs={"slug": self.slug or str(self.pk)})

    def slug_in(self, language: str) -> str:
        """The term's own slug in `language` ("" when it does not exist there), never another language's."""
        return getattr(self, f"slug_{language}", None) or ""

    def name_in(self, language: str) -> str:
        return getattr(self, f"name_{language}", None) or ""

    def languages(self) -> list[str]:
        """The languages the term exists in (has a slug in), in settings order."""
        return [code for code in LANGUAGE_CODES if self.slug_in(code)]

    def url_in(self, language: str) -> str | None:
        """The term's page in `language`, or None when it does not exist there."""
        slug = self.slug_in(language)
        if not slug:
            return None
        with translation.override(language):
            return reverse(self.url_name, kwargs={"slug": slug})


class Category(Term):
    url_name = "blog:category-detail"
    kind = "category"

    class Meta(Term.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Tag(Term):
    url_name = "blog:tag-detail"
    kind = "tag"

    class Meta(Term.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class Series(Term):
    url_name = "blog:series-detail"
    kind = "series"

    class Meta(Term.Meta):
        verbose_name = _("series")
        verbose_name_plural = _("series")


TERM_MODELS = {model.kind: model for model in (Category, Tag, Series)}


class TermRedirect(models.Model):
    """An old slug of a term in one language (an earlier slug, or Hugo's): answered with a 301 to the term's
    page in that language, and the same for its feeds."""

    class Origin(models.TextChoices):
        HUGO = "hugo", _("Hugo URL")
        SLUG_CHANGE = "slug", _("earlier slug")

    kind = models.CharField(_("kind"), max_length=10, choices=[(kind, kind) for kind in TERM_MODELS])
    language = models.CharField(_("language"), max_length=8)
    slug = models.CharField(_("slug"), max_length=100)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)

    class Meta:
        ordering = ["kind", "language", "slug"]
        verbose_name = _("old term URL")
        verbose_name_plural = _("old term URLs")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language", "slug"], name="blog_termredirect_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.kind} {self.slug}"

    @property
    def term(self) -> Term | None:
        return getattr(self, self.kind)

    @classmethod
    def point(cls, term: Term, language: str, slug: str, origin: str) -> None:
        """Make `slug` in `language` lead to `term` (replacing whatever it led to)."""
        cls.objects.update_or_create(
            kind=term.kind,
            language=language,
            slug=slug,
            defaults={**dict.fromkeys(TERM_MODELS), term.kind: term, "origin": origin},
        )


def remember_old_slugs(term: Term, before: dict) -> None:
    """After a save: each slug the term left becomes a redirect; its current slugs are redirects no more."""
    for code in LANGUAGE_CODES:
        current, old = term.slug_in(code), before.get(f"slug_{code}") or ""
        if current:
            TermRedirect.objects.filter(kind=term.kind, language=code, slug=current).delete()
        if old and old != current:
            TermRedirect.point(term, code, old, TermRedirect.Origin.SLUG_CHANGE)
