"""A post cut into the segments a translator gets: title, slug and summary whole, the body by block.

A body *block* is what lies between blank lines, except that a fenced code block (``` or ~~~) stays one
block whatever blank lines it holds. Joining the blocks with one blank line gives the body back (runs of
blank lines become one, which Markdown does not tell apart). Each segment has a stable id
(`post/<pk>/title`, `post/<pk>/body/<n>`, n from 1) and the fingerprint of its source text: sha256 of the
text in Unicode NFC with line ends as `\\n`, trailing spaces and blank edges removed. Line breaks and
indentation count (they matter in code), so a re-wrapped source paragraph is "changed".
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

# Whole fields first, in the order a translator reads them; the body follows, block by block.
WHOLE_FIELDS = ("title", "slug", "summary")
BODY = "body"
FIELDS = (*WHOLE_FIELDS, BODY)

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ID = re.compile(
    r"^post/(?P<pk>[1-9][0-9]{0,18})/(?P<field>title|slug|summary|body)(?:/(?P<n>[1-9][0-9]{0,5}))?$"
)


@dataclass(frozen=True)
class Segment:
    id: str
    post_id: int
    field: str
    number: int | None  # the block's position in the body, from 1; None for a whole field
    text: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)


def normalise(text: str) -> str:
    lines = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a fence opened with `fence` (same character, at least as long, nothing after)."""
    match = _FENCE.match(line)
    return bool(match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)) and not (
        line.strip().lstrip(fence[0])
    )


def split_blocks(text: str) -> list[str]:
    """The body's blocks, in order: split on blank lines, fenced code blocks kept whole (an unclosed fence
    runs to the end, as in CommonMark)."""
    blocks: list[str] = []
    current: list[str] = []
    fence = None
    for line in normalise(text).split("\n"):
        if fence:
            current.append(line)
            if _closes(line, fence):
                fence = None
            continue
        if not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def join_blocks(blocks: list[str]) -> str:
    return "\n\n".join(blocks)


def segment_id(post_id: int, field: str, number: int | None = None) -> str:
    return f"post/{post_id}/{field}" if number is None else f"post/{post_id}/{field}/{number}"


def parse_id(value: str) -> tuple[int, str, int | None] | None:
    """`post/12/body/3` → (12, "body", 3); None for anything that is not one of our ids (a body block needs
    its number, a whole field has none)."""
    match = _ID.match(value or "")
    if not match or (match["field"] == BODY) != (match["n"] is not None):
        return None
    return int(match["pk"]), match["field"], int(match["n"]) if match["n"] else None


def post_segments(post, language: str) -> list[Segment]:
    """The post's non-empty text in `language` as segments, in reading order."""
    segments = []
    for field in WHOLE_FIELDS:
        text = post.translated(field, language)
        if text.strip():
            segments.append(Segment(segment_id(post.pk, field), post.pk, field, None, text))
    for number, block in enumerate(split_blocks(post.translated(BODY, language)), start=1):
        segments.append(Segment(segment_id(post.pk, BODY, number), post.pk, BODY, number, block))
    return segments
