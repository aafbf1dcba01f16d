"""The grid: posts (or pages, or events) × languages, each cell the language's state, words to translate
and a link to the desk; counts per language and state at the top.

A constant number of queries whatever the number of items: one aggregate for the counts, the paginator's
count, one page of rows (with each language's "outdated" and the published source's word count as
annotations), and the filter choices. "Outdated" is tested as `pk IN (SELECT object_id … WHERE
outdated)`, which the database answers with one hashed lookup per query, not a probe per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.models import Author, Post, has_content_in
from blog.publishing import LanguageState, content_q, state_conditions
from translating.fingerprints import word_count
from translating.models import PublishedSource, TranslationBasis
from translating.sources import Kind, kinds, language_codes, snapshot, source_language

OUTDATED = "outdated"
# The cell states in the grid's order; "outdated" wins over the status of a translation that has content.
STATES = ("missing", "draft", "review", "scheduled", OUTDATED, "published")
STATE_LABELS = {**dict(LanguageState.choices), OUTDATED: _("Outdated")}
PER_PAGE = 50


def outdated_ids(kind: Kind, language: str):
    content_type = ContentType.objects.get_for_model(kind.model)
    return TranslationBasis.objects.filter(
        content_type=content_type, language=language, outdated=True
    ).values("object_id")


def content(kind: Kind, language: str) -> Q:
    """Items with content in `language`; a post's body is tested by its stored size (`blog.models`), not
    compared as text, which would decompress every body."""
    if kind.model is Post:
        return has_content_in(language)
    return content_q(kind.model.CONTENT_FIELDS, language)


def cell_state(kind: Kind, language: str) -> Case:
    """The state the `language` cell shows, as one SQL expression: each row's state is worked out once.
    The publishing rules (`blog.publishing.STATE_RULES`), with "outdated" taking over from any state
    but "missing"."""
    rules = state_conditions(kind.model, language, content=content(kind, language))
    (missing, has_none), *others, (last, _always) = rules
    return Case(
        When(has_none, then=Value(missing)),
        When(Q(pk__in=outdated_ids(kind, language)), then=Value(OUTDATED)),
        *(When(condition, then=Value(state)) for state, condition in others),
        default=Value(last),
        output_field=CharField(),
    )


@dataclass
class Filters:
    kind: Kind
    state: str = ""
    language: str = ""
    section: str = ""
    author: str = ""

    @classmethod
    def from_query(cls, query) -> Filters:
        kind = kinds().get(query.get("kind", ""), kinds()["post"])
        state = query.get("state", "") if query.get("state", "") in STATES else ""
        language = query.get("language", "") if query.get("language", "") in language_codes() else ""
        sections = kind.has_section
        return cls(
            kind,
            state,
            language,
            query.get("section", "") if sections else "",
            query.get("author", "") if sections and query.get("author", "").isdigit() else "",
        )

    def queryset(self):
        items = self.kind.model.objects.all()
        if self.section:
            items = items.filter(section=self.section)
        if self.author:
            items = items.filter(authors=self.author)
        return items

    def with_state_filter(self, items):
        if not self.state:
            return items
        items = items.alias(**{f"state_{code}": cell_state(self.kind, code) for code in self.languages()})
        wanted = Q()
        for code in self.languages():
            wanted |= Q(**{f"state_{code}": self.state})
        return items.filter(wanted)

    def languages(self) -> list[str]:
        return [self.language] if self.language else language_codes()

    def as_query(self, **changes) -> str:
        values = {"kind": self.kind.key, "state": self.state, "language": self.language}
        values |= {"section": self.section, "author": self.author} | changes
        return urlencode({key: value for key, value in values.items() if value})


@dataclass
class Cell:
    language: str
    state: str
    words: int | None
    url: str
    is_source: bool

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass
class Row:
    item: object
    title: str
    change_url: str
    cells: list[Cell] = field(default_factory=list)


def counts(filters: Filters) -> dict[str, dict[str, int]]:
    """{language: {state: count}} over the filtered items (the state and language filters apart): one
    query grouping the items by their three cells' states."""
    codes = language_codes()
    states = {f"state_{code}": cell_state(filters.kind, code) for code in codes}
    groups = filters.queryset().annotate(**states).values(*states).annotate(n=Count("pk")).order_by()
    per_language: dict[str, dict[str, int]] = {code: dict.fromkeys(STATES, 0) for code in codes}
    for group in groups:
        for code in codes:
            per_language[code][group[f"state_{code}"]] += group["n"]
    return per_language


def count_links(filters: Filters) -> list[tuple[str, list[tuple]]]:
    """Per language, (state, label, count, grid URL filtered to it) for each state with items in it."""
    return [
        (
            code,
            [
                (state, STATE_LABELS[state], n, f"?{filters.as_query(state=state, language=code)}")
                for state, n in per_state.items()
                if n
            ],
        )
        for code, per_state in counts(filters).items()
    ]


def title_of(item, title_field: str) -> str:
    return next(filter(None, (item.translated(title_field, code) for code in language_codes())), "")


def page_of_rows(filters: Filters, page_number) -> tuple[object, list[Row]]:
    kind = filters.kind
    content_type = ContentType.objects.get_for_model(kind.model)
    words = PublishedSource.objects.filter(content_type=content_type, object_id=OuterRef("pk")).values(
        "words"
    )
    items = filters.with_state_filter(filters.queryset()).annotate(
        source_words=Subquery(words[:1]),
        **{
            f"outdated_{code}": ExpressionWrapper(
                Q(pk__in=outdated_ids(kind, code)), output_field=BooleanField()
            )
            for code in language_codes()
        },
    )
    page = Paginator(items, PER_PAGE).get_page(page_number)
    title_field = kind.fields[0]
    rows = []
    for item in page.object_list:
        opts = item._meta
        row = Row(
            item,
            title_of(item, title_field),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]),
        )
        source = source_language(item)
        source_words = item.source_words
        for code in filters.languages():
            state = item.language_state(code)
            if state != "missing" and getattr(item, f"outdated_{code}") and code != source:
                state = OUTDATED
            to_translate = state in ("missing", OUTDATED) and code != source
            if to_translate and source_words is None:
                source_words = word_count(snapshot(item, source, kind))
            row.cells.append(
                Cell(
                    code,
                    state,
                    source_words if to_translate else None,
                    reverse("admin:translating_desk", args=[kind.key, item.pk, code]),
                    code == source,
                )
            )
        rows.append(row)
    return page, rows


def filter_choices(filters: Filters) -> dict:
    if not filters.kind.has_section:
        return {"sections": [], "authors": []}
    sections = Post.objects.order_by("section").values_list("section", flat=True).distinct()
    authors = Author.objects.filter(posts__isnull=False).distinct().order_by("name").values_list("pk", "name")
    return {"sections": list(sections), "authors": list(authors)}
