"""One source file → one `Page`: read, repair, parse, classify (post, author page, or skipped page) and
resolve its language, dates, taxonomies, cover image and old Hugo URL. Pure: no database access.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import slugify

from blog.models import Author, language_codes
from importing import body_images, frontmatter, hugo, images, language, repair, shape, shortcodes, sources
from importing.frontmatter import as_bool, as_list

FLAGS = shape.FLAGS
KNOWN_KEYS = {
    "title",
    "date",
    "lastmod",
    "slug",
    "description",
    "summary",
    "categories",
    "tags",
    "series",
    "authors",
    "images",
    "aliases",
    "redirects",
    "translationKey",
    "lang",
    "language",
    *FLAGS,
}
SOCIAL_KEYS = ("github", "twitter", "linkedin", "mastodon", "email", "website")
HUGO_ZERO_DATE = datetime(1, 1, 1, tzinfo=UTC)
# Other names themes use for the same link (the network was renamed X).
SOCIAL_ALIASES = {"twitter": ("x",)}
# Hugo taxonomies whose terms may have a page of their own (`content/tags/<slug>/_index.md`).
TERM_SECTIONS = ("categories", "tags", "series")


class PageError(Exception):
    """The file cannot be imported; the message is the cause printed after the file name."""


class PageSkipped(Exception):
    """Not a post (about, search, a list page): reported once, not an error."""


@dataclass(frozen=True)
class ImportOptions:
    lang: str | None = None
    default_lang: str = "es"
    static_root: Path | None = None
    site: hugo.HugoSite | None = None
    section: str = "blog"
    max_bytes: int = sources.MAX_BYTES


@dataclass
class Page:
    source: sources.SourceFile
    display: str
    kind: str  # "post", "author", "term" (a term's own page) or "page" (static: no date, in a Hugo site)
    language: str
    language_how: str
    front_matter: dict
    body: str
    title: str
    section: str = "blog"
    path: hugo.ContentPath | None = None
    slug: str = ""
    date: datetime | None = None
    date_repaired: bool = False
    lastmod: datetime | None = None
    summary: str = ""
    flags: dict = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # Other old URLs by origin ("hugo", "slug"), as `export_posts` writes them for the round trip.
    redirects: dict[str, list[str]] = field(default_factory=dict)
    translation_key: str = ""
    cover_source: str = ""
    cover_file: Path | None = None
    # Local images the body refers to that were found: reference as written → file (see body_images).
    body_images: dict[str, Path] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    hugo_url: str = ""
    # An author page's profile links that passed the Author model's validators.
    links: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # sha256 of the file's bytes as read (`importing.unchanged` keeps it to skip the file next time).
    content_hash: str = ""
    # Its body or summary names other pages (ref/relref): what it becomes depends on files besides its own.
    refers: bool = False

    @property
    def explicit_language(self) -> bool:
        return self.language_how in {"front matter", "file name"}

    @property
    def author_slug(self) -> str:
        return Path(self.path.folder).name if self.path else ""


def load_page(source: sources.SourceFile, options: ImportOptions) -> Page:
    """Raises PageError (the file fails) or PageSkipped (not a post)."""
    display = sources.printable(source.path)
    data, body, warnings, content_hash = _read_file(source, options)
    site_languages = options.site.languages if options.site else tuple(language_codes())
    path = hugo.parse_content_path(source.relative, site_languages) if source.in_tree else None
    in_hugo_tree = path is not None and bool(path.section)
    title = str(data.get("title") or "").strip()
    kind = _kind(path, data, options)
    if not title and kind != "term":
        raise PageError("missing title")

    default = options.site.default_language if options.site else options.default_lang
    choice = language.choose_language(
        front_matter=data,
        suffix=_suffix_language(source, path, site_languages, options.site),
        option=options.lang,
        title=title,
        body=body,
        default=default,
        unsuffixed_is_default=options.site is not None or kind in ("author", "term"),
    )
    page = Page(
        source=source,
        display=display,
        kind=kind,
        language=choice.code,
        language_how=choice.how,
        front_matter=data,
        body=body,
        title=title,
        path=path,
        warnings=warnings,
        content_hash=content_hash,
    )
    if page.language not in language_codes():
        raise PageSkipped(f"language {page.language!r} is not one of this site's languages")
    if kind == "term":
        page.translation_key = str(data.get("translationKey") or "").strip()
        return page
    if kind == "author":
        page.links = _author_links(page)
        page.cover_source = str(data.get("avatar") or next(iter(as_list(data.get("images"))), ""))
        _resolve_cover(page, options)
        return page
    # Before the summary and the body's images are read from it (a figure's image is one of them).
    page.body, shortcode_warnings = shortcodes.expand(page.body, language=page.language, front_matter=data)
    page.warnings += shortcode_warnings
    if kind == "page":
        _read_shared_fields(page, data)
        page.summary = str(data.get("description") or data.get("summary") or "").strip()
    else:
        # The section as a URL slug (`Mis Notas/` → `mis-notas`); Hugo URLs keep using the folder itself.
        page.section = (slugify(path.section)[:50] if in_hugo_tree else "") or options.section
        _read_post_fields(page, data)
        _resolve_cover(page, options)
    _resolve_body_images(page, options)
    # Shortcodes left after expanding are ref/relref (resolved once every page is read) or unknown ones.
    page.refers = "{{" in page.body or "{{" in page.summary
    if options.site is not None and path is not None:
        page.hugo_url = hugo.page_url(
            options.site,
            path,
            language=_hugo_language(options.site, page),
            title=title,
            slug=page.slug,
            date=page.date or HUGO_ZERO_DATE,  # what Hugo's `:year` gives a page without a date
            url=str(data.get("url") or ""),
        )
    return page


def _read_file(source: sources.SourceFile, options: ImportOptions) -> tuple[dict, str, list[str], str]:
    """(front matter, body, warnings, sha256 of the bytes) of a Markdown file."""
    if sources.other_format(source):
        raise PageSkipped(f"{sources.other_format(source)} content: only Markdown files are imported")
    try:
        data = sources.read_bytes(source.path, max_bytes=options.max_bytes)
        content_hash = hashlib.sha256(data).hexdigest()
        text, warnings = sources.decode_bytes(data)
        text, repair_warnings = repair.fix_mojibake(text)
        data, body = frontmatter.parse_front_matter(text)
        data, body = shape.checked_front_matter(data), shape.cleaned_body(body)
    except frontmatter.NoFrontMatter as error:
        if source.in_tree:  # found in a folder (a README, notes): not content the import could place
            raise PageSkipped("no front matter: not a post or a page") from error
        raise PageError(str(error)) from error
    except (sources.SourceError, frontmatter.FrontMatterError) as error:
        raise PageError(str(error)) from error
    return data, body, warnings + repair_warnings, content_hash


def _kind(path: hugo.ContentPath | None, data: dict, options: ImportOptions) -> str:
    """post, author (an author's `_index`), term (a category's, tag's or series' `_index`) or page (no date,
    in a Hugo site); PageSkipped otherwise."""
    if path is not None and path.is_branch:
        if path.section == "authors" and path.folder.count("/") == 1:
            return "author"
        if path.section in TERM_SECTIONS and path.folder.count("/") == 1:
            return "term"  # a term's own page: its title and translationKey (importing.term_links)
        raise PageSkipped("list page (_index), not a post")
    if data.get("date"):
        return "post"
    if options.site is not None and path is not None:
        return "page"  # a regular page without a date (about, contact): a static page
    raise PageSkipped("not a post (no date)")


def _hugo_language(site: hugo.HugoSite, page: Page) -> str:
    """The Hugo site's own key for the page's language (`pt-br` on a site that names Portuguese so): the
    URL prefix Hugo used."""
    if page.path is not None and page.path.language in site.languages:
        return page.path.language
    if site.language_of_root(page.source.root):
        return site.language_of_root(page.source.root)
    return next((key for key in site.languages if language.site_code(key) == page.language), page.language)


def _suffix_language(
    source: sources.SourceFile, path: hugo.ContentPath | None, site_languages, site: hugo.HugoSite | None
) -> str | None:
    """The `name.LANG.ext` suffix, for a file named on the command line as much as for one in a tree; in a
    Hugo site translated by content directory, the language of the directory the file is in."""
    if path is None:
        path = hugo.parse_content_path(source.path.name, site_languages)
    return path.language or (site.language_of_root(source.root) if site else None)


def _read_post_fields(page: Page, data: dict) -> None:
    try:
        page.date, date_warnings = repair.parse_date(data["date"])
    except repair.DateError as error:
        raise PageError(str(error)) from error
    page.date_repaired = bool(date_warnings)
    page.warnings += date_warnings
    if data.get("lastmod"):
        try:
            page.lastmod, lastmod_warnings = repair.parse_date(data["lastmod"])
            page.warnings += [f"lastmod: {warning}" for warning in lastmod_warnings]
        except repair.DateError as error:
            page.warnings.append(f"lastmod ignored: {error}")
    _read_shared_fields(page, data)
    description = str(data.get("description") or "").strip()
    summary = str(data.get("summary") or "").strip()
    page.summary = description or summary or frontmatter.split_summary(page.body)
    page.categories = as_list(data.get("categories"))
    page.tags = as_list(data.get("tags"))
    page.series = as_list(data.get("series"))
    page.authors = as_list(data.get("authors"))
    recorded = data.get("redirects") if isinstance(data.get("redirects"), dict) else {}
    page.redirects = {str(origin): as_list(paths) for origin, paths in recorded.items()}
    page.extra = {key: value for key, value in data.items() if key not in KNOWN_KEYS}
    if description and summary:
        page.extra["summary"] = summary
    cover_list = as_list(data.get("images"))
    if len(cover_list) > 1:
        page.extra["images"] = cover_list
    if len(page.series) > 1:
        page.extra["series"] = page.series
    page.cover_source = cover_list[0] if cover_list else ""


def _read_shared_fields(page: Page, data: dict) -> None:
    """What posts and static pages both have."""
    page.slug = str(data.get("slug") or "").strip()
    page.flags = {flag: as_bool(data.get(flag, False)) for flag in FLAGS}
    page.aliases = as_list(data.get("aliases"))
    page.translation_key = str(data.get("translationKey") or "").strip()


def _static_root(options: ImportOptions) -> Path | None:
    """Where `/…` image paths start: `--static-root`, else the Hugo site's `static/`."""
    return options.static_root or (options.site.static_dir if options.site else None)


