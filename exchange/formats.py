"""Writing and reading the files outside translators work on: XLIFF 1.2 and PO, through translate-toolkit.

One layout for both. XLIFF: one `<file>` per post (`original="post/<pk>"`, its own `source-language`, the
site's key in `product-name`), one `<trans-unit>` per segment (`id` as in `exchange.segments`), a
`<context-group name="bitacora">` holding the source fingerprint (`x-source-sha256`) and the post's URL
(`x-post-url`), and a `<note>` a translator's tool shows. PO: `msgctxt` is the segment id, the fingerprint
and the URL are extracted comments (`#. source-sha256: …`, `#. url: …`), the site's key is the `X-Site`
header and the target language the `Language` header.

Reading returns plain values or raises `Refused` with a sentence naming the problem; what the units mean
for the database is `exchange.importing`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree
from translate.misc.xml_helpers import parse_xml
from translate.storage import base, po, xliff

from exchange.segments import Segment

XLIFF = "xliff"
PO = "po"
FORMATS = {XLIFF: ".xlf", PO: ".po"}
XLIFF_VERSION = "1.2"
XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
CONTEXT_GROUP = "bitacora"
FINGERPRINT = "x-source-sha256"
URL = "x-post-url"
# XLIFF target states that say the target is not a translation yet (a tool's copy of the source, say).
UNFILLED_STATES = {"new", "needs-translation"}
PO_FINGERPRINT = "source-sha256: "
PO_URL = "url: "


class Refused(ValueError):
    """A file that cannot be imported; the message says why, for the person who uploaded it."""


class Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF_NAMESPACE


class Xliff12File(xliff.xlifffile):
    """translate-toolkit writes XLIFF 1.1 by default; the same store with the 1.2 version and namespace."""

    UnitClass = Xliff12Unit
    namespace = XLIFF_NAMESPACE
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", XLIFF_VERSION)


@dataclass(frozen=True)
class OutgoingPost:
    """What a file says about one post: its source language, URL, segments and any text already there."""

    post_id: int
    source_language: str
    url: str
    segments: list[Segment]
    targets: dict[str, str] = field(default_factory=dict)  # segment id → the translation as it stands


@dataclass(frozen=True)
class IncomingUnit:
    id: str
    source: str
    target: str  # "" when not filled in (XLIFF: or in state new / needs-translation; PO: or fuzzy)
    fingerprint: str


@dataclass(frozen=True)
class IncomingFile:
    format: str
    site: str
    target_language: str
    units: list[IncomingUnit]


def _where(segment: Segment) -> str:
    """`title`, `body 3`: which part of the post a unit is, for the translator's eyes."""
    return segment.field if segment.number is None else f"{segment.field} {segment.number}"


def write_xliff(posts: list[OutgoingPost], *, site: str, target_language: str) -> bytes:
    store = Xliff12File(sourcelanguage=posts[0].source_language, targetlanguage=target_language)
    for post in posts:
        original = f"post/{post.post_id}"
        store.switchfile(original, createifmissing=True)
        file_node = store.getfilenode(original)
        file_node.set("source-language", post.source_language)
        file_node.set("target-language", target_language)
        file_node.set("product-name", site)
        for segment in post.segments:
            unit = store.addsourceunit(segment.text, filename=original)
            unit.setid(segment.id)
            if post.targets.get(segment.id):
                unit.settarget(post.targets[segment.id], lang=target_language)
            unit.addnote(f"{_where(segment)} · {post.url}", origin="developer")
            unit.createcontextgroup(
                CONTEXT_GROUP, [(FINGERPRINT, segment.fingerprint), (URL, post.url)], purpose="information"
            )
    return bytes(store)


def write_po(posts: list[OutgoingPost], *, site: str, target_language: str) -> bytes:
    store = po.pofile()
    store.updateheader(add=True, Project_Id_Version=site, Language=target_language, X_Site=site)
    for post in posts:
        for segment in post.segments:
            unit = store.addsourceunit(segment.text)
            unit.setcontext(segment.id)
            unit.target = post.targets.get(segment.id, "")
            unit.addnote(_where(segment), origin="developer")
            unit.addnote(PO_FINGERPRINT + segment.fingerprint, origin="developer")
            unit.addnote(PO_URL + post.url, origin="developer")
    return bytes(store)


