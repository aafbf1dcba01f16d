"""What frames the posts: the site's identity, its main menu in each language, and static pages.

- `SiteIdentity`: one row, the site's translated `name` and `tagline`; `settings.SITE_NAME` is its initial
  value and the fallback when a language has no name. Also the "support us" text (translated) and link
  shown on posts marked `reward`. The importer sets it from a Hugo site's `title`
  (`SiteIdentity.set_name`).
- `MenuItem`: the main menu, one list per language, as Hugo's `menus.main` entries (name, url, weight,
  identifier); links follow Hugo's `relLangURL` (`pages.links`).
- `Page`: a page that is not a post (about, contact): translated title, description and Markdown body, and
  the path it is served at in each language (`/about/`, `/en/about/`), as Hugo served it. A page *exists*
  in a language when it has a title and a path there.

Translated fields get one column per language through modeltranslation (`translation.py`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy as _

from blog.models import key_validator, language_codes
from blog.publishing import PublishedPerLanguage, any_language, content_q, published_q
from blog.validators import validate_http_url
from pages.links import language_prefix, rel_lang_url, validate_menu_url, validate_page_path


def fallback_languages(language: str) -> list[str]:
    """`language`, then the languages modeltranslation falls back to (the default one first)."""
    fallbacks = getattr(settings, "MODELTRANSLATION_FALLBACK_LANGUAGES", {}).get("default", ())
    return list(dict.fromkeys([language, *fallbacks, *language_codes()]))


class SiteIdentity(models.Model):
    """The single row (pk 1) holding the site's name and tagline in each language."""

    ROW = 1

    name = models.CharField(_("site name"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    # The "support us" block on posts marked `reward`: shown where both the text (in the page's own
    # language, no fallback: an appeal in another language reads as a mistake) and the link are set.
    support_text = models.TextField(
        _("support text"),
        blank=True,
        max_length=600,
        help_text=_(
            "Shown on posts marked “reward”, in the languages it is written in, with the link below."
        ),
    )
    support_url = models.URLField(
        _("support link"),
        blank=True,
        validators=[validate_http_url],
        help_text=_("Where readers can support the site (a donation or membership page)."),
    )

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")

    def __str__(self) -> str:
        return self.name_in(settings.LANGUAGE_CODE)

    def save(self, *args, **kwargs):
        self.pk = self.ROW  # one row, whoever saves it
        super().save(*args, **kwargs)

    def support_in(self, language: str) -> dict[str, str] | None:
        """{"text", "url"} for the "support us" block in `language`, or None when either is missing."""
        text = (getattr(self, f"support_text_{language}", "") or "").strip()
        return {"text": text, "url": self.support_url} if text and self.support_url else None

    def name_in(self, language: str) -> str:
        """The name in `language`, else in the languages it falls back to, else `settings.SITE_NAME`."""
        return first_filled(self, "name", language) or settings.SITE_NAME

    @classmethod
    def set_name(cls, name_by_language: Mapping[str, str]) -> bool:
        """Make the site's name `name_by_language` ({"es": "Bitácora", "en": "Logbook"}); True if it changed.

        Languages left out (or empty) fall back to the default language's name; when that one is left out,
        it takes the first given name in fallback order (English first). Unknown languages are ignored.
        """
        names = {code: (name_by_language.get(code) or "").strip() for code in language_codes()}
        if not any(names.values()):
            raise ValueError("set_name needs at least one non-empty name in one of the site's languages")
        default = settings.LANGUAGE_CODE
        names[default] = names[default] or next(
            names[code] for code in fallback_languages(default) if names[code]
        )
        identity, _created = cls.objects.get_or_create(pk=cls.ROW)
        values = {f"name_{code}": name for code, name in names.items()}
        if all(getattr(identity, field) == value for field, value in values.items()):
            return False
        for field, value in values.items():
            setattr(identity, field, value)
        identity.save()
        return True


def first_filled(instance, field: str, language: str) -> str:
    """The field's value in `language` or the first language it falls back to that has one."""
    for code in fallback_languages(language):
        value = getattr(instance, f"{field}_{code}", "") or ""
        if value:
            return value
    return ""


def site_name(language: str) -> str:
    """The site's name in `language` (one query; `settings.SITE_NAME` when no row or no name is stored)."""
    identity = SiteIdentity.objects.filter(pk=SiteIdentity.ROW).first()
    return identity.name_in(language) if identity else settings.SITE_NAME


class MenuItem(models.Model):
    """One entry of the main menu in one language (a Hugo `menus.main` entry)."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, db_index=True)
    name = models.CharField(_("label"), max_length=100)
    url = models.CharField(
        _("address"),
        max_length=500,
        validators=[validate_menu_url],
        help_text=_(
            "An address on this site as in Hugo's menus (/blog/ is shown as /pt/blog/ in Portuguese), "
            "or an http:// or https:// address."
        ),
    )
    weight = models.IntegerField(
        _("weight"), default=0, help_text=_("Lighter entries come first; entries weighing 0 come last.")
    )
    identifier = models.CharField(_("identifier"), max_length=100, blank=True, validators=[key_validator])

    class Meta:
        ordering = ["language", "weight", "name"]
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "identifier"],
                condition=~Q(identifier=""),
                name="menu_item_identifier_per_language",
                violation_error_message=_("This language's menu has an entry with this identifier already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"

    def href(self) -> str:
        """Where the entry links to in its language (Hugo's `relLangURL`)."""
        return rel_lang_url(self.url, self.language)


def hugo_menu_order(entry) -> tuple:
    """Hugo's menu order: by weight, entries weighing 0 last, then by name and identifier."""
    return (entry.weight == 0, entry.weight, entry.name, entry.identifier)


PAGE_CONTENT_FIELDS = ("title", "path")


def exists_in(language: str) -> Q:
    """Pages a reader sees in `language`: a title and a path there, that language published and due."""
    return content_q(PAGE_CONTENT_FIELDS, language) & published_q(language)


class PageQuerySet(models.QuerySet):
    def live(self) -> PageQuerySet:
        """Pages a reader sees in some language."""
        return self.filter(any_language(exists_in))

    def existing_in(self, language: str) -> PageQuerySet:
        return self.filter(exists_in(language))

    def at_paths(self, paths: Iterable[str]) -> PageQuerySet:
        """Pages served at one of `paths` in some language."""
        paths = list(paths)
        return self.filter(
            reduce(operator.or_, (Q(**{f"path_{code}__in": paths}) for code in language_codes()))
        )


class Page(PublishedPerLanguage):
    CONTENT_FIELDS = PAGE_CONTENT_FIELDS

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("For search engines and links."))
    body = models.TextField(_("body (Markdown)"), blank=True)
    path = models.CharField(
        _("path"),
        max_length=500,
        blank=True,
        db_index=True,
        validators=[validate_page_path],
        help_text=_("Where the page is served in this language, such as /about/. Empty: /<slug>/."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    source_key = models.CharField(
        _("source key"), max_length=500, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [("publish_page", _("Can publish, schedule and unpublish a language of a page"))]

    def __str__(self) -> str:
        return first_filled(self, "title", settings.LANGUAGE_CODE) or self.slug

    def save(self, *args, **kwargs):
        self.fill_default_paths()
        super().save(*args, **kwargs)

    def get_absolute_url(self, language: str | None = None) -> str:
        """The page's URL in `language` (by default the default language); "" where it does not exist."""
        language = language or settings.LANGUAGE_CODE
        return iri_to_uri(self.paths().get(language, ""))

    def clean(self) -> None:
        """No two languages of the page, and no two pages, are served at one path."""
        self.fill_default_paths()
        paths = {
            code: self.translated("path", code) for code in language_codes() if self.translated("path", code)
        }
        errors = {}
        for code, path in paths.items():
            if list(paths.values()).count(path) > 1:
                errors[f"path_{code}"] = _("Another language of this page has this path.")
        taken = {
            path
            for other in Page.objects.at_paths(paths.values()).exclude(pk=self.pk)
            for path in stored_paths(other)
        }
        for code, path in paths.items():
            if path in taken:
                errors.setdefault(f"path_{code}", _("Another page is served at this path."))
        if errors:
            raise ValidationError(errors)

    def exists_in_language(self, language: str) -> bool:
        """A reader sees this page in `language` (title and path there, published and due)."""
        return self.is_visible_in(language)

    def languages(self) -> list[str]:
        return self.visible_languages()

    def paths(self) -> dict[str, str]:
        """The page's path in each language a reader sees it in (decoded, as stored), in settings order."""
        return {code: self.translated("path", code) for code in self.languages()}

    def fill_default_paths(self) -> None:
        """A language with a title and no path gets `/<slug>/` under its prefix (`/pt/<slug>/`)."""
        for code in language_codes():
            if self.translated("title", code) and not self.translated("path", code) and self.slug:
                setattr(self, f"path_{code}", f"{language_prefix(code)}/{self.slug}/")


def stored_paths(page: Page) -> set[str]:
    """Every path stored on `page`, in every language (also where it has no title yet)."""
    return {page.translated("path", code) for code in language_codes()} - {""}
