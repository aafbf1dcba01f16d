"""Markdown → safe HTML for post bodies: the one renderer every page uses.

`render_markdown` is a pure function of its text (and an optional image-size lookup): CommonMark as Hugo's
Goldmark renders it (`blog.commonmark`: markdown-it-py with tables, typographer, fenced code highlighted by
Pygments with CSS classes, Hugo's heading ids and anchors, a table of contents, lazy images with width and
height; see docs/rendering.md for why); then the nh3 allow-list sanitiser, always last, so `<script>`, event
handler attributes and `javascript:` URLs never reach a page whatever the source contains.

`rendered_body(post, language)` wraps it with Django's cache, keyed by post id, language and `modified_at`
(an edit changes the key, so nothing needs invalidating).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from urllib.parse import unquote

import nh3
from django.utils.html import strip_tags

from blog.commonmark import IMAGE_MISSING, TOC_LEVELS, build_parser, toc_html

# Bump when the renderer's output changes, so cached HTML from the old renderer is not served.
# 2: local images that cannot be found are replaced by their alt text.
# 3: markdown-it-py (CommonMark like Hugo's Goldmark) replaces Python-Markdown: lists, typographer, heading
#    levels as written, Hugo's heading ids.
# 4: links to old URLs of posts (Hugo URLs, from ref/relref shortcodes too) point to the posts' URLs.
RENDERER_VERSION = 4
WORDS_PER_MINUTE = 200
# A post whose `toc` flag is on shows its table of contents when it has a heading to list and more words
# than this: hugo-theme-bootstrap's `tocWordCount` default. The number of headings is no threshold.
TOC_MIN_WORDS = 280
CACHE_SECONDS = 60 * 60 * 24 * 7

# An image's src → (width, height); None when unknown (remote, or a format Pillow cannot size such as SVG);
# IMAGE_MISSING when it is a local image that cannot be found.
ImageSize = Callable[[str], "tuple[int, int] | str | None"]
# A body's local link targets (hrefs starting with one `/`) → the URLs to use instead (the rest stay).
LinkTargets = Callable[[set[str]], dict[str, str]]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
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
        return bool(self.headings) and self.words > TOC_MIN_WORDS


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def reading_minutes(text: str) -> int:
    """Minutes to read `text` at WORDS_PER_MINUTE, rounded up, at least one."""
    return max(1, math.ceil(count_words(text) / WORDS_PER_MINUTE))


def sanitize(html: str) -> str:
    return _cleaner.clean(html)


REMOTE_IMAGE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_parser = build_parser()


def render_markdown(
    text: str,
    *,
    anchor_title: str = "Permanent link",
    image_size: ImageSize | None = None,
    link_targets: LinkTargets | None = None,
) -> RenderedBody:
    """Render a post body. Pure: the same text (and lookups) always gives the same result.

    `image_size(src)` gives an image's (width, height), None when unknown, or IMAGE_MISSING;
    `link_targets(hrefs)` the current URLs of local links that moved (see `current_post_urls`)."""
    env = {"anchor_title": anchor_title, "image_size": image_size, "link_targets": link_targets}
    html = _parser.render(text or "", env)
    headings = [heading for heading in env.get("headings", []) if heading["level"] in TOC_LEVELS]
    return RenderedBody(
        html=sanitize(html),
        toc_html=sanitize(toc_html(headings)),
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


def current_post_urls(hrefs: set[str]) -> dict[str, str]:
    """Links to an old URL of a live post (its Hugo URL, an alias, an earlier slug: a `PostRedirect`) → the
    post's URL now, in the old URL's language, fragment kept. One query for all the links of a body.

    This is how `ref`/`relref` shortcodes reach their posts: the importer writes the target's Hugo URL
    (known for every page before any is written), and the page links to wherever that post is today."""
    from blog.models import Post, PostRedirect

    wanted: dict[str, list[tuple[str, str]]] = {}
    for href in hrefs:
        path, _, fragment = href.partition("#")
        path = unquote(path.split("?", 1)[0])
        wanted.setdefault(path if path.endswith("/") else f"{path}/", []).append((href, fragment))
    found = PostRedirect.objects.filter(path__in=wanted, post__in=Post.objects.live()).select_related("post")
    targets = {}
    for redirect in found:
        languages = redirect.post.languages()
        if not languages:
            continue
        language = redirect.language if redirect.language in languages else languages[0]
        url = redirect.post.get_absolute_url(language)
        for href, fragment in wanted[redirect.path]:
            targets[href] = f"{url}#{fragment}" if fragment else url
    return targets


def body_cache_key(post_id: int, language: str, modified_at) -> str:
    stamp = modified_at.timestamp() if modified_at else 0
    return f"post-body:v{RENDERER_VERSION}:{post_id}:{language}:{stamp}"


def rendered_body(post, language: str) -> RenderedBody:
    """The post's body in `language`, rendered once per version of the post and kept in Django's cache."""
    from django.core.cache import cache

    key = body_cache_key(post.pk, language, post.modified_at)
    cached = cache.get(key)
    if cached is not None:
        return RenderedBody(**cached)
    rendered = render_body(post.translated("body", language), language)
    cache.set(key, asdict(rendered), CACHE_SECONDS)
    return rendered


def render_body(text: str, language: str) -> RenderedBody:
    """A post body in `language` exactly as its page shows it (the editor's preview calls this too)."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(language):
        anchor_title = gettext("Link to this section")
    return render_markdown(
        text, anchor_title=anchor_title, image_size=local_image_size, link_targets=current_post_urls
    )


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
