"""What is versioned: posts (with their authors, categories, tags and series followed), events and pages.

A version holds each language's own columns (`title_es`, `title_pt`…) and never modeltranslation's
base field (`title`), whose attribute reads and writes the *active* language's column: serialising it
would store one language twice and restoring it would write into whichever language is active.
"""

from __future__ import annotations

from functools import cache

import reversion
from django.apps import apps
from django.conf import settings
from modeltranslation.translator import NotRegistered, translator

# Versioned models, and the relations whose objects each revision also records.
VERSIONED = {
    "blog.Post": ("authors", "categories", "tags", "series"),
    "events.Event": (),
    "pages.Page": (),
}
FOLLOWED = ("blog.Author", "blog.Category", "blog.Tag", "blog.Series")
# Not part of a version: bookkeeping, and values written outside any edit (the cover's renditions, made
# when a reader first asks for them), which would otherwise make an editor's open form look stale.
NOT_VERSIONED = {"id", "created_at", "modified_at", "cover_renditions"}
# Per-language columns that say whether a language is public rather than what it says.
STATUS_FIELDS = ("status", "publish_at")


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@cache
def translated_fields(model) -> tuple[str, ...]:
    """The model's translated base field names, in model order (`title`, `slug`, …, `status`)."""
    try:
        names = set(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()
    return tuple(field.name for field in model._meta.concrete_fields if field.name in names)


def text_fields(model) -> tuple[str, ...]:
    """Translated fields that hold a language's text (what a one-language restore copies back)."""
    return tuple(name for name in translated_fields(model) if name not in STATUS_FIELDS)


@cache
def versioned_fields(model) -> tuple[str, ...]:
    base_names = set(translated_fields(model))
    opts = model._meta.concrete_model._meta
    return tuple(
        field.name
        for field in [*opts.local_fields, *opts.local_many_to_many]
        if field.name not in NOT_VERSIONED and field.name not in base_names
    )


def language_of(model, field_name: str) -> str | None:
    """`pt` for `title_pt` of a translated field; None for a field every language shares."""
    base, _sep, code = field_name.rpartition("_")
    return code if base in translated_fields(model) and code in language_codes() else None


def versioned_models() -> list:
    return [apps.get_model(label) for label in VERSIONED]


def register_models() -> None:
    for label in FOLLOWED:
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            reversion.register(model, fields=versioned_fields(model))
    for label, follow in VERSIONED.items():
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            reversion.register(model, fields=versioned_fields(model), follow=follow)
