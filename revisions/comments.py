"""Revision comments: stored as data, worded when shown, in the reader's language.

Admin saves keep Django's change message (the JSON a LogEntry holds, worded by `LogEntry`); restores,
imports and changes found outside the admin store a small JSON of their own; anything else (a plain
sentence another tool set) is shown as it is.
"""

from __future__ import annotations

import json

from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext


def restored(revision_id: int, language: str | None = None) -> str:
    return json.dumps([{"restored": {"revision": revision_id, "language": language}}])


def imported(path: str) -> str:
    return json.dumps([{"imported": {"path": path}}])


def outside() -> str:
    return json.dumps([{"outside": {}}])


def readable(comment: str) -> str:
    try:
        data = json.loads(comment) if comment.startswith("[") else None
    except ValueError:
        data = None
    if not data or not isinstance(data, list) or not isinstance(data[0], dict):
        return comment
    entry = data[0]
    if "restored" in entry:
        values = entry["restored"]
        if values.get("language"):
            return gettext("Restored %(language)s from revision %(revision)s") % values
        return gettext("Restored revision %(revision)s") % values
    if "imported" in entry:
        return gettext("Imported from %(path)s") % entry["imported"]
    if "first" in entry:
        return gettext("First recorded version (the history starts here)")
    if "outside" in entry:
        return gettext("Changed outside the admin (an import, a script or a bulk action)")
    return LogEntry(change_message=comment).get_change_message()


def first() -> str:
    return json.dumps([{"first": {}}])
