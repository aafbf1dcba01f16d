"""Hugo's rules: site configuration, content paths (language suffixes, bundles, sections) and the URL a
Hugo build served each page at, so old links can be redirected.

The rules follow what Hugo 0.152 actually did with `../shared/hugo-sample` (its `expected-urls.tsv`):
`:title` is the title lower-cased with spaces turned into hyphens and every character that is not a
letter, digit, mark or one of `._-#+~@/\\` dropped (accents and `.` stay, no trailing hyphen); `:year`
and `:month` come from the date with its offset as written; sections without a permalink pattern use the
path under `content/` (a bundle's folder, or front-matter `slug` in place of the file name); languages
other than the default live under `/<lang>/`; aliases are served without a language prefix.
"""

from __future__ import annotations

import json
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import yaml

from importing.sources import printable

CONFIG_NAMES = ("hugo", "config")
CONFIG_SUFFIXES = (".yaml", ".yml", ".toml", ".json")
_ALLOWED_PUNCTUATION = set("./\\_#+~-@")


class HugoConfigError(Exception):
    pass


@dataclass(frozen=True)
class HugoSite:
    root: Path
    default_language: str = "es"
    languages: tuple[str, ...] = ("es",)
    default_in_subdir: bool = False
    permalinks: dict[str, str] = field(default_factory=dict)
    # Translation by content directory: language key → its own `contentDir` (Hugo's other layout).
    language_dirs: dict[str, Path] = field(default_factory=dict)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def content_roots(self) -> list[Path]:
        """Folders to import: each language's own contentDir, plus `content/` for languages without one."""
        roots = list(dict.fromkeys(self.language_dirs.values()))
        if not roots or any(code not in self.language_dirs for code in self.languages):
            roots.insert(0, self.content_dir)
        return roots

    def language_of_root(self, root: Path | None) -> str | None:
        """The language whose contentDir is `root` (files there are in it whatever their name)."""
        return next((code for code, folder in self.language_dirs.items() if folder == root), None)

    @property
    def static_dir(self) -> Path:
        return self.root / "static"


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


# --- configuration ------------------------------------------------------------------------------------


def load_site(root: Path) -> HugoSite:
    """Read `hugo.*`/`config.*` at the root and `config/_default/*` (the latter wins).

    Top-level keys are case-insensitive, as in Hugo. A file that cannot be read or a key of the wrong shape
    raises HugoConfigError naming the file and the key (never a traceback).
    """
    settings: dict = {}
    origins: dict[str, Path] = {}  # top-level key → the file that set it last
    for name in CONFIG_NAMES:
        for suffix in CONFIG_SUFFIXES:
            candidate = root / f"{name}{suffix}"
            if candidate.is_file():
                _merge(
                    settings, origins, candidate, _lower_keys(_mapping(candidate, _read_config(candidate)))
                )
    default_dir = root / "config" / "_default"
    if default_dir.is_dir():
        for candidate in sorted(default_dir.iterdir()):
            if candidate.suffix not in CONFIG_SUFFIXES:
                continue
            data = _read_config(candidate)
            stem = candidate.stem.lower()
            if stem in CONFIG_NAMES:
                _merge(settings, origins, candidate, _lower_keys(_mapping(candidate, data)))
            elif data is not None:  # `languages.yaml` holds the value of `languages`
                _merge(settings, origins, candidate, {stem: data})
    if not settings:
        raise HugoConfigError(
            f"{printable(root)}: no Hugo configuration (hugo.* or config.* or config/_default/)"
        )
    languages = _languages(settings, origins)
    default = settings.get("defaultcontentlanguage") or "en"
    if not isinstance(default, str):
        where = printable(origins["defaultcontentlanguage"])
        raise HugoConfigError(
            f"{where}: `defaultContentLanguage` must be a language key, not {_kind(default)}"
        )
    default = default.lower()
    ordered = sorted(languages, key=lambda code: languages[code]["weight"])
    codes = tuple(dict.fromkeys([default, *[str(code).lower() for code in ordered]]))
    site = HugoSite(
        root=root,
        default_language=default,
        languages=codes,
        default_in_subdir=bool(settings.get("defaultcontentlanguageinsubdir", False)),
        permalinks=_permalinks(settings.get("permalinks") or {}, origins.get("permalinks")),
        language_dirs=_language_dirs(root, languages),
    )
    if not any(folder.is_dir() for folder in site.content_roots()):
        raise HugoConfigError(f"{printable(root)}: no content/ folder")
    return site


