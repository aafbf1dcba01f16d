"""Per-language publishing: each language of a post, event or page has its own state.

A language is *missing* until its content fields are filled, then *draft*, *in review* or *published*;
a published language whose `publish_at` (by default the post's date) is still ahead is *scheduled*.
`status` and `publish_at` are translated fields (modeltranslation: `status_es`, `publish_at_pt`, …), so a
row holds every language's state beside its text, and `visible_in(language)` is one `Q` that readers,
feeds, sitemaps and search all filter on.

Who may do what: anyone who can change the model drafts and submits for review; publishing,
scheduling and unpublishing need the model's `publish_<model>` permission (the `Publishers` group).
"""

from __future__ import annotations

import operator
from datetime import datetime
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PUBLISHERS_GROUP = "Publishers"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class LanguageStatus(models.TextChoices):
    """What an editor sets per language."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class LanguageState(models.TextChoices):
    """What a language of an item is, as the desk and the admin show it (status, content and date)."""

    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


# The state rules, written once, in the order they apply (the first that holds wins). Each rule names
# facts about one language of an item: `content` (its content fields are filled), `status` (what an
# editor set) and `due` (its date is not ahead). `PublishedPerLanguage.language_state` reads them on one
# object; `state_conditions` turns them into SQL for the admin's filter and the translation grid.
STATE_RULES: tuple[tuple[LanguageState, dict], ...] = (
    (LanguageState.MISSING, {"content": False}),
    (LanguageState.PUBLISHED, {"status": LanguageStatus.PUBLISHED, "due": True}),
    (LanguageState.SCHEDULED, {"status": LanguageStatus.PUBLISHED}),
    (LanguageState.REVIEW, {"status": LanguageStatus.REVIEW}),
    (LanguageState.DRAFT, {}),
)

# Statuses an editor without the publish permission may give a language.
EDITOR_STATUSES = (LanguageStatus.DRAFT, LanguageStatus.REVIEW)


def content_q(fields: tuple[str, ...], language: str, prefix: str = "") -> Q:
    """Rows whose `fields` in `language` are all non-empty (NULL excluded too)."""
    return Q(**{f"{prefix}{field}_{language}__gt": "" for field in fields})


def due_q(language: str, prefix: str = "", date_field: str | None = None, now: datetime | None = None) -> Q:
    """Rows whose `language` is due: its own `publish_at`, else the row's `date_field`, is not ahead."""
    now = now or timezone.now()
    own = Q(**{f"{prefix}publish_at_{language}__lte": now})
    if date_field is None:
        return own | Q(**{f"{prefix}publish_at_{language}__isnull": True})
    return own | Q(**{f"{prefix}publish_at_{language}__isnull": True, f"{prefix}{date_field}__lte": now})


def published_q(language: str, prefix: str = "", date_field: str | None = None, now=None) -> Q:
    """Rows whose `language` is published and due (content is tested separately: see each model)."""
    return Q(**{f"{prefix}status_{language}": LanguageStatus.PUBLISHED}) & due_q(
        language, prefix, date_field, now
    )


def publishing_columns() -> list[str]:
    """The per-language state columns, for `.only()`: a page that says which languages an item is seen
    in needs them, or each row reads them back one query at a time."""
    return [f"{field}_{code}" for code in language_codes() for field in ("status", "publish_at")]


def any_language(q_for_language) -> Q:
    """`q_for_language(code)` for at least one of the site's languages."""
    return reduce(operator.or_, (q_for_language(code) for code in language_codes()))


