"""Share links: a signed address that shows one post's current draft, in one language, to whoever has it.

The token is `django.core.signing.dumps({"m": "blog.post", "p": 12, "l": "pt", "k": key}, salt=SALT)`:
signed with `SECRET_KEY` (so it cannot be altered or forged) and timestamped, so `loads(max_age=...)`
refuses it `PREVIEW_LINK_MAX_AGE` seconds (a week by default) after it was made. `k` is the item's current
`ShareKey`: revoking an item's links gives it a new key, and every link signed with the old one is refused.
The link names the item, not its text: it shows the draft as it is when opened, never a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.publishing import language_codes
from previews.models import ShareKey

SALT = "previews.share-link"
# Models whose items can be shared (their label); the share view knows how to show each.
SHAREABLE = ("blog.post",)


class Refused(Exception):
    """A link that shows nothing: expired, altered, revoked, or its item or language gone."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.message = message
        self.status = status


EXPIRED = _("This preview link has expired. Ask the editor who sent it for a new one.")
INVALID = _("This preview link is not valid. Check that it was copied whole.")
REVOKED = _("This preview link has been withdrawn by the editors.")
GONE = _("What this preview link showed is no longer there.")


@dataclass(frozen=True)
class ShareLink:
    item: models.Model
    language: str


def share_token(item, language: str) -> str:
    payload = {"m": item._meta.label_lower, "p": item.pk, "l": language, "k": ShareKey.current(item)}
    return signing.dumps(payload, salt=SALT)


def share_path(item, language: str) -> str:
    return reverse("previews:shared", kwargs={"token": share_token(item, language)})


def expires_at(now: datetime | None = None) -> datetime:
    """When a link made now stops working."""
    return (now or timezone.now()) + timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE)


def read_token(token: str) -> ShareLink:
    """The item and language a token names, or `Refused` saying why not."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise Refused(EXPIRED) from None
    except signing.BadSignature:
        raise Refused(INVALID) from None
    label, pk, language = payload.get("m"), payload.get("p"), payload.get("l")
    if label not in SHAREABLE or language not in language_codes() or not isinstance(pk, int):
        raise Refused(INVALID)  # signed by us, so only a payload from an older release gets here
    item = apps.get_model(label).objects.filter(pk=pk).first()
    if item is None or not item.has_content_in(language):
        raise Refused(GONE, status=404)
    if payload.get("k") != ShareKey.current(item):
        raise Refused(REVOKED)
    return ShareLink(item=item, language=language)
