"""Search words and result snippets: folding (case and accents), the query's words, and safe highlights.

Snippets are safe by construction: the highlight markers are control characters that cannot survive into
HTML; the snippet text is escaped, and only then the markers become `<mark>`/`</mark>`. PostgreSQL's
headlines (`discovery.search`) use the same markers; on SQLite the snippet is cut here, in Python, from the
page's posts only, so its cost does not grow with the corpus.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from blog.models import Post
from blog.rendering import markdown_to_plain

MAX_QUERY_WORDS = 10

# Highlight markers: control characters, removed from queries and never produced by escaping.
MARK_START = "\x02"
MARK_STOP = "\x03"
_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"\w+")
_SNIPPET_CHARS = 240
_SNIPPET_SOURCE_CHARS = 20_000


def fold(text: str) -> str:
    """Case- and accent-insensitive form: `Migración` -> `migracion`, `São` -> `sao`."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text or "")).casefold()


def query_words(query: str) -> list[str]:
    """The distinct folded words of a query (punctuation such as `%` or quotes is not a word)."""
    words = []
    for word in _WORD.findall(fold(query)):
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def fallback_stem(word: str) -> str:
    """The fallback's only stemming: a plural `s` goes, so substring matching finds both `migration` and
    `migrations`. Short words keep it (`gas`, `mas`)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


@lru_cache(maxsize=64)
def word_start_pattern(word: str) -> re.Pattern:
    """`word` where a word begins: not preceded by a letter, digit or underscore."""
    return re.compile(r"(?<!\w)" + re.escape(word))


def render_snippet(marked_text: str) -> SafeString:
    """Escape everything, then turn balanced markers into `<mark>`; stray markers are dropped."""
    escaped = escape(marked_text)
    highlighted = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(highlighted.replace(MARK_START, "").replace(MARK_STOP, ""))  # noqa: S308 - escaped above


def mark_words(text: str, words: list[str], max_chars: int = _SNIPPET_CHARS) -> str:
    """A window of `text` around the first matching word, with every match inside it between markers.

    Matching is on folded text; an index map back to the original keeps accents and case as written.
    """
    folded_chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded_chars.append(folded_char)
            origin.append(index)
    folded = "".join(folded_chars)
    spans = []
    for word in words:
        spans.extend((m.start(), m.end()) for m in word_start_pattern(word).finditer(folded))
    if not spans:
        return _trim_to_words(text[:max_chars], cut_start=False, cut_end=len(text) > max_chars)
    spans = [_whole_word(text, origin[start], origin[end - 1] + 1) for start, end in sorted(spans)]
    first = spans[0][0]
    window_start = max(0, first - max_chars // 3)
    window_end = min(len(text), window_start + max_chars)
    pieces, cursor = [], window_start
    for start, end in spans:
        if start < cursor or end > window_end:
            continue
        pieces.extend([text[cursor:start], MARK_START, text[start:end], MARK_STOP])
        cursor = end
    pieces.append(text[cursor:window_end])
    return _trim_to_words("".join(pieces), cut_start=window_start > 0, cut_end=window_end < len(text))


def _whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match to the word around it: the fallback matches stems (`kubernete`), readers see words."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return start, end


def _trim_to_words(snippet: str, *, cut_start: bool, cut_end: bool) -> str:
    """Drop half words at cut edges and show the cut with an ellipsis."""
    if cut_start and " " in snippet:
        snippet = "… " + snippet.split(" ", 1)[1]
    if cut_end and " " in snippet:
        snippet = snippet.rsplit(" ", 1)[0] + " …"
    return snippet


def snippet_for(post: Post, query: str, language: str) -> SafeString:
    """The highlighted snippet of one result: PostgreSQL's headline when present, else cut in Python."""
    headline = getattr(post, "headline", None)
    if headline is not None:
        return render_snippet(markdown_to_plain(headline))
    body = post.translated("body", getattr(post, "shown_language", None) or language)
    body = markdown_to_plain(body[:_SNIPPET_SOURCE_CHARS])
    return render_snippet(mark_words(body, [fallback_stem(word) for word in query_words(query)]))
