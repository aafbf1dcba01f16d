"""What a parsed front matter may hold before a page is built from it: text where text is expected, lists of
names for the taxonomies (at most `MAX_TERMS_PER_POST` each), and no C0 control characters anywhere.

A mapping or a list where a title, slug or name belongs used to be stored as its Python repr
(`{'en': 'Hello'}` as a title); such a file is now refused with a line naming the key. Control characters are
stripped here, before anything compares or stores the values: the models strip them on `save()` too, but
terms, authors and redirects are written with `bulk_create`, and a value cleaned only when saved would differ
from what the next run reads (a post that is never "unchanged").
"""

from __future__ import annotations

from blog.text import without_control_characters
from importing.frontmatter import FrontMatterError

# A post with more names than this in one taxonomy is not a post but a list (or an attack: pairing and
# linking thousands of terms per file took minutes). Far above real use: the samples have at most eight.
MAX_TERMS_PER_POST = 200
TERM_KEYS = ("categories", "tags", "series", "authors")
FLAGS = ("draft", "featured", "comment", "toc", "reward", "pinned", "carousel")
# Keys read as one piece of text (numbers and booleans are accepted and read as text or flags).
TEXT_KEYS = (
    *("title", "slug", "description", "summary", "date", "lastmod"),
    *("translationKey", "lang", "language", "url", "avatar"),
    *FLAGS,
)
# Keys read as one name or a list of names.
LIST_KEYS = (*TERM_KEYS, "aliases", "images")
# Text that may span lines: the summary and the bio (TextFields), and keys the importer keeps as written in
# `Post.extra`. Everything else becomes one line (a line break in a title or a tag is a space).
MULTILINE_KEYS = ("description", "summary")
# An author page's links, top level or under `social:` (`x` is another name for `twitter`).
LINK_KEYS = ("github", "twitter", "x", "linkedin", "mastodon", "email", "website")
ONE_LINE_KEYS = (*TEXT_KEYS, *LIST_KEYS, *LINK_KEYS, "redirects", "social")
SCALARS = (str, int, float, bool, type(None))


def checked_front_matter(data: dict) -> dict:
    """`data` without control characters; raises FrontMatterError for a value of the wrong shape."""
    cleaned = {
        _text(key): _cleaned(value, multiline=key in MULTILINE_KEYS or key not in ONE_LINE_KEYS)
        for key, value in data.items()
    }
    for key in TEXT_KEYS:
        if not isinstance(cleaned.get(key), SCALARS):
            raise FrontMatterError(f"`{key}` must be text, not {_kind(cleaned[key])}")
    for key in LIST_KEYS:
        _check_names(key, cleaned.get(key))
    redirects = cleaned.get("redirects")
    if isinstance(redirects, dict):
        for origin, paths in redirects.items():
            _check_names(f"redirects.{origin}", paths)
    return cleaned


def cleaned_body(body: str) -> str:
    return without_control_characters(body, multiline=True)


def _check_names(key: str, value) -> None:
    items = value if isinstance(value, list) else [value]
    for position, item in enumerate(items, start=1):
        if not isinstance(item, SCALARS):
            raise FrontMatterError(f"`{key}` must be a list of names; item {position} is {_kind(item)}")
    if key in TERM_KEYS and len(items) > MAX_TERMS_PER_POST:
        raise FrontMatterError(f"too many {key}: {len(items)} (at most {MAX_TERMS_PER_POST} per post)")


def _kind(value) -> str:
    return "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else "not text"


def _cleaned(value, *, multiline: bool):
    if isinstance(value, str):
        return without_control_characters(value, multiline=multiline)
    if isinstance(value, dict):
        return {_text(key): _cleaned(item, multiline=multiline) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item, multiline=multiline) for item in value]
    return value


def _text(key: str) -> str:
    return without_control_characters(key)