def _resolve_cover(page: Page, options: ImportOptions) -> None:
    if not page.cover_source:
        return
    static_root = _static_root(options)
    folder = page.source.path.parent
    # Relative entries resolve inside a page bundle (or next to the file); they may not leave the
    # content tree the file was found in.
    relative_root = page.source.root or folder
    try:
        page.cover_file = images.resolve_image(
            page.cover_source, static_root=static_root, folder=folder, relative_root=relative_root
        )
    except images.ImageError as error:
        raise PageError(str(error)) from error
    if page.cover_file is None:
        what = "avatar" if page.kind == "author" else "cover image"
        page.warnings.append(f"{what} {page.cover_source!r} not found")


def _resolve_body_images(page: Page, options: ImportOptions) -> None:
    """Find the files of the body's local images: `/…` under the static root, others inside the page's own
    folder (its bundle). A missing or escaping one is left as written, with a warning."""
    references = body_images.local_references(page.body)
    if not references:
        return
    static_root = _static_root(options)
    folder = page.source.path.parent
    media_url = "/" + settings.MEDIA_URL.lstrip("/")
    for src in dict.fromkeys(ref.src for ref in references):
        if src.startswith(media_url):
            continue  # already a stored file (a post exported by export_posts and imported again)
        path = body_images.file_path(src)
        try:
            found = images.resolve_image(
                path,
                static_root=static_root,
                folder=folder,
                relative_root=folder,
                relative_root_name="page's folder",
            )
        except images.ImageError as error:
            page.warnings.append(f"body {error}; not copied, reference left as it was")
            continue
        if found is not None:
            page.body_images[src] = found
        elif path.startswith("/") and static_root is None:
            page.warnings.append(f"body image {src!r} not found: no static root given (--static-root)")
        else:
            page.warnings.append(f"body image {src!r} not found; reference left as it was")


