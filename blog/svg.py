"""SVG images (covers, avatars, body images): checked as well-formed, safe SVG and measured, never rasterised.

An SVG is shown only through `<img>` (which never runs its scripts nor loads anything it refers to) and is
served with a Content-Security-Policy that allows no script (`ops.static_headers`), so opening its URL
directly runs nothing either. Even so, a file is refused when it holds what only an attack needs: a
`<script>`, a `<foreignObject>` (HTML inside the picture), an event-handler attribute (`onload=`), a
`javascript:` link, or any entity declaration. Entities are never resolved: a document type with an internal
subset, entity declarations and external entities stop the parse (no XXE, no "billion laughs").

Parsed with the standard library's expat parser, without building a tree, after a size limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext, gettext_noop

MAX_SVG_BYTES = 2_000_000
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# What a browser draws for an <img> whose SVG has no width, height or viewBox (CSS's default object size).
DEFAULT_SIZE = (300, 150)
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px)?\s*$")
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript)\s*:", re.IGNORECASE)


class SvgError(ValueError):
    """Not a usable SVG; the message completes "the file …" ("is not a well-formed SVG …").

    `str()` is English (the importer's report); `translated()` is in the active language (a form error)."""

    def __init__(self, template: str, **params) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)

    def translated(self) -> str:
        return gettext(self.template) % self.params


@dataclass(frozen=True)
class SvgInfo:
    width: int
    height: int


def is_svg_name(name: str) -> bool:
    """Whether a stored file is an SVG, by its name (what it is served as)."""
    return str(name).lower().endswith(".svg")


def read_svg(data: bytes) -> SvgInfo:
    """The picture's size in CSS pixels (from width/height, else the viewBox, else 300×150).

    Raises SvgError when the bytes are too large, not well-formed XML, not an `<svg>` document, declare
    entities, or hold scripts, foreign objects, event handlers or `javascript:` links."""
    if len(data) > MAX_SVG_BYTES:
        raise SvgError(
            gettext_noop("is too large for an SVG (%(size)d bytes, limit %(limit)d)"),
            size=len(data),
            limit=MAX_SVG_BYTES,
        )
    checker = _Checker()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = checker.doctype
    parser.EntityDeclHandler = checker.entity
    parser.UnparsedEntityDeclHandler = checker.entity
    parser.ExternalEntityRefHandler = checker.entity
    parser.StartElementHandler = checker.element
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        reason = expat.errors.messages.get(error.code, str(error))
        raise SvgError(gettext_noop("is not a well-formed SVG (%(reason)s)"), reason=reason) from error
    if checker.root is None:
        raise SvgError(gettext_noop("is not a well-formed SVG (no root element)"))
    return checker.size()


class _Checker:
    def __init__(self) -> None:
        self.root: dict | None = None

    def doctype(self, name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:
            raise SvgError(
                gettext_noop("is not a safe SVG (its document type declares entities or an internal subset)")
            )

    def entity(self, *args) -> None:
        raise SvgError(gettext_noop("is not a safe SVG (it declares or refers to entities)"))

    def element(self, name: str, attributes: dict) -> None:
        namespace, _, local = name.rpartition(" ")
        if self.root is None:
            if local != "svg" or namespace not in ("", SVG_NAMESPACE):
                raise SvgError(
                    gettext_noop("is not an SVG (its root element is <%(element)s>)"), element=local
                )
            self.root = attributes
        if local.lower() in FORBIDDEN_ELEMENTS:
            raise SvgError(gettext_noop("is not a safe SVG (it has a <%(element)s> element)"), element=local)
        for attribute, value in attributes.items():
            attribute_name = attribute.rpartition(" ")[2]
            if attribute_name.lower().startswith("on"):
                raise SvgError(
                    gettext_noop("is not a safe SVG (it has an event handler, %(attribute)s=)"),
                    attribute=attribute_name,
                )
            if _SCRIPT_URL.match(value):
                raise SvgError(
                    gettext_noop("is not a safe SVG (it has a script link in %(attribute)s=)"),
                    attribute=attribute_name,
                )

    def size(self) -> SvgInfo:
        root = self.root or {}
        width, height = _length(root.get("width")), _length(root.get("height"))
        box = _view_box(root.get("viewBox"))
        if box and not (width and height):
            if width:
                height = width * box[1] / box[0]
            elif height:
                width = height * box[0] / box[1]
            else:
                width, height = box
        return SvgInfo(max(1, round(width or DEFAULT_SIZE[0])), max(1, round(height or DEFAULT_SIZE[1])))


def _length(value: str | None) -> float | None:
    """A width or height in user units or px; None for percentages, other units or nonsense."""
    match = _LENGTH.match(value or "")
    number = float(match.group(1)) if match else 0.0
    return number if 0 < number < 1_000_000 else None


def _view_box(value: str | None) -> tuple[float, float] | None:
    parts = re.split(r"[\s,]+", (value or "").strip())
    try:
        width, height = float(parts[2]), float(parts[3])
    except (IndexError, ValueError):
        return None
    return (width, height) if len(parts) == 4 and 0 < width < 1_000_000 and 0 < height < 1_000_000 else None
