"""Categories, tags and the series of one translation group: the terms its pages name (linked across
languages by `term_links`, over the whole run) matched with the catalog's, and the new and completed rows.

A term {language: name} becomes one row with `name_<lang>` and `slug_<lang>` for each of its languages. A
name matches a stored term by its slug in that language (or an old slug of it), else by its name in that
language (case-insensitive): the stored term keeps its slug and the imported one becomes a `TermRedirect`
to it, so Hugo's URL still answers. A language the matched term lacks is filled in; written names and
slugs are never replaced, and a name whose language the matched term already has under another name and
slug becomes a term of its own. The post is linked to the rows of the names its own pages use.
"""

from __future__ import annotations

import copy

from blog.models import Category, Series, Tag, TermRedirect, language_codes
from importing.catalog import Catalog, term_slug
from importing.grouping import Group
from importing.term_links import TAXONOMIES, group_lists, link_terms, unique_names

MODELS = {"categories": Category, "tags": Tag, "series": Series}


def pair_terms(names_by_language: dict[str, list[str]], order: list[str]) -> list[dict[str, str]]:
    """One group's translated term lists → its terms {language: name}, in first-seen order (languages in
    `order`): the run-wide rule of `term_links` applied to this group alone."""
    lists = {code: names_by_language[code] for code in order if code in names_by_language}
    linked = link_terms([lists])
    terms: dict[int, dict[str, str]] = {}
    for code, names in lists.items():
        for name in unique_names(names):
            term = linked[(code, term_slug(name))]
            terms.setdefault(id(term), term)
    return list(terms.values())


def _named(group: Group, attribute: str, languages: list[str]) -> list[tuple[str, str, dict]]:
    """[(language, slug, term)] the group's pages name: linked over the run when the pipeline did it."""
    if attribute in group.terms:
        return group.terms[attribute]
    lists = group_lists(group, attribute, languages)
    linked = link_terms([lists])
    return [
        (code, term_slug(name), linked[(code, term_slug(name))])
        for code, names in lists.items()
        for name in unique_names(names)
    ]


class _Resolution:
    """The rows of one group's terms, and what to write: new and completed rows, redirects."""

    def __init__(self, catalog: Catalog, order: list[str]):
        self.catalog = catalog
        self.order = order
        self.to_write: list = []
        self.rows: dict[tuple[type, str, str], object] = {}  # (model, language, slug) → row

    def row(self, model, code: str, slug: str, term: dict[str, str]):
        key = (model, code, slug)
        if key not in self.rows:
            self.rows.update(self._resolve(model, term))
        return self.rows[key]

    def _resolve(self, model, term: dict[str, str]) -> dict:
        """Each (model, language, slug) of one term → its row."""
        codes = [code for code in self.order if code in term]
        slugs = {code: term_slug(term[code]) for code in codes}
        found = {code: self.catalog.find_term(model, code, slugs[code]) for code in codes}
        target = next((found[code] for code in codes if found[code] is not None), None)
        if target is None:
            target = next(
                (t for code in codes if (t := self.catalog.find_term_by_name(model, code, term[code]))), None
            )
        rows, fresh = {}, None
        for code in codes:
            row = found[code]
            if row is None and target is not None:
                row = self._join(target, model, code, slugs[code], term[code])
            if row is None:
                fresh = fresh or self._new(model)
                _name(fresh, code, term[code], slugs[code])
                row = fresh
            target = target or row
            rows[(model, code, slugs[code])] = row
        return rows

    def _join(self, target, model, code: str, slug: str, name: str):
        """The stored term for a name it lacks: filled in, or reached by a redirect; None if it cannot be."""
        stored_slug = target.slug_in(code)
        if not stored_slug:
            completed = self._editable(target)
            _name(completed, code, name, slug)
            return completed
        if (target.name_in(code) or "").casefold() == name.casefold():
            redirect = TermRedirect(kind=model.kind, language=code, slug=slug)
            redirect.origin = TermRedirect.Origin.HUGO
            setattr(redirect, model.kind, target)
            self.to_write.append(redirect)
            return target
        return None

    def _editable(self, term):
        """A copy of a stored term to complete (the catalog's own object changes only once it is written)."""
        for written in self.to_write:
            if type(written) is type(term) and written.pk == term.pk and term.pk is not None:
                return written
        if term.pk is None:
            return term
        completed = copy.copy(term)
        self.to_write.append(completed)
        return completed

    def _new(self, model):
        term = model()
        for code in language_codes():
            setattr(term, f"slug_{code}", None)
            setattr(term, f"name_{code}", "")
        self.to_write.append(term)
        return term


def _name(term, code: str, name: str, slug: str) -> None:
    setattr(term, f"slug_{code}", slug)
    if not term.name_in(code):
        setattr(term, f"name_{code}", name)


def resolve_group_terms(group: Group, languages: list[str], catalog: Catalog, order: list[str]):
    """(categories and tags by attribute, the series as a list of at most one, rows and redirects to
    write)."""
    resolution = _Resolution(catalog, order)
    relations = {}
    for attribute in TAXONOMIES:
        rows = []
        for code, slug, term in _named(group, attribute, languages):
            row = resolution.row(MODELS[attribute], code, slug, term)
            if all(row is not other for other in rows):
                rows.append(row)
        relations[attribute] = rows
    series = relations.pop("series")[:1]  # a post has one series: its first language's
    return relations, series, resolution.to_write


def save_group_terms(to_write: list) -> None:
    """Insert the new terms, write the languages filled in on stored ones, then the redirects."""
    fields = [f"{field}_{code}" for field in ("name", "slug") for code in language_codes()]
    for model in MODELS.values():
        rows = [term for term in to_write if type(term) is model]
        new = [term for term in rows if term.pk is None]
        if new:
            model.objects.bulk_create(new)
            if any(term.pk is None for term in new):  # backends that do not return ids
                _fetch_ids(model, new)
        changed = [term for term in rows if term not in new]
        if changed:
            model.objects.bulk_update(changed, fields)
    redirects = [row for row in to_write if isinstance(row, TermRedirect)]
    for redirect in redirects:  # `term` was saved above: take its primary key now
        setattr(redirect, redirect.kind, redirect.term)
    if redirects:
        TermRedirect.objects.bulk_create(redirects)


def _fetch_ids(model, terms: list) -> None:
    for term in terms:
        code = term.languages()[0]
        term.pk = model.objects.values_list("pk", flat=True).get(**{f"slug_{code}": term.slug_in(code)})