def guess_format(filename: str, data: bytes) -> str:
    """By the name's extension (.xlf, .xliff, .xml, .po), else by the first character."""
    name = (filename or "").lower()
    if name.endswith((".xlf", ".xliff", ".xml")):
        return XLIFF
    if name.endswith((".po", ".pot")):
        return PO
    return XLIFF if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else PO


def read_file(data: bytes, *, filename: str = "") -> IncomingFile:
    found = read_xliff(data) if guess_format(filename, data) == XLIFF else read_po(data)
    if not found.units:
        raise Refused(_("The file holds no translation units."))
    ids = [unit.id for unit in found.units]
    duplicates = sorted({unit_id for unit_id in ids if ids.count(unit_id) > 1})
    if duplicates:
        raise Refused(_("The unit id “%(id)s” appears more than once.") % {"id": duplicates[0]})
    return found


def _check_xliff_root(data: bytes) -> None:
    try:
        root = parse_xml(data)
    except etree.XMLSyntaxError as error:
        raise Refused(_("The file is not well-formed XML: %(error)s") % {"error": error}) from error
    if etree.QName(root).localname != "xliff":
        raise Refused(_("The file is XML but not XLIFF (its root element is <%(tag)s>).") % {"tag": root.tag})
    version = root.get("version", "")
    if version != XLIFF_VERSION or etree.QName(root).namespace != XLIFF_NAMESPACE:
        raise Refused(
            _("The file is XLIFF %(version)s; only XLIFF 1.2 files (as exported here) are read.")
            % {"version": version or "?"}
        )


def _file_attribute(store: Xliff12File, name: str) -> str:
    """The one value every `<file>` has for `name`; a file mixing several is refused."""
    values = {node.get(name, "") for node in store.document.getroot().iterchildren(store.namespaced("file"))}
    if len(values) > 1:
        raise Refused(
            _("The file's parts disagree on %(name)s: %(values)s.")
            % {"name": name, "values": ", ".join(sorted(values))}
        )
    return values.pop() if values else ""


def _xliff_target(unit) -> str:
    target_node = unit.getlanguageNode(lang=None, index=1)
    if target_node is None or target_node.get("state") in UNFILLED_STATES:
        return ""
    return str(unit.target or "")


def read_xliff(data: bytes) -> IncomingFile:
    _check_xliff_root(data)
    try:
        store = Xliff12File.parsestring(data)
    except (ValueError, AssertionError, StopIteration) as error:
        raise Refused(_("The XLIFF file cannot be read: %(error)s") % {"error": error}) from error
    units = []
    for unit in store.getunits():
        contexts = dict(next(iter(unit.getcontextgroups(CONTEXT_GROUP)), []))
        units.append(
            IncomingUnit(
                id=str(unit.getid()).rpartition(xliff.ID_SEPARATOR)[2],
                source=str(unit.source or ""),
                target=_xliff_target(unit),
                fingerprint=contexts.get(FINGERPRINT, ""),
            )
        )
    return IncomingFile(
        format=XLIFF,
        site=_file_attribute(store, "product-name"),
        target_language=_file_attribute(store, "target-language"),
        units=units,
    )


def read_po(data: bytes) -> IncomingFile:
    try:
        store = po.pofile.parsestring(data)
    except (ValueError, UnicodeDecodeError, base.ParseError) as error:
        raise Refused(_("The PO file cannot be read: %(error)s") % {"error": error}) from error
    header = store.parseheader()
    units = []
    for unit in store.getunits():
        if unit.isheader() or unit.isobsolete():
            continue
        notes = unit.getnotes(origin="developer").splitlines()
        prints = [note.removeprefix(PO_FINGERPRINT) for note in notes if note.startswith(PO_FINGERPRINT)]
        units.append(
            IncomingUnit(
                id=unit.getcontext(),
                source=str(unit.source or ""),
                target="" if unit.isfuzzy() else str(unit.target or ""),
                fingerprint=prints[0] if prints else "",
            )
        )
    return IncomingFile(
        format=PO, site=header.get("X-Site", ""), target_language=header.get("Language", ""), units=units
    )
