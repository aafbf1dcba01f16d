"""What the importer calls to bring a Hugo site's static pages in: `upsert_page`.

The importer owns reading Hugo (front matter, paths, languages); this module owns writing a page the way the
admin would: validated (paths on this site, no path taken twice), matched by `source_key` so a repeated
import changes nothing, and reporting what happened instead of printing.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from django.db import transaction

from blog.models import language_codes
from blog.publishing import LanguageStatus
from pages.models import Page

TRANSLATED_FIELDS = ("title", "description", "body")


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def upsert_page(
    *,
    source_key: str,
    slug: str,
    fields_by_language: Mapping[str, Mapping[str, str]],
    paths_by_language: Mapping[str, str],
    draft: Mapping[str, bool] | bool = False,
) -> tuple[Page, Outcome]:
    """Create or update the page imported from `source_key` (e.g. Hugo's `about/index`).

    `fields_by_language`: {"es": {"title": …, "description": …, "body": …}, "en": {…}} (Markdown bodies);
    `paths_by_language`: {"es": "/about/", "en": "/en/about/"}, decoded, as Hugo served each language.
    `draft` holds back every language, or those it maps to True. A language left out is emptied, so the
    page no longer exists there. Raises
    `django.core.exceptions.ValidationError` (nothing written) for a path that is not on this site or that
    another page already has; `slug` is used only when the page is created.
    """
    values: dict[str, object] = {}
    for code in language_codes():
        fields = fields_by_language.get(code) or {}
        held_back = draft.get(code, False) if isinstance(draft, Mapping) else draft
        values[f"status_{code}"] = LanguageStatus.DRAFT if held_back else LanguageStatus.PUBLISHED
        for name in TRANSLATED_FIELDS:
            values[f"{name}_{code}"] = str(fields.get(name) or "")
        values[f"path_{code}"] = str(paths_by_language.get(code) or "") if fields.get("title") else ""
    with transaction.atomic():
        page = Page.objects.select_for_update().filter(source_key=source_key).first()
        if page is None:
            page, outcome = Page(source_key=source_key, slug=unique_slug(slug)), Outcome.CREATED
        elif all(stored(page, name) == value for name, value in values.items()):
            return page, Outcome.UNCHANGED
        else:
            outcome = Outcome.UPDATED
        for name, value in values.items():
            setattr(page, name, value)
        page.full_clean()
        page.save()
    return page, outcome


def stored(page: Page, name: str):
    """A field's stored value, with an empty translated column (NULL) read as ""."""
    value = getattr(page, name)
    return "" if value is None else value


def unique_slug(slug: str) -> str:
    """`slug`, or `slug-2`, `slug-3`… when another page has it."""
    candidate, n = slug, 1
    while Page.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate
