"""Markdown → safe HTML for post bodies: the one renderer every page uses.

`render_markdown` is a pure function of its text (and an optional image-size lookup): Python-Markdown with
tables, fenced code highlighted by Pygments (CSS classes, no inline styles), heading ids and anchors, a table
of contents, lazy images with width and height; then the nh3 allow-list sanitiser, so `<script>`, event
handler attributes and `javascript:` URLs never reach a page whatever the source contains.

`rendered_body(post, language)` wraps it with Django's cache, keyed by post id, language and `modified_at`
(an edit changes the key, so nothing needs invalidating).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from urllib.parse import unquote

import markdown
import nh3
from django.utils.html import strip_tags
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

# Bump when the renderer's output changes, so cached HTML from the old renderer is not served.
# 2: local images that cannot be found are replaced by their alt text.
RENDERER_VERSION = 2
WORDS_PER_MINUTE = 200
TOC_MIN_HEADINGS = 3
CACHE_SECONDS = 60 * 60 * 24 * 7

# An image's src → (width, height); None when unknown (remote, or a format Pillow cannot size such as SVG);
# IMAGE_MISSING when it is a local image that cannot be found.
ImageSize = Callable[[str], "tuple[int, int] | str | None"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "div": {"class"}, "span": {"class"}, "pre": {"class"}, "code": {"class"},
    "li": {"id"}, "sup": {"id"}, "ol": {"start"},
    "th": {"style", "colspan", "rowspan"}, "td": {"style", "colspan", "rowspan"},
}  # fmt: skip
# Relative URLs are allowed too (nh3 keeps them); anything with another scheme (javascript:, data:) goes.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    filter_style_properties={"text-align"},
    link_rel=None,
    strip_comments=True,
)


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc_html: str = ""
    headings: list[dict] = field(default_factory=list)
    words: int = 0
    reading_minutes: int = 1

    def has_toc(self) -> bool:
        return len(self.headings) >= TOC_MIN_HEADINGS


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def reading_minutes(text: str) -> int:
    """Minutes to read `text` at WORDS_PER_MINUTE, rounded up, at least one."""
    return max(1, math.ceil(count_words(text) / WORDS_PER_MINUTE))


def sanitize(html: str) -> str:
    return _cleaner.clean(html)


LIST_ITEM = re.compile(r"^(?:[*+-]|\d{1,9}[.)])\s+\S")


class _ListsInterruptParagraphs(Preprocessor):
    """A list may start right under a paragraph line, as in CommonMark (Hugo's Goldmark).

    Python-Markdown needs a blank line there; without one, Hugo posts show `* item` inline as text.
    Fenced code is already stashed away when this runs, so code is never touched.
    """

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        for line in lines:
            previous = result[-1] if result else ""
            if (
                LIST_ITEM.match(line)
                and previous.strip()
                and not LIST_ITEM.match(previous.lstrip())
                and not previous.startswith((" ", "\t"))
            ):
                result.append("")
            result.append(line)
        return result


class _ShiftHeadings(Treeprocessor):
    """Body headings start at h2 (the page title is the h1), keeping their relative levels.

    Hugo posts often start at `###`; without this the outline would skip levels.
    """

    def run(self, root: etree.Element) -> None:
        headings = [el for el in root.iter() if re.fullmatch(r"h[1-6]", el.tag)]
        if not headings:
            return
        shift = 2 - min(int(el.tag[1]) for el in headings)
        for el in headings:
            el.tag = f"h{min(6, max(2, int(el.tag[1]) + shift))}"


REMOTE_IMAGE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# What a size lookup answers for a local image this site cannot serve (missing at import, deleted since).
IMAGE_MISSING = "missing"


class _LazyImages(Treeprocessor):
    """Images load lazily and carry width and height (when known) so they reserve their space.

    An image the size lookup reports missing becomes its alt text in a `span.image-missing`: readers get
    the words instead of a broken-image icon.
    """

    def __init__(self, md, image_size: ImageSize | None):
        super().__init__(md)
        self.image_size = image_size

    def run(self, root: etree.Element) -> None:
        for img in list(root.iter("img")):
            size = self.image_size(img.get("src", "")) if self.image_size else None
            if size == IMAGE_MISSING:
                _replace_with_alt_text(img)
                continue
            img.set("loading", "lazy")
            img.set("decoding", "async")
            if size and not (img.get("width") and img.get("height")):
                img.set("width", str(size[0]))
                img.set("height", str(size[1]))


def _replace_with_alt_text(img: etree.Element) -> None:
    alt = img.get("alt", "").strip()
    img.tag = "span"
    img.attrib.clear()
    img.set("class", "image-missing")
    img.text = alt


class _PostBodyExtension(Extension):
    def __init__(self, image_size: ImageSize | None = None, **kwargs):
        self.image_size = image_size
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's API name
        # After fenced code is stashed (priority 25) and before block parsing.
        md.preprocessors.register(_ListsInterruptParagraphs(md), "lists_interrupt_paragraphs", 15)
        # Priorities: the inline processor runs at 20 and toc at 5; both of ours sit between.
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 10)
        md.treeprocessors.register(_LazyImages(md, self.image_size), "lazy_images", 9)


def _markdown(anchor_title: str, image_size: ImageSize | None) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["extra", "codehilite", "toc", "sane_lists", _PostBodyExtension(image_size=image_size)],
        extension_configs={
            "codehilite": {"css_class": "highlight", "guess_lang": False, "use_pygments": True},
            "toc": {
                "slugify": slugify_unicode,
                "permalink": "#",
                "permalink_class": "heading-anchor",
                "permalink_title": anchor_title,
                "toc_depth": "2-4",
            },
        },
        output_format="html",
    )


def _flatten(tokens: list[dict]) -> list[dict]:
    flat = []
    for token in tokens:
        flat.append({"level": token["level"], "id": token["id"], "name": token["name"]})
        flat.extend(_flatten(token.get("children", [])))
    return flat


def render_markdown(
    text: str, *, anchor_title: str = "Permanent link", image_size: ImageSize | None = None
) -> RenderedBody:
    """Render a post body. Pure: the same text (and image sizes) always gives the same result."""
    md = _markdown(anchor_title, image_size)
    html = md.convert(text or "")
    headings = _flatten(md.toc_tokens)
    return RenderedBody(
        html=sanitize(html),
        toc_html=sanitize(md.toc) if headings else "",
        headings=headings,
        words=count_words(text),
        reading_minutes=reading_minutes(text),
    )


# --- Django glue: image sizes from storage, and the cache --------------------------------------------------


def local_image_size(src: str) -> tuple[int, int] | str | None:
    """Width and height of an image this site serves: a media file (read through the default storage) or
    a static file (found by the static files finders). IMAGE_MISSING for a local image that is not there,
    or that this site does not serve at all (`/images/x.png` left unresolved by an import, `cover.jpg`
    relative to the post's URL); None for a remote one."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.files.storage import default_storage

    src = src.strip()
    if not src or REMOTE_IMAGE.match(src):
        return None
    media_url = "/" + settings.MEDIA_URL.lstrip("/")
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    path = unquote(src.split("?", 1)[0].split("#", 1)[0])
    if path.startswith(media_url):
        name = path[len(media_url) :]
        if not name or not default_storage.exists(name):
            return IMAGE_MISSING
        return _image_size(lambda: default_storage.open(name))
    if path.startswith(static_url):
        found = finders.find(path[len(static_url) :])
        if not found:
            return IMAGE_MISSING
        return _image_size(lambda: open(found, "rb"))  # noqa: SIM115 - closed by _image_size
    return IMAGE_MISSING


def _image_size(open_file) -> tuple[int, int] | None:
    """The size in the image's header (Pillow reads no pixels for it); None when Pillow cannot tell (SVG)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with open_file() as handle, Image.open(handle) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def body_cache_key(post_id: int, language: str, modified_at) -> str:
    stamp = modified_at.timestamp() if modified_at else 0
    return f"post-body:v{RENDERER_VERSION}:{post_id}:{language}:{stamp}"


def rendered_body(post, language: str) -> RenderedBody:
    """The post's body in `language`, rendered once per version of the post and kept in Django's cache."""
    from django.core.cache import cache
    from django.utils import translation
    from django.utils.translation import gettext

    key = body_cache_key(post.pk, language, post.modified_at)
    cached = cache.get(key)
    if cached is not None:
        return RenderedBody(**cached)
    with translation.override(language):
        anchor_title = gettext("Link to this section")
    rendered = render_markdown(
        post.translated("body", language), anchor_title=anchor_title, image_size=local_image_size
    )
    cache.set(key, asdict(rendered), CACHE_SECONDS)
    return rendered


# Markdown that reads badly in a snippet or a summary: images and links keep their text, emphasis and code
# marks go.
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"(\*\*|__|\*|`+|^#{1,6}\s*|^>\s?|^\s*[-+]\s+)", re.MULTILINE)
_SPACES = re.compile(r"\s+")


def markdown_to_plain(text: str) -> str:
    """Markdown (and any HTML in it) as one line of readable text for a snippet. Not a sanitiser:
    whatever it returns is escaped before it reaches a page."""
    text = strip_tags(text or "")
    text = _MARKDOWN_IMAGE.sub(r"\1", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_MARKS.sub("", text)
    return _SPACES.sub(" ", text).strip()
