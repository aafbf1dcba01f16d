"""A version's values, and an object's as stored, in one comparable form.

Both go through the same path: the object is serialised as reversion serialises it, then every value is
read back with its model field's `to_python` (a datetime saved from a form in the event's time zone and
the same instant read back in UTC compare equal; many-to-many lists compare as sets).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from reversion.models import Version

from revisions.registry import language_codes, language_of, versioned_fields

Values = dict[str, Any]


def _read(model, raw: dict) -> Values:
    values: Values = {}
    for name in versioned_fields(model):
        field = model._meta.get_field(name)
        if name not in raw:  # a field added after the version was made
            values[name] = [] if field.many_to_many else field.get_default()
        elif field.many_to_many:
            values[name] = sorted(raw[name] or [], key=str)
        elif field.is_relation or raw[name] is None:
            values[name] = raw[name]
        else:
            values[name] = field.to_python(raw[name])
    return values


def version_values(version: Version) -> Values:
    return _read(version._model, json.loads(version.serialized_data)[0]["fields"])


def object_values(obj) -> Values:
    model = type(obj)
    data = serializers.serialize("json", [obj], fields=versioned_fields(model))
    return _read(model, json.loads(data)[0]["fields"])


def stored_object(model, pk, *, lock: bool = False):
    """The row as stored now; locked until the end of the transaction with `lock` (PostgreSQL)."""
    rows = model._base_manager.select_for_update() if lock else model._base_manager
    return rows.get(pk=pk)


def digest(values: Values) -> str:
    def canonical(value):
        return value.astimezone(UTC) if isinstance(value, datetime) and value.tzinfo else value

    text = json.dumps({k: canonical(v) for k, v in values.items()}, cls=DjangoJSONEncoder, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def changed_fields(before: Values | None, after: Values) -> list[str]:
    if before is None:
        return [name for name, value in after.items() if value not in (None, "", [], {})]
    return [name for name in after if before.get(name) != after[name]]


def _words(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def changed_languages(model, before: Values | None, after: Values) -> list[str]:
    """The languages whose own columns (text or state) differ, in the site's order. Spaces and line
    breaks alone do not count (an admin save trims a body's final line break)."""
    if before is not None:
        before = {name: _words(value) for name, value in before.items()}
    touched = {
        language_of(model, name) for name in changed_fields(before, {k: _words(v) for k, v in after.items()})
    }
    return [code for code in language_codes() if code in touched]


def versions_of(obj):
    """The object's versions, newest first, with their revision and its user."""
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )
