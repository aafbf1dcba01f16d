"""Hugo shortcodes in a post body → Markdown, at import time: Hugo expanded them when it built a page, and
this site has no templates for them. Pure text work; no raw `{{<` is left for a page to show.

- `figure` → a `<figure>` holding a Markdown image (the importer stores it like any body image, the renderer
  sizes it) and a `<figcaption>` whose caption is Markdown, as Hugo's `markdownify` made it.
- `youtube`, `vimeo`, `gist`, `x`/`twitter`, `instagram` → a plain link to the page on that site with a
  label in the page's language. No iframe: the site's Content-Security-Policy allows no third-party frames.
- `param "key"` → the page's front-matter value (dotted keys reach into maps).
- `highlight LANG` … `/highlight` → a fenced code block in that language.
- `notice TYPE` … `/notice` (`{{% %}}` or `{{< >}}`) → a blockquote whose first line is the bold label, as
  the sample site's `layouts/shortcodes/notice.html` writes it.
- `ref`/`relref` are left for `importing.refs`, which knows every page of the run and their URLs.
- `{{</* x */>}}` (Hugo's way to show a shortcode) → the text `{{< x >}}`.
- Anything else stays visible as text with a warning; outside code its characters are backslash-escaped
  (`\\{\\{\\<`), so it neither renders as HTML nor becomes a link target; inside code it is left as written.

Shortcodes are expanded inside code too, as Hugo does (that is why Hugo has the `/* */` form).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote

from importing.body_images import code_ranges

# `{{<` or `{{%`, then anything (quoted strings may hold `>}}`), then the matching `>}}` or `%}}`. Bounded, so
# a body full of `{{<` that never close costs linear time.
_TAG = re.compile(
    r"""\{\{(?P<open>[<%])(?P<inner>(?:"(?:\\.|[^"\\]){0,2000}"|`[^`]{0,2000}`|[^"`]){0,2000}?)(?P<close>[>%])\}\}""",
    re.S,
)
_ARGUMENT = re.compile(
    r"""(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<quoted>(?:\\.|[^"\\])*)"|`(?P<raw>[^`]*)`|(?P<bare>[^\s"`=]+))"""
)
_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
REFS = {"ref", "relref"}

NOTICE_LABELS = {
    "es": {"info": "Información", "tip": "Consejo", "warning": "Atención"},
    "pt": {"info": "Informação", "tip": "Dica", "warning": "Atenção"},
    "en": {"info": "Info", "tip": "Tip", "warning": "Warning"},
}
EMBED_LABELS = {
    "es": "Ver en {site}",
    "pt": "Ver no {site}",
    "en": "View on {site}",
}
EMBEDS = {  # shortcode → (site name, URL template, its arguments by name and position)
    "youtube": ("YouTube", "https://www.youtube.com/watch?v={0}", ("id",)),
    "vimeo": ("Vimeo", "https://vimeo.com/{0}", ("id",)),
    "gist": ("GitHub Gist", "https://gist.github.com/{0}/{1}", ("user", "id")),
    "x": ("X", "https://x.com/{0}/status/{1}", ("user", "id")),
    "twitter": ("X", "https://x.com/{0}/status/{1}", ("user", "id")),
    "instagram": ("Instagram", "https://www.instagram.com/p/{0}/", ("id",)),
}
_KEEP_QUOTES = re.compile(r"(`+).*?\1|\{\{[<%].*?[>%]\}\}|<[^<>\n]*>|\]\([^()\n]*\)", re.S)
_QUOTE = re.compile(r"(['\"])")
_EMBED_ID = re.compile(r"^[\w.-]+$")


@dataclass
class Tag:
    """One shortcode tag: `{{< name args >}}`, `{{% /name %}}`, `{{</* … */>}}`."""

    source: str
    start: int
    end: int
    delimiter: str  # "<" or "%"
    name: str = ""
    closing: bool = False
    comment: str | None = None
    positional: list[str] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, position: int | None = None, default: str = "") -> str:
        if key in self.named:
            return self.named[key]
        if position is not None and position < len(self.positional):
            return self.positional[position]
        return default


def tags(text: str, start: int = 0):
    """Every well-formed shortcode tag from `start` on, in order."""
    position = start
    while match := _TAG.search(text, position):
        opener, closer = match.group("open"), match.group("close")
        if (opener == "<") != (closer == ">"):
            position = match.start() + 2
            continue
        position = match.end()
        yield _tag(match)


def _tag(match: re.Match) -> Tag:
    inner = match.group("inner").strip()
    tag = Tag(match.group(), match.start(), match.end(), match.group("open"))
    if inner.startswith("/*") and inner.endswith("*/"):
        tag.comment = inner[2:-2].strip()
        return tag
    tag.closing = inner.startswith("/")
    inner = inner.lstrip("/").strip().removesuffix("/").strip()
    tag.name, arguments = (inner.split(None, 1) + [""])[:2]
    for argument in _ARGUMENT.finditer(arguments):
        value = next(v for v in argument.group("quoted", "raw", "bare") if v is not None)
        if argument.group("quoted") is not None:
            value = re.sub(r"\\(.)", r"\1", value)
        if argument.group("key"):
            tag.named[argument.group("key")] = value
        else:
            tag.positional.append(value)
    return tag


def visible(source: str) -> str:
    """Markdown that shows `source` as it was written, nothing in it active (no HTML, link or emphasis)."""
    return _PUNCTUATION.sub(r"\\\1", source)


@dataclass(frozen=True)
class Context:
    language: str
    front_matter: dict


def expand(body: str, *, language: str, front_matter: dict) -> tuple[str, list[str]]:
    """The body with its shortcodes expanded (ref/relref kept for `importing.refs`), and warnings."""
    if "{{" not in body:
        return body, []
    warnings: list[str] = []
    return _expand(body, Context(language, front_matter), warnings), warnings


def _expand(text: str, context: Context, warnings: list[str]) -> str:
    code = code_ranges(text)
    pieces, position = [], 0
    for tag in tags(text):
        if tag.start < position:
            continue  # inside a paired shortcode already handled
        in_code = any(a <= tag.start < b for a, b in code)
        pieces.append(text[position : tag.start])
        position = tag.end
        if tag.comment is not None:
            shown = _normalised(tag, tag.comment)
            pieces.append(shown if in_code else visible(shown))
        elif tag.name in REFS and not tag.closing:
            pieces.append(tag.source)
        elif tag.name in PAIRED and not tag.closing and (closing := _closing_tag(text, tag)):
            markdown = PAIRED[tag.name](tag, text[tag.end : closing.start], context, warnings)
            position = closing.end
            pieces.append(_as_block(markdown, text, tag.start, position))
        elif tag.name in SINGLE and not tag.closing:
            markdown = SINGLE[tag.name](tag, context, warnings)
            pieces.append(_as_block(markdown, text, tag.start, position) if tag.name in BLOCKS else markdown)
        else:
            unclosed = tag.name in PAIRED and not tag.closing
            what = "shortcode without its closing tag" if unclosed else "unknown shortcode"
            warnings.append(f"{what} {_short(tag.source)} kept as text")
            pieces.append(tag.source if in_code else visible(_normalised(tag)))
    pieces.append(text[position:])
    return "".join(pieces)


def _normalised(tag: Tag, inner: str | None = None) -> str:
    """The tag as written, with one space inside each delimiter (so its text is never a link target)."""
    inner = tag.source[3:-3].strip() if inner is None else inner
    return f"{{{{{tag.delimiter} {inner} {'>' if tag.delimiter == '<' else '%'}}}}}"


def _as_block(markdown: str, text: str, start: int, end: int) -> str:
    """Markdown blocks in place of text[start:end]: blank lines around them, each line at the shortcode's
    indent (inside a list item it stays in the item)."""
    if markdown.startswith("\\{"):  # kept as text: stays inline
        return markdown
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start] if not text[line_start:start].strip() else ""
    lines = markdown.strip("\n").split("\n")
    body = "\n".join([lines[0], *(f"{indent}{line}" if line else "" for line in lines[1:])])
    before = text[:start]
    # An indented one follows its indent (already written); the blocks it makes may interrupt a paragraph.
    lead = (
        "" if indent or not before or before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
    )
    after = text[end:]
    trail = "" if not after or after.startswith("\n\n") else ("\n" if after.startswith("\n") else "\n\n")
    return f"{lead}{body}{trail}"


def _closing_tag(text: str, opening: Tag) -> Tag | None:
    depth = 0
    for tag in tags(text, opening.end):
        if tag.name != opening.name or tag.comment is not None:
            continue
        if not tag.closing:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return tag
    return None


def _short(source: str) -> str:
    source = " ".join(source.split())
    return source if len(source) <= 80 else source[:77] + "..."


# --- The shortcodes ---------------------------------------------------------------------------------------


def _figure(tag: Tag, context: Context, warnings: list[str]) -> str:
    src = tag.get("src")
    if not src:
        warnings.append(f"shortcode {_short(tag.source)} has no src; kept as text")
        return visible(_normalised(tag))
    caption = tag.get("caption")
    alt = tag.get("alt") or re.sub(r"[*_`\[\]]", "", caption)
    image = f"![{_escape_brackets(alt)}](<{src.replace('<', '%3C').replace('>', '%3E')}>)"
    if tag.get("link"):
        image = f"[{image}](<{tag.get('link')}>)"
    parts = ["<figure>", "", image, ""]
    title, attribution = tag.get("title"), tag.get("attr")
    if attribution and tag.get("attrlink"):
        attribution = f"[{attribution}](<{tag.get('attrlink')}>)"
    if title or caption or attribution:
        parts += ["<figcaption>", *([f"<h4>{escape(title)}</h4>"] if title else []), ""]
        parts += [" ".join(filter(None, (caption, attribution))), "", "</figcaption>"]
    return "\n".join([*parts, "</figure>"])


def _escape_brackets(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _embed(tag: Tag, context: Context, warnings: list[str]) -> str:
    site, template, keys = EMBEDS[tag.name]
    values = [tag.get(key, position) for position, key in enumerate(keys)]
    if not all(values) or not all(_EMBED_ID.match(value) for value in values):
        warnings.append(f"shortcode {_short(tag.source)}: no usable id; kept as text")
        return visible(_normalised(tag))
    url = template.format(*(quote(value) for value in values))
    if tag.name == "youtube" and tag.get("start").isdigit():
        url += f"&t={tag.get('start')}s"
    label = tag.get("title") or EMBED_LABELS.get(context.language, EMBED_LABELS["en"]).format(site=site)
    return f"[{_escape_brackets(label)}]({url})"


def _param(tag: Tag, context: Context, warnings: list[str]) -> str:
    key = tag.get("key", 0) or tag.get("name")
    value = _lookup(context.front_matter, key) if key else None
    if value is None:
        value = _lookup(context.front_matter.get("params") or {}, key) if key else None
    if value is None:
        warnings.append(f"shortcode {_short(tag.source)}: no front-matter value {key!r}; left empty")
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _lookup(data, dotted: str):
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        lowered = {str(k).lower(): v for k, v in data.items()}
        data = data[part] if part in data else lowered.get(part.lower())
    return data


def _highlight(tag: Tag, inner: str, context: Context, warnings: list[str]) -> str:
    code = inner.strip("\n")
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", code)), default=0))
    return f"{fence}{tag.get('lang', 0)}\n{code}\n{fence}"


def _notice(tag: Tag, inner: str, context: Context, warnings: list[str]) -> str:
    kind = tag.get("type", 0) or "info"
    label = NOTICE_LABELS.get(context.language, {}).get(kind) or kind.title()
    inner = _straight_quotes(_expand(inner, context, warnings))
    lines = [f"> **{label}**", ">", *(f"> {line}".rstrip() for line in inner.strip().split("\n"))]
    return "\n".join(lines)


def _straight_quotes(markdown: str) -> str:
    """Quotes backslash-escaped, so the typographer leaves them straight, as Hugo showed them: the sample's
    notice.html writes its text through Go's html/template (`'` → `&#39;`), which Goldmark does not curl.
    Code, shortcode tags, HTML tags and link destinations keep theirs."""
    pieces, position = [], 0
    for match in _KEEP_QUOTES.finditer(markdown):
        pieces += [_QUOTE.sub(r"\\\1", markdown[position : match.start()]), match.group()]
        position = match.end()
    return "".join(pieces) + _QUOTE.sub(r"\\\1", markdown[position:])


SINGLE: dict[str, Callable[[Tag, Context, list[str]], str]] = {
    "figure": _figure,
    "param": _param,
    **dict.fromkeys(EMBEDS, _embed),
}
BLOCKS = {"figure", *EMBEDS}
PAIRED: dict[str, Callable[[Tag, str, Context, list[str]], str]] = {
    "highlight": _highlight,
    "notice": _notice,
}