def author_fields(page: Page) -> dict:
    """Author page front matter → Author fields (`title` = name, `description` = bio in that language)."""
    fields = {"name": page.title}
    bio = str(page.front_matter.get("description") or "").strip()
    if bio:
        fields[f"bio_{page.language}"] = bio
    return {**fields, **page.links}


def _author_links(page: Page) -> dict[str, str]:
    """The author page's profile links (top level or under `social:`) that `Author` accepts; each refused
    one is left out with a warning (the author is still imported, the stored value kept)."""
    data = page.front_matter
    social = data.get("social") if isinstance(data.get("social"), dict) else {}
    links = {}
    for key in SOCIAL_KEYS:
        names = (key, *SOCIAL_ALIASES.get(key, ()))
        value = next((source[name] for source in (social, data) for name in names if source.get(name)), "")
        if not value:
            continue
        value = str(value).strip() if isinstance(value, shape.SCALARS) else value
        problem = _link_problem(key, value)
        if problem:
            page.warnings.append(f"{key} {_short(value)} not imported: {problem}")
        else:
            links[key] = value
    return links


def _link_problem(key: str, value) -> str:
    """Why `Author` would refuse `value` for `key` (its own field validators: blog.validators), or ''."""
    if not isinstance(value, str):
        return "not text"
    try:
        Author._meta.get_field(key).clean(value, None)
    except ValidationError as error:
        with translation.override("en"):  # the report is in English
            return " ".join(dict.fromkeys(str(message) for message in error.messages))
    return ""


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
