"""Images in post bodies: find the local ones a Markdown body refers to (`![alt](/images/x.png)`,
`![alt](cover.jpg)` in a page bundle, `<img src="…">`), and rewrite those references to the URLs of the
stored copies. Pure text work: resolving files is `pages`' job, storing them `media`'s.

Code is not content: references inside fenced code blocks and inline code spans are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from importing.images import REMOTE_PREFIXES

# Cheap test run first, so a body without any image costs one regex scan and nothing else.
_HINT = re.compile(r"!\[|<img\b", re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(
    r"!\[(?:\\.|[^\]\\\n])*\]\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>[^\s()<>]+))"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
)
_HTML_IMAGE = re.compile(
    r"<img\b[^>]*?\bsrc\s*=\s*(?P<quote>[\"'])(?P<html>[^\"'<>]*)(?P=quote)", re.IGNORECASE
)
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}).*?(?:^ {0,3}(?P=fence)[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """One image reference: `src` as written, at body[start:end]."""

    src: str
    start: int
    end: int


def is_local(src: str) -> bool:
    """A path on this site or in the bundle (not http(s), protocol-relative, data:, or another scheme)."""
    src = src.strip()
    return bool(src) and not src.lower().startswith(REMOTE_PREFIXES) and not _SCHEME.match(src)


def file_path(src: str) -> str:
    """The file path a reference names: percent-decoded, without a query or fragment."""
    return unquote(re.split(r"[?#]", src, maxsplit=1)[0])


def code_ranges(body: str) -> list[tuple[int, int]]:
    """(start, end) of every fenced code block and inline code span of a Markdown body."""
    return [m.span() for pattern in (_FENCE, _CODE_SPAN) for m in pattern.finditer(body)]


def local_references(body: str) -> list[Reference]:
    """Local image references in reading order, outside code."""
    if not body or not _HINT.search(body):
        return []
    code = code_ranges(body)
    found = []
    for pattern, groups in ((_MARKDOWN_IMAGE, ("angled", "bare")), (_HTML_IMAGE, ("html",))):
        for match in pattern.finditer(body):
            group = next(name for name in groups if match.group(name) is not None)
            start, end = match.span(group)
            src = match.group(group)
            if is_local(src) and not any(a <= start < b for a, b in code):
                found.append(Reference(src, start, end))
    return sorted(found, key=lambda ref: ref.start)


def rewrite(body: str, urls: dict[str, str]) -> str:
    """`body` with each local reference whose src is in `urls` pointing at its URL instead."""
    if not urls:
        return body
    pieces, position = [], 0
    for ref in local_references(body):
        if ref.src in urls:
            pieces += [body[position : ref.start], urls[ref.src]]
            position = ref.end
    return "".join(pieces) + body[position:]
