"""Hugo's rules: content paths (language suffixes, bundles, sections) and the URL a
Hugo build served each page at, so old links can be redirected. The site configuration is read by
`importing.hugo_config`.

The rules follow what Hugo 0.152 actually did with `../shared/hugo-sample` (its `expected-urls.tsv`):
`:title` is the title lower-cased with spaces turned into hyphens and every character that is not a
letter, digit, mark or one of `._-#+~@/\\` dropped (accents and `.` stay, no trailing hyphen); `:year`
and `:month` come from the date with its offset as written; sections without a permalink pattern use the
path under `content/` (a bundle's folder, or front-matter `slug` in place of the file name); languages
other than the default live under `/<lang>/`; aliases are served without a language prefix.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import unquote

# The configuration lives in hugo_config; these names are part of this module's interface.
from importing.hugo_config import HugoConfigError, HugoSite, MenuEntry, load_site  # noqa: F401
from importing.hugo_files import first_yaml_document  # noqa: F401

_ALLOWED_PUNCTUATION = set("./\\_#+~-@")


@dataclass(frozen=True)
class ContentPath:
    """A file's place in a Hugo `content/` tree."""

    relative: str  # as found, e.g. "events/feria-del-libro-libre/index.en.md"
    section: str  # first folder ("" at the content root)
    folder: str  # folder of the file, relative to content/
    base: str  # file name without language suffix and extension ("index" in a bundle)
    language: str | None  # from the file-name suffix
    is_bundle: bool  # leaf bundle: index[.LANG].md
    is_branch: bool  # _index[.LANG].md: a list page (section, taxonomy term, author page)

    @property
    def translation_key(self) -> str:
        """Hugo's default .TranslationKey: `/<section>/<path without language and extension>`."""
        path = self.folder if self.is_bundle else f"{self.folder}/{self.base}".strip("/")
        return "/" + path

    @property
    def filename(self) -> str:
        return PurePosixPath(self.folder).name if self.is_bundle else self.base


def parse_content_path(relative: str, languages: tuple[str, ...] | list[str]) -> ContentPath:
    path = PurePosixPath(relative)
    parts = path.name.split(".")
    language = None
    if len(parts) >= 3 and parts[-2].lower() in languages:
        language = parts[-2].lower()
        base = ".".join(parts[:-2])
    else:
        base = ".".join(parts[:-1]) if len(parts) > 1 else parts[0]
    folder = "" if str(path.parent) == "." else path.parent.as_posix()
    section = folder.split("/")[0] if folder else ""
    return ContentPath(
        relative=relative,
        section=section,
        folder=folder,
        base=base,
        language=language,
        is_bundle=base == "index",
        is_branch=base == "_index",
    )


# --- URLs -----------------------------------------------------------------------------------------------


def urlize(text: str) -> str:
    """Hugo's URLize without the escaping: lower-case, spaces to hyphens, disallowed characters dropped."""
    kept: list[str] = []
    prepend_hyphen = was_hyphen = False
    for char in text:
        if _allowed(char):
            was_hyphen = char == "-"
            if prepend_hyphen:
                if not was_hyphen:
                    kept.append("-")
                prepend_hyphen = False
            kept.append(char)
        elif kept and not was_hyphen and char.isspace():
            prepend_hyphen = True
    return "".join(kept).lower()


def _allowed(char: str) -> bool:
    if char in _ALLOWED_PUNCTUATION or char.isalpha():
        return True
    return unicodedata.category(char) in {"Nd", "Mn", "Mc", "Me"}


def page_url(
    site: HugoSite,
    path: ContentPath,
    *,
    language: str,
    title: str,
    slug: str,
    date: datetime,
    url: str = "",
) -> str:
    """The percent-decoded RelPermalink Hugo gave this page in `language`.

    A front-matter `url` replaces the whole path; on a multilingual site a relative one (no leading `/`)
    gets the language prefix and an absolute one is served as written.
    """
    if url:
        return _front_matter_url(site, url, language)
    pattern = site.permalinks.get(path.section)
    if pattern:
        tokens = {
            ":year": f"{date.year:04d}",
            ":month": f"{date.month:02d}",
            ":day": f"{date.day:02d}",
            ":monthname": date.strftime("%B").lower(),
            ":yearday": f"{date.timetuple().tm_yday}",
            ":title": urlize(title),
            ":slugorfilename": urlize(slug) if slug else urlize(path.filename),
            ":slug": urlize(slug or title),
            ":filename": urlize(path.filename),
            ":contentbasename": urlize(path.filename),
            ":section": path.section,
            ":sections": path.folder if not path.is_bundle else str(PurePosixPath(path.folder).parent),
        }
        url = pattern
        # Longest tokens first so ":slugorfilename" is not read as ":slug" + "orfilename".
        for token in sorted(tokens, key=len, reverse=True):
            url = url.replace(token, tokens[token])
    else:
        folder_parts = [part for part in path.folder.split("/") if part]
        if path.is_bundle:
            name = slug or folder_parts.pop()
        else:
            name = slug or path.base
        url = "/".join(urlize(part) for part in [*folder_parts, name]) + "/"
    url = "/" + url.strip("/") + "/"
    return language_prefix(site, language) + url


def _front_matter_url(site: HugoSite, url: str, language: str) -> str:
    path = unquote(url.strip())
    prefix = "" if path.startswith("/") else language_prefix(site, language)
    path = "/" + path.strip("/")
    # A path whose last segment has an extension (`/old/page.html`) is a file; any other is a folder.
    if "." not in PurePosixPath(path).name:
        path = path.rstrip("/") + "/"
    return prefix + path


def language_prefix(site: HugoSite, language: str) -> str:
    if language == site.default_language and not site.default_in_subdir:
        return ""
    return f"/{language}"


def alias_paths(aliases: list[str], page: str) -> list[str]:
    """Front-matter aliases as Hugo serves them: absolute ones as written (no language prefix),
    relative ones next to the page; all percent-decoded."""
    paths = []
    for alias in aliases:
        alias = unquote(alias.strip())
        if not alias:
            continue
        if not alias.startswith("/"):
            alias = page.rsplit("/", 2)[0] + "/" + alias
        # Like a front-matter `url`: a last segment without an extension is a folder (Hugo writes its
        # index.html), so `oficina-rascunho` answers at `…/oficina-rascunho/`.
        if "." not in PurePosixPath(alias).name:
            alias = alias.rstrip("/") + "/"
        paths.append(alias)
    return paths
