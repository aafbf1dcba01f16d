"""Optimistic locking: a save made from a form loaded before someone else's save is refused.

A form carries a signed token naming the object, the version it was loaded from and a digest of the
object's values then (`version_token`). Saving, `check_unchanged` locks the row (`select_for_update`,
inside the saving transaction), digests what is stored now and raises `EditConflict` when it differs,
with the values loaded and the values now, for a diff. The digest, not the version id, decides: a change
made without a revision (a bulk action, a script) is caught too.

Loading a form records the object as a revision first when its latest version is not what is stored
(history kept before revisions existed, or a change made outside any revision), so the version a form was
loaded from is always in the history and the diff can start from it.

For other editing views (the translation desk): put `version_token(obj)` in the form when it is shown,
call `check_unchanged(obj, token)` inside the transaction that saves it, before saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import reversion
from django.core import signing
from reversion.models import Version

from revisions import comments
from revisions.snapshots import Values, digest, object_values, stored_object, version_values, versions_of

SALT = "revisions.locking"
TOKEN_FIELD = "revision_token"


@dataclass
class Loaded:
    token: str
    saved_at: datetime | None  # when the version the form shows was saved


class EditConflict(Exception):
    """The object changed since the form was loaded: `loaded` (None when unknown) → `current`."""

    def __init__(self, obj, *, loaded: Values | None, current: Values, since: list[Version], token: str):
        super().__init__(f"{obj._meta.label} {obj.pk} changed since the form was loaded")
        self.model = type(obj)
        self.loaded, self.current, self.since, self.token = loaded, current, since, token


def _reference(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _sign(obj, version: Version | None, values: Values) -> str:
    payload = {"o": _reference(obj), "v": version.pk if version else None, "d": digest(values)}
    return signing.dumps(payload, salt=SALT)


def loaded_version(obj) -> Loaded:
    """The token for a form showing `obj` as stored now (recording it as a revision if it is not one)."""
    stored = stored_object(type(obj), obj.pk)
    values = object_values(stored)
    latest = versions_of(stored).first()
    # Not inside another revision: the recorded version must not be credited to that revision's user.
    if not reversion.is_active() and (latest is None or digest(version_values(latest)) != digest(values)):
        with reversion.create_revision():
            reversion.add_to_revision(stored)
            reversion.set_comment(comments.outside() if latest else comments.first())
        latest = versions_of(stored).first()
    saved_at = latest.revision.date_created if latest else None
    return Loaded(_sign(stored, latest, values), saved_at)


def version_token(obj) -> str:
    return loaded_version(obj).token


def check_unchanged(obj, token: str | None) -> None:
    """Raise `EditConflict` if `obj` as stored differs from the form's (`token`). Call it inside the
    transaction that then saves `obj`: the row stays locked until that commit. A form without a token
    (not one of ours) is not checked; a forged or foreign one is refused."""
    if not token:
        return
    model = type(obj)
    current = object_values(stored_object(model, obj.pk, lock=True))
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        payload = {}
    if payload.get("o") == _reference(obj) and payload.get("d") == digest(current):
        return
    loaded, since = _loaded_values(obj, payload), _versions_since(obj, payload.get("v"))
    raise EditConflict(
        obj, loaded=loaded, current=current, since=since, token=_sign(obj, versions_of(obj).first(), current)
    )


def _loaded_values(obj, payload: dict) -> Values | None:
    if payload.get("o") != _reference(obj) or not payload.get("v"):
        return None
    version = versions_of(obj).filter(pk=payload["v"]).first()
    values = version_values(version) if version else None
    return values if values is not None and digest(values) == payload.get("d") else None


def _versions_since(obj, version_id: int | None) -> list[Version]:
    newer = versions_of(obj)
    return list(newer.filter(pk__gt=version_id) if version_id else newer[:1])
