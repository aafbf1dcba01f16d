"""The site's frame as a page shows it (name, tagline, main menu), and the importer's way to replace a menu.

`site_frame(language)` reads the name, the tagline and the language's menu in one query (a UNION of the
identity row and the menu rows): every page shows them, and the reader's context processor keeps the result
per content generation (`ops.caching.remember`), so a page normally pays nothing for it.

`replace_menu(language, entries)` makes a language's menu exactly `entries` (Hugo `menus.main` entries):
entries are matched by identifier (else by name and address), so a repeated import changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, IntegerField, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from pages.models import MenuItem, SiteIdentity, fallback_languages, hugo_menu_order

IDENTITY_ROW, MENU_ROW = 0, 1


def _translated(field_name: str, language: str) -> Coalesce:
    """The field in `language`, else in the languages it falls back to (NULL when all are empty)."""
    columns = [NullIf(F(f"{field_name}_{code}"), Value("")) for code in fallback_languages(language)]
    return Coalesce(*columns, Value(None), output_field=CharField())


def frame_rows(language: str) -> list[tuple]:
    """(kind, label, text, weight, identifier) rows: the identity (name, tagline) and each menu entry.

    Every column is an annotation, named and ordered alike on both sides of the UNION. The identity side is a
    plain QuerySet: modeltranslation's would reorder the selected columns."""
    columns = ("kind", "label", "text", "rank", "key")
    identity = (
        QuerySet(model=SiteIdentity)
        .filter(pk=SiteIdentity.ROW)
        .order_by()
        .annotate(
            kind=Value(IDENTITY_ROW, output_field=IntegerField()),
            label=_translated("name", language),
            text=_translated("tagline", language),
            rank=Value(0, output_field=IntegerField()),
            key=Value("", output_field=CharField()),
        )
        .values_list(*columns)
    )
    menu = (
        MenuItem.objects.filter(language=language)
        .order_by()
        .annotate(
            kind=Value(MENU_ROW, output_field=IntegerField()),
            label=F("name"),
            text=F("url"),
            rank=F("weight"),
            key=F("identifier"),
        )
        .values_list(*columns)
    )
    return list(identity.union(menu, all=True))


def site_frame(language: str) -> dict:
    """{"name", "tagline", "menu": [{"label", "url", "identifier"}]} for `language`, in one query."""
    name, tagline, entries = "", "", []
    for kind, label, text, weight, identifier in frame_rows(language):
        if kind == IDENTITY_ROW:
            name, tagline = label or "", text or ""
        else:
            entries.append(
                MenuItem(language=language, name=label, url=text, weight=weight, identifier=identifier)
            )
    menu = [
        {"label": entry.name, "url": entry.href(), "identifier": entry.identifier}
        for entry in sorted(entries, key=hugo_menu_order)
    ]
    return {"name": name or settings.SITE_NAME, "tagline": tagline, "menu": menu}


@dataclass
class MenuChange:
    """What `replace_menu` did: counts, and one line per entry it refused (the rest are written)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    refused: list[str] = field(default_factory=list)


EDITABLE_FIELDS = ("name", "url", "weight", "identifier")


def replace_menu(language: str, entries: Iterable[Mapping]) -> MenuChange:
    """Make `language`'s main menu exactly `entries` (each: name, url, optional weight and identifier).

    An entry whose address is refused (`javascript:`, `//host`) or that lacks a name is left out and named
    in `refused`; the others are validated like the admin's and written in one transaction.
    """
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"{language!r} is not one of the site's languages")
    change = MenuChange()
    wanted = []
    for entry in entries:
        item = MenuItem(
            language=language,
            name=str(entry.get("name") or "").strip(),
            url=str(entry.get("url") or "").strip(),
            weight=int(entry.get("weight") or 0),
            identifier=str(entry.get("identifier") or "").strip(),
        )
        try:
            item.full_clean(validate_unique=False, validate_constraints=False)
            if item.identifier and item.identifier in {other.identifier for other in wanted}:
                raise ValidationError(f"identifier {item.identifier!r} repeated")
        except ValidationError as error:
            change.refused.append(f"{item.name or '?'} ({item.url!r}): {'; '.join(error.messages)}")
            continue
        wanted.append(item)
    with transaction.atomic():
        existing = list(MenuItem.objects.select_for_update().filter(language=language))
        for item in wanted:
            match = _matching(item, existing)
            if match is None:
                item.save()
                change.created += 1
                continue
            existing.remove(match)
            if all(getattr(match, name) == getattr(item, name) for name in EDITABLE_FIELDS):
                change.unchanged += 1
                continue
            for name in EDITABLE_FIELDS:
                setattr(match, name, getattr(item, name))
            match.save()
            change.updated += 1
        for leftover in existing:
            leftover.delete()
            change.deleted += 1
    return change


def _matching(item: MenuItem, existing: list[MenuItem]) -> MenuItem | None:
    for candidate in existing:
        if item.identifier and candidate.identifier == item.identifier:
            return candidate
    for candidate in existing:
        if not item.identifier and (candidate.name, candidate.url) == (item.name, item.url):
            return candidate
    return None
