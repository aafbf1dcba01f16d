"""Which term names are one term across languages: a pure step over every group of a run at once.

In Hugo a term exists per language: `/tags/código-abierto/`, `/en/tags/open-source/` and
`/pt/tags/código-aberto/` are three pages, each listing its own language's posts. Linking them as
translations of one term (one `Tag` row, one language switcher) is done only when it is certain:

1. names with the same slug in different languages are one term (`django` in es, pt and en);
2. term pages (`content/tags/<slug>/_index.<lang>.md`) with the same `translationKey` are one term, and a
   name with such a page is linked by it alone (explicit wins over position);
3. names at the same position of a group's lists are one term when the group's lists are *parallel* (all
   the same length, every name whose slug is in another language's list at the same position there) and
   the pairing holds in every group of the run where either name appears with a page in the other's
   language: the other name is there too, and at the same position when that group is parallel;
4. a link that would put two names of one language in one term is left out.

Everything else stays a term of its own language. es `[IA, Nube]`, pt `[Nuvem, IA]`, en `[AI, Cloud]`
are not parallel (IA moved), so they give IA (es, pt), Nube (es), Nuvem (pt), AI (en) and Cloud (en).
Linear in the number of names, plus one check per distinct candidate pair over the groups its names are in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from importing.catalog import term_slug

Node = tuple[str, str]  # (language, slug): one term page of Hugo's
TAXONOMIES = ("categories", "tags", "series")


@dataclass
class TermPage:
    """A term's own content page (`content/tags/open-source/_index.en.md`): its title and translation key."""

    taxonomy: str
    language: str
    slug: str
    title: str = ""
    translation_key: str = ""


@dataclass
class _Run:
    """The names of one taxonomy in every group: positions per group and the groups each name is in."""

    names: dict[Node, str] = field(default_factory=dict)
    positions: list[dict[Node, int]] = field(default_factory=list)
    languages: list[set[str]] = field(default_factory=list)
    parallel: list[bool] = field(default_factory=list)
    occurrences: dict[Node, list[int]] = field(default_factory=dict)


