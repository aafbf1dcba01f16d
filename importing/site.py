"""A Hugo site's own things, written after its posts: static pages (about, contact: regular pages without a
date) as `pages.Page` rows served at the paths Hugo served them at in each language, the site's name from
its `title`, and each language's main menu from `menus.main`.

Safe to repeat like posts: a page is matched by `source_key` (its translation key) and written only when a
field differs (`pages.importing.upsert_page`); the name and the menus change only where they differ
(`SiteIdentity.set_name`, `pages.menus.replace_menu`).
A dry run writes nothing (each step runs in a transaction that is rolled back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from blog.models import language_codes
from importing import language
from importing.catalog import Catalog
from importing.grouping import Group
from importing.hugo import HugoSite
from importing.media import body_with_stored_images
from importing.pages import Page
from importing.writer import WriteResult
from pages.importing import upsert_page
from pages.menus import replace_menu
from pages.models import SiteIdentity

MAIN_MENU = "main"
SLUG_MAX = 200


@dataclass
class SiteOutcome:
    """What happened to one site-wide thing (the name, a language's menu): one line of the report."""

    label: str
    status: str  # created / updated / unchanged
    warnings: list[str] = field(default_factory=list)


# --- static pages -----------------------------------------------------------------------------------------


def page_key(page: Page) -> str:
    """The static page's group: `translationKey`, else Hugo's path (`/about` for about/index.LANG.md)."""
    return page.translation_key or (page.path.translation_key if page.path else page.source.relative)


def write_static_page(
    group: Group, *, catalog: Catalog, order: list[str], dry_run: bool = False
) -> WriteResult:
    """One group of undated pages → one `pages.Page` through `pages.importing.upsert_page` (validated as
    the admin validates, matched by `source_key`), in its own transaction, rolled back in a dry run."""
    warnings: list[str] = []
    languages = group.languages(order)
    primary = group.pages[languages[0]]
    fields = {
        code: {
            "title": group.pages[code].title,
            "description": group.pages[code].summary,
            "body": body_with_stored_images(group.pages[code], catalog, dry_run, warnings),
        }
        for code in languages
    }
    name = PurePosixPath(primary.hugo_url or group.key).name
    slug = slugify(primary.slug or name, allow_unicode=True)[:SLUG_MAX].strip("-") or "page"
    with transaction.atomic():
        try:
            _page, outcome = upsert_page(
                source_key=group.key,
                slug=slug,
                fields_by_language=fields,
                paths_by_language={code: group.pages[code].hugo_url for code in languages},
                draft={code: group.pages[code].flags.get("draft", False) for code in languages},
            )
        except ValidationError as error:  # a path not on this site, or another page's
            raise PageNotWritten(_problems(error)) from error
        if dry_run:
            transaction.set_rollback(True)
    return WriteResult(str(outcome), None, warnings)


class PageNotWritten(Exception):
    """The page's paths were refused; the message says which and why."""


def _problems(error: ValidationError) -> str:
    with translation.override("en"):  # the report is in English
        if not hasattr(error, "error_dict"):
            return " ".join(error.messages)
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())


# --- the site's name and menus ------------------------------------------------------------------------------


def write_site_settings(site: HugoSite, *, dry_run: bool = False) -> list[SiteOutcome]:
    """The site's name from `title` (per language) and each language's main menu, in one transaction."""
    with transaction.atomic():
        outcomes = [*_write_name(site), *_write_menus(site)]
        if dry_run:
            transaction.set_rollback(True)
    return outcomes


def _site_languages(site: HugoSite) -> dict[str, str]:
    """This site's language code → the Hugo site's key for it (`pt` → `pt-br`), for languages both have."""
    codes: dict[str, str] = {}
    for key in site.languages:
        code = language.site_code(key)
        if code in language_codes():
            codes.setdefault(code, key)
    return codes


def _write_name(site: HugoSite) -> list[SiteOutcome]:
    names = {code: site.titles.get(key, "") for code, key in _site_languages(site).items()}
    if not any(names.values()):
        return []
    changed = SiteIdentity.set_name(names)
    shown = ", ".join(f"{code} {name!r}" for code, name in names.items() if name)
    return [SiteOutcome(f"site name: {shown}", "updated" if changed else "unchanged")]


def _write_menus(site: HugoSite) -> list[SiteOutcome]:
    """Each language's menu becomes its Hugo `main` menu; a site that configures none keeps its menus."""
    languages = _site_languages(site)
    if not any(site.menu(key, MAIN_MENU) for key in languages.values()):
        return []
    others = sorted({name for menus in site.menus.values() for name in menus} - {MAIN_MENU})
    outcomes = []
    for code, key in languages.items():
        entries = site.menu(key, MAIN_MENU)
        change = replace_menu(
            code,
            [{"name": e.name, "url": e.url, "weight": e.weight, "identifier": e.identifier} for e in entries],
        )
        warnings = [f"menu {code}: entry {refused} not imported" for refused in change.refused]
        if change.created and not (change.updated or change.unchanged or change.deleted):
            status = "created"
        else:
            status = "updated" if change.created or change.updated or change.deleted else "unchanged"
        label = (
            f"menu {code}: {len(entries) - len(change.refused)} entries ({change.created} new, "
            f"{change.updated} changed, {change.deleted} removed)"
        )
        outcomes.append(SiteOutcome(label, status, warnings))
    if others and outcomes:
        outcomes[0].warnings.append(
            f"menus other than main are not imported (one menu per language here): {', '.join(others)}"
        )
    return outcomes
