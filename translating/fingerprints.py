"""Fingerprints of source text: what a translation was made from, in a form cheap to compare.

Pure functions, no database. A *snapshot* is the source language's text per field (`{"title": …,
"body": …}`); its *fingerprints* are a sha256 per field, and per block for Markdown fields (headings,
paragraphs, lists, code blocks: markdown-it's top-level blocks), of the text with Unicode normalised and
runs of whitespace collapsed, so re-wrapping a paragraph changes nothing; the *digest* is one hash of all
of them, the value the database compares.

markdown-it is imported when blocks are first split, not with the module: `translating.models` imports this
module in every `django.setup()`, and the parser costs ~25 ms to import (the start-up budget,
docs/performance.md).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    text: str  # the block's Markdown as written
    kind: str  # "heading", "paragraph", "code", "list", "quote", "other"


_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "fence": "code",
    "code_block": "code",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "blockquote_open": "quote",
}


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends stripped: what a fingerprint is taken of."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def sha(text: str) -> str:
    return hashlib.sha256(normalise(text).encode()).hexdigest()


@cache
def _blocks_parser():
    from markdown_it import MarkdownIt  # local: see the module's docstring

    # Only the top-level blocks' kinds and lines are read: the inline rules (emphasis, links, code spans),
    # ~90 % of a parse of ordinary prose, change none of them.
    return MarkdownIt("commonmark").disable("inline")


def split_blocks(text: str) -> list[Block]:
    """The Markdown's top-level blocks in order. Lines no block covers (link reference definitions) are
    blocks of their own, so a change to them is a change too."""
    lines = (text or "").replace("\r\n", "\n").split("\n")
    spans: list[tuple[int, int, str]] = []
    for token in _blocks_parser().parse(text or ""):
        if token.level == 0 and token.nesting != -1 and token.map:
            spans.append((token.map[0], token.map[1], _KINDS.get(token.type, "other")))
    covered = {line for start, end, _kind in spans for line in range(start, end)}
    run: list[int] = []
    for number, line in enumerate([*lines, ""]):
        if line.strip() and number not in covered:
            run.append(number)
        elif run:
            spans.append((run[0], run[-1] + 1, "other"))
            run = []
    blocks = []
    for start, end, kind in sorted(spans):
        block = "\n".join(lines[start:end]).strip()
        if block:
            blocks.append(Block(block, kind))
    return blocks


def fingerprints(snapshot: dict[str, str], markdown_fields: tuple[str, ...]) -> dict:
    """`{"title": sha, "body": [sha per block]}` for the fields of `snapshot`."""
    prints: dict = {}
    for field, text in snapshot.items():
        if field in markdown_fields:
            prints[field] = [sha(block.text) for block in split_blocks(text)]
        else:
            prints[field] = sha(text)
    return prints


def digest(prints: dict) -> str:
    """One hash for a whole set of fingerprints: equal digests, equal normalised source."""
    return hashlib.sha256(json.dumps(prints, sort_keys=True).encode()).hexdigest()


WORD = re.compile(r"\w+")


def word_count(snapshot: dict[str, str]) -> int:
    """Words to translate in a snapshot (blog.rendering.count_words' rule, over every field)."""
    return sum(len(WORD.findall(text or "")) for text in snapshot.values())
