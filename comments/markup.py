"""Comment text → safe HTML: a small Markdown subset, then the nh3 allow-list.

Readers may write emphasis, links, code (inline and blocks), lists and quotes. Images, headings, tables
and raw HTML are not rules of this parser at all: `# x` stays text, `![a](b)` is a "!" before a link, `<b>`
is shown as typed. nh3 runs last anyway with an allow-list of exactly the tags the subset makes, so nothing
else reaches a page whatever the parser does. Links get `rel="nofollow ugc noopener"`: readers' links earn
no ranking from us and open nothing with access to our window.

The parser is made, and markdown-it imported, when the first comment is rendered, not with the module:
`comments.models` imports it in every `django.setup()`, and markdown-it costs ~25 ms to import (the
start-up budget, docs/performance.md).
"""

from __future__ import annotations

from functools import cache

import nh3

MARKDOWN_RULES = [
    "emphasis",
    "link",
    "autolink",
    "backticks",
    "escape",
    "entity",
    "newline",
    "code",
    "fence",
    "list",
    "blockquote",
]
ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel=LINK_REL,
    strip_comments=True,
)


@cache
def _parser():
    from markdown_it import MarkdownIt  # local: see the module's docstring

    # "zero" has only paragraphs and text; the rules above are added one by one. html=False: raw HTML is text.
    return MarkdownIt("zero", {"html": False, "breaks": True}).enable(MARKDOWN_RULES)


def render_comment(text: str) -> str:
    """The comment's HTML. Pure: the same text always gives the same HTML."""
    return _cleaner.clean(_parser().render(text or ""))
