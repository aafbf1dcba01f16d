"""Text hygiene shared by the models, the importer and the feeds: no C0 control characters.

A control character (U+0000–U+001F, and DEL) is invisible to an editor, cannot be written in XML (feeds and
sitemaps would fail) and is never intended in a title or a name. Bodies keep tab and newline (and carriage
return, which Markdown treats as a line end); one-line fields turn them into a space.
"""

from __future__ import annotations

import re

from django.db import models
from django.db.models.signals import pre_save
from modeltranslation.translator import NotRegistered, translator

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def without_control_characters(value: str, *, multiline: bool = False) -> str:
    """`value` with C0 control characters removed; tab and line breaks kept when `multiline`, else spaces."""
    cleaned = _CONTROL.sub("", value)
    return cleaned if multiline else _LINE_BREAKS.sub(" ", cleaned)


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    return without_control_characters(value, multiline=multiline) != value


def xml_safe(value):
    """A value for an XML writer: strings cleaned (line breaks kept), lists and dicts cleaned inside."""
    if isinstance(value, str):
        return without_control_characters(value, multiline=True)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    return value


def translated_originals(model) -> set[str]:
    """The fields modeltranslation stands in for (`title` for `title_es`…): reading one falls back to
    another language and writing one writes the active language's column, so they are never touched here."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def clean_text_fields(instance) -> None:
    """Strip control characters from every text field of a model instance, in place (before a save)."""
    skip = translated_originals(type(instance))
    for field in instance._meta.concrete_fields:
        if field.name in skip or not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and value:
            setattr(
                instance,
                field.attname,
                without_control_characters(value, multiline=isinstance(field, models.TextField)),
            )


def strip_control_characters_before_save(sender, instance, raw=False, **kwargs) -> None:
    """`pre_save` receiver: nothing with a control character reaches the database through a save."""
    clean_text_fields(instance)


def clean_text_on_save(models_to_clean) -> None:
    """Connect `strip_control_characters_before_save` to each model's `pre_save` (from an app's `ready`)."""
    for model in models_to_clean:
        pre_save.connect(
            strip_control_characters_before_save, sender=model, dispatch_uid=f"clean-text-{model.__name__}"
        )
