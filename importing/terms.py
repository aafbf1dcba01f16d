"""Categories, tags and the series of one translation group: pairing the translated names of its pages into
terms, matching them with the catalog's, and writing the new and completed ones.

Term rule: across a group, names are paired first by equal slug, then the remaining ones in list order
when the lists have the same length (`Comunidad` in es and `Community` in en at the same index are one
`Tag`); a name left over becomes a term of its own, and a name whose slug its list already has is a
repetition and is dropped. A term's slug comes from its name in the group's first language in the order
default language, English, others. An imported name matches an existing term when its slug equals the
term's slug or the name equals (case-insensitively) any of the term's translated names; empty translated
names are filled in, written names never replaced.
"""

from __future__ import annotations

import copy
import itertools

from blog.models import Category, Series, Tag, language_codes
from importing.catalog import Catalog, term_slug
from importing.grouping import Group

TERM_FIELDS = (("categories", Category), ("tags", Tag))


def pair_terms(names_by_language: dict[str, list[str]], order: list[str]) -> list[dict[str, str]]:
    """Translated term lists → concepts {language: name}: by equal slug first, then by list position.

    Linear in the number of names: every lookup goes through `_Concepts`' slug indexes (a post with
    thousands of tags took minutes when each name scanned every concept).
    """
    languages = [code for code in order if names_by_language.get(code)]
    if not languages:
        return []
    first, *others = languages
    concepts = _Concepts()
    # The concept of each name of the first language, by its position in that list.
    by_position = [concepts.of(first, name) for name in names_by_language[first]]
    for code in others:
        names = names_by_language[code]
        pending = _pair_by_slug(code, names, concepts)
        # Names left after slug matching pair with the concepts still lacking this language, in list
        # order, when both lists have the same length (then the lists are translations of each other).
        free = _lacking(code, by_position) if len(names) == len(by_position) else []
        for name, concept in itertools.zip_longest(pending, free[: len(pending)]):
            if concept is not None:
                concepts.name(concept, code, name)
            else:
                concepts.add({code: name})
    return concepts.all


class _Concepts:
    """The concepts of one pairing in creation order, indexed by the slugs of their names."""

    def __init__(self) -> None:
        self.all: list[dict[str, str]] = []
        self._order: dict[int, int] = {}  # id(concept) → its index in `all`
        self._by_slug: dict[str, list[dict[str, str]]] = {}  # slug of any of its names → concepts
        self._slugs: dict[tuple[str, str], dict[str, str]] = {}  # (language, slug) → the concept named so

    def add(self, concept: dict[str, str]) -> dict[str, str]:
        self._order[id(concept)] = len(self.all)
        self.all.append(concept)
        for code, name in list(concept.items()):
            self.name(concept, code, name)
        return concept

    def name(self, concept: dict[str, str], code: str, name: str) -> None:
        concept[code] = name
        slug = term_slug(name)
        self._by_slug.setdefault(slug, []).append(concept)
        self._slugs.setdefault((code, slug), concept)

    def of(self, code: str, name: str) -> dict[str, str]:
        """The concept whose `code` name has the slug of `name`, added when there is none."""
        return self._slugs.get((code, term_slug(name))) or self.add({code: name})

    def named(self, code: str, slug: str) -> bool:
        """Whether a concept has a `code` name of this slug."""
        return (code, slug) in self._slugs

    def lacking_with_slug(self, code: str, slug: str) -> dict[str, str] | None:
        """The earliest concept without a `code` name that has a name of this slug."""
        candidates = [c for c in self._by_slug.get(slug, ()) if code not in c]
        return min(candidates, key=lambda c: self._order[id(c)], default=None)


def _pair_by_slug(code: str, names: list[str], concepts: _Concepts) -> list[str]:
    """Give each name the concept lacking `code` that has a name of its slug; the names left unpaired."""
    pending: dict[str, str] = {}  # slug → name
    for name in names:
        slug = term_slug(name)
        match = concepts.lacking_with_slug(code, slug)
        if match is not None:
            concepts.name(match, code, name)
        elif not (concepts.named(code, slug) or slug in pending):  # else the same name twice in one list
            pending[slug] = name
    return list(pending.values())


def _lacking(code: str, by_position: list[dict[str, str]]) -> list[dict[str, str]]:
    """The concepts still without a `code` name, once each, in the first language's list order."""
    return list({id(c): c for c in by_position if code not in c}.values())


def resolve_terms(model, concepts: list[dict[str, str]], catalog: Catalog, order: list[str]):
    """(terms for the post, terms to write): existing ones with empty names filled, or new ones."""
    terms, to_write = [], []
    created: dict[str, object] = {}  # two concepts of one group never create the same slug twice
    for concept in concepts:
        names = [concept[code] for code in order if code in concept]
        term = catalog.find(model, names) or created.get(term_slug(names[0]))
        if term is None:
            term = model(slug=term_slug(names[0]), name=names[0])
            for code, name in concept.items():
                setattr(term, f"name_{code}", name)
            to_write.append(term)
            created[term.slug] = term
        elif term.slug not in created:
            missing = {c: n for c, n in concept.items() if not (getattr(term, f"name_{c}", "") or "")}
            if missing:
                term = copy.copy(term)
                for code, name in missing.items():
                    setattr(term, f"name_{code}", name)
                to_write.append(term)
        terms.append(term)
    return terms, to_write


def create_by_slug(model, objects: list) -> None:
    """Insert new rows in one query and make sure each object knows its primary key."""
    if not objects:
        return
    model.objects.bulk_create(objects)
    if any(obj.pk is None for obj in objects):  # backends that do not return ids
        stored = model.objects.in_bulk([obj.slug for obj in objects], field_name="slug")
        for obj in objects:
            obj.pk = stored[obj.slug].pk


def save_terms(model, to_write: list) -> None:
    """Insert the new terms; write the translated names filled in on the existing ones."""
    new = [term for term in to_write if term.pk is None]
    create_by_slug(model, new)
    changed = [term for term in to_write if term not in new]
    if changed:
        fields = [f"name_{code}" for code in language_codes()]
        model.objects.bulk_update(changed, fields)


def resolve_group_terms(group: Group, languages: list[str], catalog: Catalog, order: list[str]):
    """(categories and tags by attribute, the series as a list of at most one, terms to write)."""
    to_write: list = []
    relations = {}
    for attribute, model in TERM_FIELDS:
        concepts = pair_terms({c: getattr(group.pages[c], attribute) for c in languages}, order)
        relations[attribute], new_terms = resolve_terms(model, concepts, catalog, order)
        to_write += new_terms
    series_concepts = pair_terms({c: group.pages[c].series[:1] for c in languages}, order)
    series_terms, new_series = resolve_terms(Series, series_concepts[:1], catalog, order)
    return relations, series_terms, to_write + new_series
