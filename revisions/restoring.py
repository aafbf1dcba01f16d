"""Restoring a version: the whole object, or one language's text, written back as a new revision.

A one-language restore copies that language's text columns (`title_pt`, `slug_pt`, `body_pt`…) and
nothing else. A whole restore copies every versioned field, the relations too; each language's state
(`status_*`, `publish_at_*`) only when a publisher restores, so an editor cannot publish or unpublish a
language by restoring an old version. Related objects deleted since are left out.
"""

from __future__ import annotations

import reversion
from django.db import transaction
from reversion.models import Version

from revisions import comments
from revisions.registry import STATUS_FIELDS, language_codes, language_of, text_fields, versioned_fields
from revisions.snapshots import Values, object_values, stored_object, version_values


def may_restore_states(model, user) -> bool:
    may_publish = getattr(model, "may_publish", None)
    return bool(may_publish and may_publish(user))


def restored_fields(model, *, language: str | None, with_states: bool) -> list[str]:
    if language is not None:
        if language not in language_codes():
            raise ValueError(f"not a language of the site: {language!r}")
        return [f"{name}_{language}" for name in text_fields(model)]
    return [
        name
        for name in versioned_fields(model)
        if with_states or not (language_of(model, name) and name.rpartition("_")[0] in STATUS_FIELDS)
    ]


def restore(obj, version: Version, *, user, language: str | None = None) -> list[str]:
    """Write `version`'s values back into `obj` (one `language`'s text, or everything this user may);
    returns the names of the fields that changed. One new revision, by `user`."""
    model = type(obj)
    names = restored_fields(model, language=language, with_states=may_restore_states(model, user))
    wanted = _existing_relations(model, version_values(version), names)
    with transaction.atomic(), reversion.create_revision():
        stored = stored_object(model, obj.pk, lock=True)
        current = object_values(stored)
        changed = [name for name, value in wanted.items() if current.get(name) != value]
        if changed:  # else no revision: nothing was written
            _apply(stored, {name: wanted[name] for name in changed})
        reversion.set_user(user)
        reversion.set_comment(comments.restored(version.revision_id, language))
    return changed


def _existing_relations(model, values: Values, names: list[str]) -> Values:
    """`values` of `names`, related objects that no longer exist left out (a deleted tag, a series)."""
    wanted = {}
    for name in names:
        model_field, value = model._meta.get_field(name), values[name]
        if model_field.many_to_many:
            value = sorted(model_field.related_model._base_manager.in_bulk(value), key=str)
        elif model_field.is_relation and value is not None:
            if not model_field.related_model._base_manager.filter(pk=value).exists():
                continue
        wanted[name] = value
    return wanted


def _apply(obj, values: Values) -> None:
    model = type(obj)
    plain = {name: value for name, value in values.items() if not model._meta.get_field(name).many_to_many}
    for name, value in plain.items():
        setattr(obj, model._meta.get_field(name).attname, value)
    if "cover" in plain and hasattr(obj, "cover_renditions"):
        obj.cover_renditions = {}  # renditions of the cover being replaced
    obj.save()
    for name, value in values.items():
        if name not in plain:
            getattr(obj, name).set(value)