def _languages(settings: dict, origins: dict[str, Path]) -> dict[str, dict]:
    """`languages`: a mapping of language keys to their settings (lower-cased keys, a numeric `weight`)."""
    raw = settings.get("languages") or {}
    where = printable(origins.get("languages", ""))
    if not isinstance(raw, dict):
        raise HugoConfigError(
            f"{where}: `languages` must be a mapping of language keys to their settings, not {_kind(raw)}"
        )
    languages = {}
    for code, options in raw.items():
        if not isinstance(options or {}, dict):
            raise HugoConfigError(
                f"{where}: `languages.{code}` must be a mapping of settings, not {_kind(options)}"
            )
        options = {str(key).lower(): value for key, value in (options or {}).items()}
        weight = options.get("weight") or 0
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise HugoConfigError(f"{where}: `languages.{code}.weight` must be a number, not {weight!r}")
        languages[code] = {**options, "weight": weight}
    return languages


def _language_dirs(root: Path, languages: dict[str, dict]) -> dict[str, Path]:
    return {
        str(code).lower(): root / str(options["contentdir"])
        for code, options in languages.items()
        if options.get("contentdir")
    }


def _read_config(path: Path):
    """The parsed file (any YAML/TOML/JSON value); HugoConfigError when it cannot be read or parsed."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise HugoConfigError(
            f"{printable(path)}: cannot read configuration: {error.strerror or error}"
        ) from error
    except UnicodeDecodeError as error:
        raise HugoConfigError(
            f"{printable(path)}: configuration is not UTF-8 text (byte 0x{error.object[error.start]:02x} "
            f"at offset {error.start})"
        ) from error
    try:
        if path.suffix == ".toml":
            return tomllib.loads(text)
        if path.suffix == ".json":
            return json.loads(text)
        return first_yaml_document(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise HugoConfigError(f"{printable(path)}: invalid configuration: {detail}") from error


def first_yaml_document(text: str):
    """The first document that holds something, as Hugo reads it: a file may start (and end) with `---`,
    which makes it a stream of documents for YAML (`safe_load` refuses such a stream)."""
    for document in yaml.safe_load_all(text):
        if document is not None:
            return document
    return None


def _mapping(path: Path, data) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise HugoConfigError(
            f"{printable(path)}: configuration must be a mapping of settings, not {_kind(data)}"
        )
    return data


def _kind(value) -> str:
    names = {dict: "a mapping", list: "a list", str: "text"}
    return names.get(type(value), type(value).__name__)


def _lower_keys(data: dict) -> dict:
    """Hugo's top-level configuration keys are case-insensitive; section and language keys stay as written."""
    return {str(key).lower(): value for key, value in data.items()}


def _merge(into: dict, origins: dict[str, Path], path: Path, data: dict) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key] = {**into[key], **value}
        else:
            into[key] = value
        origins[key] = path


def _permalinks(raw, path: Path | None) -> dict[str, str]:
    """Both forms: `{blog: pattern}` and the newer `{page: {blog: pattern}, section: {...}}`."""
    if not isinstance(raw, dict):
        raise HugoConfigError(
            f"{printable(path or '')}: `permalinks` must be a mapping of sections to URL patterns, "
            f"not {_kind(raw)}"
        )
    if isinstance(raw.get("page"), dict):
        raw = raw["page"]
    return {str(section): str(pattern) for section, pattern in raw.items() if isinstance(pattern, str)}


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
        paths.append(alias)
    return paths
