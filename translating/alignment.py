"""The source's blocks beside the translation's, so a translator keeps their place in a long post.

Both bodies are cut into sections at their headings; sections are paired in order, and within a pair the
heading with the heading and the other blocks in order, the shorter side padded with gaps. A translation
that follows the source's structure lines up exactly; one that merged or split a paragraph is off by one
only until the next heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from translating.fingerprints import Block, split_blocks


@dataclass(frozen=True)
class Row:
    source: Block | None
    target: Block | None

    @property
    def is_heading(self) -> bool:
        return any(block is not None and block.kind == "heading" for block in (self.source, self.target))


def sections(blocks: list[Block]) -> list[list[Block]]:
    """Blocks grouped under their headings; the first group holds what comes before the first heading."""
    groups: list[list[Block]] = [[]]
    for block in blocks:
        if block.kind == "heading":
            groups.append([])
        groups[-1].append(block)
    return groups


def align(source_text: str, target_text: str) -> list[Row]:
    rows = []
    for source, target in zip_longest(
        sections(split_blocks(source_text)), sections(split_blocks(target_text))
    ):
        rows += [Row(s, t) for s, t in zip_longest(source or [], target or [])]
    return rows
