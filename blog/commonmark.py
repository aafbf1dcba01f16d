"""The Markdown parser behind `blog.rendering`: CommonMark as Hugo's Goldmark reads it, with its extras.

markdown-it-py in its CommonMark preset (lists may interrupt a paragraph, any indent of 0–3 spaces, nested
lists by the width of the marker; heading levels as written; raw HTML passed on to the sanitiser) plus the
extensions Hugo turns on by default: GFM tables and strikethrough, footnotes, definition lists, linkify (URLs
with a scheme and e-mail addresses; a bare `www.example.org` stays text) and Goldmark's typographer (curly
quotes and apostrophes; `--` en dash, `---` em dash, `...` ellipsis, `<<` and `>>` angle quotes; nothing
else, so `(c)` stays as written). Code spans and blocks keep their straight quotes.

Our own rules, fed through the parser's `env` so one parser serves every call:

- headings get Hugo's ids (`autoHeadingIDType: github`: from the heading's source text, lowercased, letters,
  digits, `_` and `-` kept, each space a `-`; a repeat gets `-1`, `-2`…; `{#id}` after the text sets it) and
  a permalink anchor, and are collected for the table of contents;
- images load lazily with their size when known, or become their alt text when the image is missing;
- links to a path on this site go through `env["link_targets"]` (one call per body), which may give a
  path's current URL: an old Hugo URL of a post becomes the post's URL here;
- fenced and indented code is highlighted by Pygments with CSS classes.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

# What a size lookup answers for a local image this site cannot serve (missing at import, deleted since).
IMAGE_MISSING = "missing"
TOC_LEVELS = range(2, 5)
LOCAL_PATH = re.compile(r"^/(?!/)")

_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)
# Goldmark's typographer, left to right: the longest dash first.
_TYPOGRAPHY = re.compile(r"---|--|\.\.\.|<<|>>")
_TYPOGRAPHIC = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<<": "\u00ab", ">>": "\u00bb"}
# Hugo's heading attributes (`## Title {#id .class}`): the id is kept, the rest dropped.
_HEADING_ATTRIBUTES = re.compile(r"\s*\{([^{}]*)\}\s*$")
_ID_ATTRIBUTE = re.compile(r"(?:^|\s)#([\w-]+)")


def heading_id(text: str) -> str:
    """Hugo's `github` heading id for the heading's source text (markup characters drop out)."""
    out = []
    for char in text.strip():
        if char in "- ":
            out.append("-")
        elif char == "_" or char.isalpha() or char.isdecimal():
            out.append(char.lower())
    return "".join(out)


def _typography(state: StateCore) -> None:
    """Goldmark's dashes, ellipsis and angle quotes in text (not in code, not inside autolinks)."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        in_autolink = False
        for token in block.children:
            if token.type in {"link_open", "link_close"} and token.info == "auto":
                in_autolink = token.type == "link_open"
            elif token.type == "text" and not in_autolink:
                token.content = _TYPOGRAPHY.sub(lambda m: _TYPOGRAPHIC[m.group()], token.content)


def _split_attributes(inline: Token) -> str:
    """Remove a trailing `{#id …}` from the heading's text; the id it names, or ''."""
    last = inline.children[-1] if inline.children else None
    match = _HEADING_ATTRIBUTES.search(last.content) if last is not None and last.type == "text" else None
    if not match:
        return ""
    last.content = last.content[: match.start()]
    inline.content = _HEADING_ATTRIBUTES.sub("", inline.content)
    found = _ID_ATTRIBUTE.search(match.group(1))
    return found.group(1) if found else ""


def _headings(state: StateCore) -> None:
    """Ids, permalink anchors and the list of headings (in `env["headings"]`) for the TOC."""
    env = state.env
    seen: set[str] = set()
    headings = env.setdefault("headings", [])
    for index, token in enumerate(state.tokens):
        if token.type != "heading_open":
            continue
        inline = state.tokens[index + 1]
        slug = _split_attributes(inline) or heading_id(inline.content)
        base, n = slug, 0
        while slug in seen:
            n += 1
            slug = f"{base}-{n}"
        seen.add(slug)
        token.attrSet("id", slug)
        name = "".join(c.content for c in inline.children or () if c.type in {"text", "code_inline"})
        headings.append({"level": int(token.tag[1]), "id": slug, "name": name.strip()})
        anchor = Token("link_open", "a", 1, attrs={"class": "heading-anchor", "href": f"#{slug}"})
        anchor.attrSet("title", env.get("anchor_title", "Permanent link"))
        inline.children = [*(inline.children or ()), anchor, Token("text", "", 0, content="#")]
        inline.children.append(Token("link_close", "a", -1))


