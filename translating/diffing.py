"""What changed in a source since a translation was made: paragraph by paragraph, word by word.

Pure functions over two snapshots (`{"title": …, "body": …}`). Markdown fields are compared block by block
(`fingerprints.split_blocks`) with difflib; a changed block carries word-level segments for both sides, so
the desk can strike out what went and mark what came.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from translating.fingerprints import normalise, split_blocks

_TOKENS = re.compile(r"\w+\s*|[^\w\s]+\s*|\s+")  # a word with the spaces after it


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" (only in the new text), "delete" (only in the old text)
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    kind: str  # "added", "removed", "changed"
    old: str = ""
    new: str = ""
    old_segments: list[Segment] = field(default_factory=list)
    new_segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class FieldDiff:
    field: str
    changes: list[ParagraphChange]


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].op == segment.op:
            merged[-1] = Segment(segment.op, merged[-1].text + segment.text)
        elif segment.text:
            merged.append(segment)
    return merged


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Both texts as segments: words kept, words only in the old one, words only in the new one."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    old_segments, new_segments = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            old_segments.append(Segment("equal", "".join(a[i1:i2])))
            new_segments.append(Segment("equal", "".join(b[j1:j2])))
            continue
        old_segments.append(Segment("delete", "".join(a[i1:i2])))
        new_segments.append(Segment("insert", "".join(b[j1:j2])))
    return _merge(old_segments), _merge(new_segments)


def changed(old: str, new: str) -> ParagraphChange:
    old_segments, new_segments = word_diff(old, new)
    return ParagraphChange("changed", old, new, old_segments, new_segments)


def paragraph_diff(old_blocks: list[str], new_blocks: list[str]) -> list[ParagraphChange]:
    """Blocks added, removed and changed (paired in order within a replaced run), unchanged ones left out."""
    matcher = SequenceMatcher(None, [normalise(b) for b in old_blocks], [normalise(b) for b in new_blocks])
    changes: list[ParagraphChange] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = old_blocks[i1:i2], new_blocks[j1:j2]
        paired = min(len(old), len(new))
        changes += [changed(old[n], new[n]) for n in range(paired)]
        changes += [ParagraphChange("removed", old=text) for text in old[paired:]]
        changes += [ParagraphChange("added", new=text) for text in new[paired:]]
    return changes


def snapshot_diff(old: dict[str, str], new: dict[str, str], markdown_fields) -> list[FieldDiff]:
    """Per field of `new`, what changed since `old`; fields that did not change are left out."""
    diffs = []
    for name, new_text in new.items():
        old_text = old.get(name, "") or ""
        if normalise(old_text) == normalise(new_text or ""):
            continue
        if name in markdown_fields:
            old_blocks = [block.text for block in split_blocks(old_text)]
            new_blocks = [block.text for block in split_blocks(new_text)]
            changes = paragraph_diff(old_blocks, new_blocks)
        elif not old_text:
            changes = [ParagraphChange("added", new=new_text)]
        elif not new_text:
            changes = [ParagraphChange("removed", old=old_text)]
        else:
            changes = [changed(old_text, new_text)]
        if changes:
            diffs.append(FieldDiff(name, changes))
    return diffs
