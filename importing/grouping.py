"""Pages → translation groups (one group = one Post with its languages side by side).

Keys, in order: front-matter `translationKey`; the Hugo path (same folder and base name, or the same
bundle); for loose files, content matching: same publication day and same cover file name, or same day
and same authors and categories. Two pages claiming one language in a group: the one whose language is
explicit (file-name suffix or front matter) wins, the other is reported and skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from importing.pages import Page


@dataclass
class Group:
    key: str
    pages: dict[str, Page] = field(default_factory=dict)  # language → page
    # Taxonomy → [(language, slug, term {language: name})], linked over the whole run (term_links).
    terms: dict[str, list] = field(default_factory=dict)

    def languages(self, order: list[str]) -> list[str]:
        return [code for code in order if code in self.pages]

    def primary(self, order: list[str]) -> Page:
        return self.pages[self.languages(order)[0]]


@dataclass(frozen=True)
class Dropped:
    page: Page
    reason: str


def language_order(default: str, languages: list[str]) -> list[str]:
    """Default language first, then English, then the rest: the order names and flags are taken in."""
    rest = [code for code in languages if code != default]
    rest.sort(key=lambda code: code != "en")
    return [default, *rest]


def page_key(page: Page) -> str:
    """The group key a page names itself (translationKey, else its Hugo path); '' for a loose file."""
    return page.translation_key or (page.path.translation_key if _in_hugo_tree(page) else "")


def group_pages(pages: list[Page], reserved=frozenset()) -> tuple[list[Group], list[Dropped]]:
    """`reserved`: keys of groups left out of this run's pages (unchanged since the last import): a loose
    group never takes one of them, as it would not take the key of a group present."""
    groups: dict[str, Group] = {}
    dropped: list[Dropped] = []
    loose: list[Page] = []
    for page in pages:
        key = page_key(page)
        if not key:
            loose.append(page)
            continue
        group = groups.setdefault(key, Group(key))
        loser = _add(group, page)
        if loser is not None:
            dropped.append(Dropped(loser, _duplicate_reason(loser, group)))
    for group in _match_loose(loose):
        # A loose file's key is its name; should a translationKey or Hugo path already use it, fall back
        # to the name with its extension (then a counter) rather than merge two unrelated posts.
        first = min(group.pages.values(), key=lambda p: p.source.relative)
        candidates = [
            group.key,
            first.source.relative,
            *(f"{first.source.relative}#{n}" for n in range(2, 100)),
        ]
        group.key = next(key for key in candidates if key not in groups and key not in reserved)
        groups[group.key] = group
    return list(groups.values()), dropped


def group_by(pages: list[Page], key: Callable[[Page], str]) -> tuple[list[Group], list[Dropped]]:
    """Pages that know their group (an author page's slug, a static page's translation key) grouped by
    `key`, with the same rule as posts: of two pages claiming one language, the explicit one wins (Hugo keeps
    `_index.es.md` over `_index.md` on a site whose default language is es)."""
    groups: dict[str, Group] = {}
    dropped: list[Dropped] = []
    for page in pages:
        group = groups.setdefault(key(page), Group(key(page)))
        loser = _add(group, page)
        if loser is not None:
            dropped.append(Dropped(loser, _duplicate_reason(loser, group)))
    return list(groups.values()), dropped


def _in_hugo_tree(page: Page) -> bool:
    return page.path is not None and bool(page.path.section)


def _add(group: Group, page: Page) -> Page | None:
    """Put `page` in the group; returns the page that lost a language clash, if any."""
    current = group.pages.get(page.language)
    if current is None:
        group.pages[page.language] = page
        return None
    if page.explicit_language and not current.explicit_language:
        group.pages[page.language] = page
        return current
    return page


def _duplicate_reason(loser: Page, group: Group) -> str:
    winner = group.pages[loser.language]
    kept = winner.source.relative
    return f"second {loser.language} version of {group.key!r}: kept {kept}, skipped this one"


def _match_loose(pages: list[Page]) -> list[Group]:
    """Loose files: translations share the day and the cover file name, or the day, authors and categories.

    Pages of the same language never join (they are separate posts that happen to match).
    """
    groups: list[tuple[set, Group]] = []
    for page in sorted(pages, key=lambda p: p.source.relative):
        keys = _content_keys(page)
        target = next(
            (group for group_keys, group in groups if group_keys & keys and page.language not in group.pages),
            None,
        )
        if target is None:
            groups.append((set(keys), Group(PurePosixPath(page.source.relative).stem)))
            target = groups[-1][1]
        else:
            next(group_keys for group_keys, group in groups if group is target).update(keys)
        target.pages[page.language] = page
    return [group for _keys, group in groups]


def _content_keys(page: Page) -> set:
    day = page.date.date().isoformat()
    keys = set()
    if page.authors or page.categories:
        keys.add(("people", day, tuple(sorted(page.authors)), tuple(sorted(page.categories))))
    if page.cover_source:
        keys.add(("cover", day, PurePosixPath(page.cover_source).name))
    return keys