def _images(state: StateCore) -> None:
    """Lazy images with width and height from `env["image_size"]`; a missing one becomes its alt text."""
    image_size = state.env.get("image_size")
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for position, token in enumerate(block.children):
            if token.type != "image":
                continue
            size = image_size(token.attrGet("src") or "") if image_size else None
            if size == IMAGE_MISSING:
                alt = state.md.renderer.renderInlineAsText(token.children or [], state.md.options, state.env)
                span = f'<span class="image-missing">{escape(alt.strip(), quote=False)}</span>'
                block.children[position] = Token("html_inline", "", 0, content=span)
                continue
            token.attrSet("loading", "lazy")
            token.attrSet("decoding", "async")
            if size and not (token.attrGet("width") and token.attrGet("height")):
                token.attrSet("width", str(size[0]))
                token.attrSet("height", str(size[1]))


def _site_links(state: StateCore) -> None:
    """Links to local paths (`/…`, not `//host`) get the URL `env["link_targets"]` maps them to, if any."""
    link_targets = state.env.get("link_targets")
    if link_targets is None:
        return
    links = [
        token
        for block in state.tokens
        if block.type == "inline"
        for token in block.children or ()
        if token.type == "link_open" and LOCAL_PATH.match(token.attrGet("href") or "")
    ]
    if not links:
        return
    targets = link_targets({token.attrGet("href") for token in links})
    for token in links:
        token.attrSet("href", targets.get(token.attrGet("href"), token.attrGet("href")))


def _highlighted(code: str, language: str) -> str:
    try:
        lexer = get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        lexer = TextLexer()
    return highlight(code, lexer, _FORMATTER)


def _fence(renderer, tokens: list[Token], index: int, options, env) -> str:
    token = tokens[index]
    language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
    return _highlighted(token.content, language.lstrip("{.").rstrip("}"))


def _code_block(renderer, tokens: list[Token], index: int, options, env) -> str:
    return _highlighted(tokens[index].content, "")


def toc_html(headings: list[dict]) -> str:
    """Nested lists of links to the TOC headings (levels 2–4), as `<div class="toc">`."""
    roots: list[dict] = []
    open_nodes: list[dict] = []
    for heading in (h for h in headings if h["level"] in TOC_LEVELS):
        while open_nodes and open_nodes[-1]["level"] >= heading["level"]:
            open_nodes.pop()
        node = {**heading, "children": []}
        (open_nodes[-1]["children"] if open_nodes else roots).append(node)
        open_nodes.append(node)
    return f'<div class="toc">{_toc_list(roots)}</div>' if roots else ""


def _toc_list(nodes: list[dict]) -> str:
    items = (
        f'<li><a href="#{escape(node["id"])}">{escape(node["name"])}</a>{_toc_list(node["children"])}</li>'
        for node in nodes
    )
    return f"<ul>{''.join(items)}</ul>" if nodes else ""


def build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True, "linkify": True})
    md.enable(["table", "strikethrough", "smartquotes", "linkify"])
    # Goldmark's linkify: URLs with a scheme and e-mail addresses, not bare domains (`example.com`).
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": True})
    # Every link is kept as a link and nh3 alone decides which URLs survive (a `javascript:` one loses its
    # href, as Goldmark empties it); markdown-it would otherwise print the refused link as literal text.
    md.validateLink = lambda url: True
    md.use(footnote_plugin).use(deflist_plugin)
    md.core.ruler.after("linkify", "goldmark_typography", _typography)
    md.core.ruler.push("heading_ids", _headings)
    md.core.ruler.push("lazy_images", _images)
    md.core.ruler.push("site_links", _site_links)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("code_block", _code_block)
    # Footnotes as Goldmark writes them: a plain number, the notes in a `div.footnotes` after a rule.
    md.add_render_rule(
        "footnote_caption", lambda self, tokens, index, options, env: _footnote_number(tokens[index])
    )
    md.add_render_rule("footnote_block_open", lambda *args: '<div class="footnotes"><hr><ol>\n')
    md.add_render_rule("footnote_block_close", lambda *args: "</ol></div>\n")
    return md


def _footnote_number(token: Token) -> str:
    sub = token.meta.get("subId", -1)
    return f"{token.meta['id'] + 1}" + (f":{sub}" if sub > 0 else "")
