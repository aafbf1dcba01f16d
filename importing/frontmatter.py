"""Splitting a file into front matter and body, and parsing the front matter (YAML or TOML).

Values stay as written: the YAML loader does not turn dates into `datetime` objects, so `repair` sees the
original text (and `2025-04-18T1T10:00:00-06:00` reaches it instead of failing inside the parser).
"""

from __future__ import annotations

import re
import tomllib

import yaml

MORE_MARKER = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_FENCES = {"---": "yaml", "+++": "toml"}
# Far above any real page's front matter (a few dozen values and a few kilobytes), far below what exhausts
# memory: YAML aliases let a few lines stand for millions of values (a "billion laughs"), or for one long
# string repeated thousands of times (3,000 references to a 1 MB string are 3 GB of JSON in `Post.extra`).
MAX_VALUES = 10_000
MAX_EXPANDED_BYTES = 1024 * 1024


class FrontMatterError(Exception):
    """Missing or unparsable front matter; the message is the line the command prints."""


class NoFrontMatter(FrontMatterError):
    """The text does not open with a `---`/`+++` line."""


class _StringDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's when available: several times faster) that leaves timestamps as strings."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str) -> tuple[str, str, str]:
    """(format, front matter text, body) for a text that opens with `---` or `+++`."""
    text = text.lstrip("\ufeff")
    first_line, _newline, rest = text.partition("\n")
    fence = first_line.strip()
    if fence not in _FENCES:
        raise NoFrontMatter("no front matter (the file must start with a --- line)")
    match = re.search(rf"^{re.escape(fence)}[ \t]*\r?$", rest, re.MULTILINE)
    if match is None:
        raise FrontMatterError(f"front matter is not closed (no second {fence} line)")
    body = rest[match.end() :]
    # Blank lines between the closing fence and the text are layout, not content.
    return _FENCES[fence], rest[: match.start()], body.lstrip("\r\n")


def parse_front_matter(text: str) -> tuple[dict, str]:
    """(front matter mapping, body); raises FrontMatterError for invalid YAML/TOML or a non-mapping."""
    kind, raw, body = split_front_matter(text)
    try:
        data = tomllib.loads(raw) if kind == "toml" else yaml.load(raw, Loader=_StringDatesLoader)  # noqa: S506
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as error:
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise FrontMatterError(f"invalid {kind.upper()} front matter{where}: {detail}") from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter is not a mapping (found {type(data).__name__})")
    budget = _Budget()
    return {budget.key(key): _plain(value, budget) for key, value in data.items()}, body


class _Budget:
    """What the copy of the front matter may still hold: values and UTF-8 bytes of text, as expanded.

    The loaded structure shares aliased objects, so it is small however often they are referenced; the
    copy (and everything after it: JSON, the database) is not. Counting while copying stops a bomb at the
    first value past either limit, before anything large is built.
    """

    def __init__(self) -> None:
        self.values = MAX_VALUES
        self.bytes = MAX_EXPANDED_BYTES

    def spend(self, value, *, is_key: bool = False) -> None:
        if not is_key:
            self.values -= 1
            if self.values < 0:
                raise FrontMatterError(
                    f"front matter expands to more than {MAX_VALUES} values (nested YAML aliases?)"
                )
        self.bytes -= _size(value)
        if self.bytes < 0:
            raise FrontMatterError(
                f"front matter expands to more than {MAX_EXPANDED_BYTES} bytes "
                "(a very long value, or one repeated through YAML aliases?)"
            )

    def key(self, key) -> str:
        text = str(key)
        self.spend(text, is_key=True)
        return text


def _size(value) -> int:
    """UTF-8 bytes of text; a few bytes for any other scalar or a container's own brackets."""
    if not isinstance(value, str):
        return 8
    return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))


def _plain(value, budget: _Budget):
    """A copy of a front-matter value within `budget`; TOML dates become ISO strings too, so every value is
    JSON-serialisable."""
    if isinstance(value, dict):
        budget.spend(None)
        return {budget.key(k): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        budget.spend(None)
        return [_plain(v, budget) for v in value]
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    budget.spend(value)
    return value


def as_list(value) -> list[str]:
    """`tags: x`, `tags: [x, y]` or missing → a list of non-empty strings."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def as_bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "on", "1"}
    return bool(value)


def split_summary(body: str) -> str:
    """The text before `<!--more-->`, or '' when the body has no marker."""
    match = MORE_MARKER.search(body)
    return body[: match.start()].strip() if match else ""