def unique_names(names: Iterable[str]) -> list[str]:
    """The names in order, a repeated one (same slug) once."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(term_slug(name), name)
    return list(seen.values())


def link_terms(
    lists: list[dict[str, list[str]]], pages: Iterable[TermPage] = ()
) -> dict[Node, dict[str, str]]:
    """Every (language, slug) named in `lists` (per group: language → names, one entry for every language
    the group has a page in, empty lists included) → its term {language: name}, one dict shared by the
    linked names."""
    run = _read(lists)
    keyed: dict[Node, str] = {}
    for page in pages:
        node = (page.language, page.slug)
        if page.title and node in run.names:
            run.names[node] = page.title
        if page.translation_key:
            keyed[node] = page.translation_key
    links = _Links(run.names)
    by_slug: dict[str, list[Node]] = {}
    for node in run.names:
        by_slug.setdefault(node[1], []).append(node)
    for nodes in by_slug.values():
        links.join_all(nodes)
    by_key: dict[str, list[Node]] = {}
    for node, key in keyed.items():
        if node in run.names:
            by_key.setdefault(key, []).append(node)
    for nodes in by_key.values():
        links.join_all(nodes)
    for first, second in _candidates(run):
        if first not in keyed and second not in keyed and _holds(run, first, second):
            links.join(first, second)
    return links.terms()


def _read(lists: list[dict[str, list[str]]]) -> _Run:
    run = _Run()
    for index, by_language in enumerate(lists):
        positions: dict[Node, int] = {}
        slug_positions: dict[str, set[int]] = {}
        lengths = set()
        for code, names in by_language.items():
            unique = unique_names(names)
            if unique:
                lengths.add(len(unique))
            for position, name in enumerate(unique):
                node = (code, term_slug(name))
                positions[node] = position
                slug_positions.setdefault(node[1], set()).add(position)
                run.names.setdefault(node, name)
                run.occurrences.setdefault(node, []).append(index)
        run.positions.append(positions)
        run.languages.append(set(by_language))
        run.parallel.append(len(lengths) == 1 and all(len(p) == 1 for p in slug_positions.values()))
    return run


def _candidates(run: _Run) -> list[tuple[Node, Node]]:
    """Pairs of names of two languages at the same position of a parallel group, each pair once, in the
    order they first appear."""
    seen: dict[tuple[Node, Node], None] = {}
    for index, positions in enumerate(run.positions):
        if not run.parallel[index]:
            continue
        columns: dict[int, list[Node]] = {}
        for node, position in positions.items():
            columns.setdefault(position, []).append(node)
        for column in columns.values():
            for i, first in enumerate(column):
                for second in column[i + 1 :]:
                    if first[1] != second[1]:
                        seen.setdefault((first, second), None)
    return list(seen)


def _holds(run: _Run, first: Node, second: Node) -> bool:
    """Whether, wherever one name appears with a page in the other's language, the other appears too (at
    the same position in a parallel group)."""
    for one, other in ((first, second), (second, first)):
        for index in run.occurrences[one]:
            if other[0] not in run.languages[index]:
                continue
            positions = run.positions[index]
            if other not in positions:
                return False
            if run.parallel[index] and positions[other] != positions[one]:
                return False
    return True


class _Links:
    """Union-find over names that keeps one name per language in a term."""

    def __init__(self, names: dict[Node, str]):
        self.names = names
        self.parent: dict[Node, Node] = {node: node for node in names}
        self.members: dict[Node, dict[str, Node]] = {node: {node[0]: node} for node in names}

    def root(self, node: Node) -> Node:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, first: Node, second: Node) -> bool:
        a, b = self.root(first), self.root(second)
        if a == b:
            return True
        if self.members[a].keys() & self.members[b].keys():
            return False  # two names of one language would become one term
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].update(self.members.pop(b))
        return True

    def join_all(self, nodes: list[Node]) -> None:
        for node in nodes[1:]:
            self.join(nodes[0], node)

    def terms(self) -> dict[Node, dict[str, str]]:
        by_root: dict[Node, dict[str, str]] = {}
        result = {}
        for node in self.names:  # first-seen order
            term = by_root.setdefault(self.root(node), {})
            term[node[0]] = self.names[node]
            result[node] = term
        return result


def group_lists(group, attribute: str, languages: list[str]) -> dict[str, list[str]]:
    """A group's names of one taxonomy per language it has (only the first series: a post has one)."""
    lists = {code: list(getattr(group.pages[code], attribute)) for code in languages}
    if attribute == "series":
        lists = {code: names[:1] for code, names in lists.items()}
    return lists


def term_pages(pages: Iterable) -> list[TermPage]:
    """The run's term pages (`Page`s of kind "term": `content/tags/<slug>/_index.<lang>.md`)."""
    return [
        TermPage(
            taxonomy=page.path.section,
            language=page.language,
            slug=term_slug(PurePosixPath(page.path.folder).name),
            title=page.title,
            translation_key=page.translation_key,
        )
        for page in pages
        if page.kind == "term"
    ]


def link_groups(groups: list, order: list[str], pages: Iterable = ()) -> None:
    """Link the terms of every group of the run (and the run's term pages, from `pages`) and give each group
    its terms per taxonomy (`group.terms`): [(language, slug, term)] in the group's language order, each
    name once."""
    pages = term_pages(pages)
    for attribute in TAXONOMIES:
        per_group = [group_lists(group, attribute, group.languages(order)) for group in groups]
        terms = link_terms(per_group, [page for page in pages if page.taxonomy == attribute])
        for group, lists in zip(groups, per_group, strict=True):
            group.terms[attribute] = [
                (code, term_slug(name), terms[(code, term_slug(name))])
                for code, names in lists.items()
                for name in unique_names(names)
            ]
