"""What the desk translates: posts, events and pages, their translated fields, and which language of an
item is the source the others are translated from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import models

from blog.models import Post
from events.models import Event
from pages.models import Page


@dataclass(frozen=True)
class Kind:
    """A translatable model as the desk sees it."""

    key: str  # in URLs: "post", "event", "page"
    model: type[models.Model]
    fields: tuple[str, ...]  # the desk's fields, in order
    source_fields: tuple[str, ...]  # the text a translation is made from (fingerprinted)
    markdown_fields: tuple[str, ...]  # fingerprinted, diffed and aligned block by block
    has_section: bool = False


@cache
def kinds() -> dict[str, Kind]:
    return {
        "post": Kind(
            "post", Post, ("title", "slug", "summary", "body"), ("title", "summary", "body"), ("body",), True
        ),
        "page": Kind(
            "page", Page, ("title", "path", "description", "body"), ("title", "description", "body"),
            ("body",),
        ),
        "event": Kind(
            "event", Event, ("name", "summary", "description"), ("name", "summary", "description"),
            ("description",),
        ),
    }  # fmt: skip


def kind_of(obj_or_model) -> Kind | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return next((kind for kind in kinds().values() if kind.model is model), None)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def source_language(obj) -> str:
    """The language `obj` is translated from: a post's chosen one (else its first written), for events
    and pages the first language with content, in settings order."""
    if hasattr(obj, "source_language_code"):
        return obj.source_language_code()
    written = [code for code in language_codes() if obj.has_content_in(code)]
    return written[0] if written else settings.LANGUAGE_CODE


def snapshot(obj, language: str, kind: Kind | None = None) -> dict[str, str]:
    """The source fields' text in `language`, as stored (no fallback to another language)."""
    kind = kind or kind_of(obj)
    return {field: obj.translated(field, language) for field in kind.source_fields}


def target_languages(obj) -> list[str]:
    """The languages `obj` is translated into: every language but its source."""
    source = source_language(obj)
    return [code for code in language_codes() if code != source]