def state_conditions(model, language: str, content: Q | None = None) -> list[tuple[str, Q]]:
    """`STATE_RULES` as SQL for `model`'s `language`: each state with the `Q` of its own rule (earlier
    rules not excluded: use them in order, as a `CASE` does, or through `state_q`). `content` replaces
    the plain test of the content fields (the grid tests a post's body by its stored size)."""
    facts = {
        "content": content_q(model.CONTENT_FIELDS, language) if content is None else content,
        "due": due_q(language, date_field=model.DUE_DATE_FIELD),
    }

    def condition(fact: str, value) -> Q:
        if fact == "status":
            return Q(**{f"status_{language}": value})
        return facts[fact] if value else ~facts[fact]

    return [
        (state, reduce(operator.and_, (condition(fact, value) for fact, value in rule.items()), Q()))
        for state, rule in STATE_RULES
    ]


def state_q(model, language: str, state: str) -> Q:
    """Rows of `model` whose `language` is in `state`: its rule holds and no earlier rule does."""
    earlier = Q()
    for rule_state, condition in state_conditions(model, language):
        if rule_state == state:
            return condition & ~earlier if earlier else condition
        earlier |= condition
    raise ValueError(f"no such language state: {state!r}")


class PublishedPerLanguage(models.Model):
    """Abstract: `status` and `publish_at`, translated per language by each model's translation options.

    Subclasses say which translated fields must be filled for a language to exist (`CONTENT_FIELDS`) and
    which of their own date fields a language's publication defaults to (`DUE_DATE_FIELD`, or None for
    "as soon as it is published").
    """

    CONTENT_FIELDS: tuple[str, ...] = ("title",)
    DUE_DATE_FIELD: str | None = None

    # Blank allowed: a language left without a status is a draft (forms that predate it keep working).
    status = models.CharField(
        _("status"), max_length=10, choices=LanguageStatus.choices, default=LanguageStatus.DRAFT, blank=True
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("When this language goes live once published. Empty: the date above, or at once."),
    )

    class Meta:
        abstract = True

    def translated(self, field: str, language: str) -> str:
        """The field's own value in `language`, without modeltranslation's fallback."""
        return getattr(self, f"{field}_{language}", "") or ""

    def has_content_in(self, language: str) -> bool:
        return all(self.translated(field, language) for field in self.CONTENT_FIELDS)

    def status_in(self, language: str) -> str:
        return getattr(self, f"status_{language}", None) or LanguageStatus.DRAFT

    def goes_live_at(self, language: str) -> datetime | None:
        """When `language` is (or was) due: its own date, else the item's date, else None (at once)."""
        own = getattr(self, f"publish_at_{language}", None)
        if own is not None:
            return own
        return getattr(self, self.DUE_DATE_FIELD) if self.DUE_DATE_FIELD else None

    def is_due(self, language: str, now: datetime | None = None) -> bool:
        due = self.goes_live_at(language)
        return due is None or due <= (now or timezone.now())

    def language_state(self, language: str, now: datetime | None = None) -> str:
        """The first of `STATE_RULES` that holds for `language` (the facts are read only as needed)."""
        facts = {
            "content": lambda: self.has_content_in(language),
            "status": lambda: self.status_in(language),
            "due": lambda: self.is_due(language, now),
        }
        for state, rule in STATE_RULES:
            if all(facts[fact]() == value for fact, value in rule.items()):
                return state
        raise AssertionError("STATE_RULES ends with a rule that always holds")

    def is_visible_in(self, language: str, now: datetime | None = None) -> bool:
        """Readers see `language`: it has content, is published and is due."""
        return self.language_state(language, now) == LanguageState.PUBLISHED

    def visible_languages(self) -> list[str]:
        now = timezone.now()
        return [code for code in language_codes() if self.is_visible_in(code, now)]

    def set_language_status(self, language: str, status: str, publish_at: datetime | None = None) -> None:
        """Give one language a status (and, when publishing, a date); the other languages are untouched."""
        setattr(self, f"status_{language}", LanguageStatus(status))
        if status == LanguageStatus.PUBLISHED:
            setattr(self, f"publish_at_{language}", publish_at)

    @classmethod
    def publish_permission(cls) -> str:
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    @classmethod
    def may_publish(cls, user) -> bool:
        return user.has_perm(cls.publish_permission())
