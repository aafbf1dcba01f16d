"""A Hugo site's configuration, read as Hugo 0.152 reads it (`config/allconfig/load.go`,
`config/configLoader.go`).

- The root file is the first of `hugo.{toml,yaml,yml,json}`, then `config.{…}`; only that one is read.
- Then every file of `config/_default/` and `config/production/` (what `hugo` builds with), in name order,
  each merged over what came before (mappings key by key, anything else replaced). `hugo.*`/`config.*`
  there hold top-level settings; any other file holds the value of the key it is named after
  (`params.yaml` is `params`, `menu.yaml` or `menus.yaml` is `menus`). With a language before the extension
  (`menu.es.yaml`, `params.pt.toml`) it belongs to that language; any other `<name>.<lang>.*` holds the
  language's settings, as in Hugo.
- A YAML file may hold several documents (a file that starts and ends with `---`): the first one that
  holds something is read, as Hugo does.
- Keys are case-insensitive (stored lower-cased), except under `permalinks`.
- Per language: a language's own menus (by menu name) win over the site's; a menu name it lacks comes from
  the site's (`menu.yaml` applies to every language without a `main` of its own); `params` of the
  language are laid over the site's; `languages.<code>.title` over `title`.

What the import depends on (the root file, `languages`, `permalinks`, `defaultContentLanguage`) stops it with
one line naming the file and the key when it is unreadable or of the wrong shape. Anything else (an
unparsable `markup.toml`, a `menus` that is a list, a menu entry without a name) is at most a warning line
in `HugoSite.warnings`; keys the importer does not read are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from importing.hugo_files import Collected, HugoConfigError, collect, kind, merged
from importing.sources import printable

DEFAULT_PAGER_SIZE = 10  # Hugo's default `pagination.pagerSize`


@dataclass(frozen=True)
class MenuEntry:
    identifier: str
    name: str
    url: str
    weight: int = 0
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class HugoSite:
    root: Path
    default_language: str = "es"
    languages: tuple[str, ...] = ("es",)
    default_in_subdir: bool = False
    permalinks: dict[str, str] = field(default_factory=dict)
    # Translation by content directory: language key → its own `contentDir` (Hugo's other layout).
    language_dirs: dict[str, Path] = field(default_factory=dict)
    # Per Hugo language key: the site title, the menus (menu name → entries, in file order) and `params`
    # (the site's with the language's laid over them; keys lower-cased).
    titles: dict[str, str] = field(default_factory=dict)
    menus: dict[str, dict[str, tuple[MenuEntry, ...]]] = field(default_factory=dict)
    params: dict[str, dict] = field(default_factory=dict)
    main_sections: tuple[str, ...] = ()
    pager_size: int = DEFAULT_PAGER_SIZE
    # One line each: config files or values that were ignored (never a reason to stop).
    warnings: tuple[str, ...] = ()

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

    def menu(self, language: str, name: str = "main") -> tuple[MenuEntry, ...]:
        return self.menus.get(language, {}).get(name, ())


def load_site(root: Path) -> HugoSite:
    """The site's configuration; HugoConfigError (one line naming the file and the key) when what the
    import depends on cannot be read."""
    collected = collect(root)
    if not collected.settings and not collected.by_language:
        raise HugoConfigError(
            f"{printable(root)}: no Hugo configuration (hugo.* or config.* or config/_default/)"
        )
    settings = collected.settings
    languages = _languages(collected)
    default = settings.get("defaultcontentlanguage") or "en"
    if not isinstance(default, str):
        raise HugoConfigError(
            f"{collected.where('defaultcontentlanguage')}: `defaultContentLanguage` must be a language key, "
            f"not {kind(default)}"
        )
    default = default.lower()
    ordered = sorted(languages, key=lambda code: languages[code]["weight"])
    codes = tuple(dict.fromkeys([default, *ordered]))
    for code in collected.by_language.keys() - set(codes):
        collected.warn(f"{code}:files", f"language {code!r} is not one of the site's languages; ignored")
    site_params = _site_params(collected)
    options = {code: languages.get(code, {}) for code in codes}
    site = HugoSite(
        root=root,
        default_language=default,
        languages=codes,
        default_in_subdir=bool(settings.get("defaultcontentlanguageinsubdir", False)),
        permalinks=_permalinks(settings.get("permalinks") or {}, collected.where("permalinks")),
        language_dirs=_language_dirs(root, languages),
        titles={code: _title(collected, options[code], code) for code in codes},
        menus={code: _language_menus(collected, options[code], code) for code in codes},
        params={code: _language_params(collected, site_params, options[code], code) for code in codes},
        main_sections=_main_sections(collected, site_params),
        pager_size=_pager_size(collected),
        warnings=tuple(dict.fromkeys(collected.warnings)),
    )
    if not any(folder.is_dir() for folder in site.content_roots()):
        raise HugoConfigError(f"{printable(root)}: no content/ folder")
    return site


# --- what the import depends on: languages and URLs -----------------------------------------------------


def _languages(collected: Collected) -> dict[str, dict]:
    """`languages`: language keys (lower-cased) to their settings, each with a numeric `weight`."""
    raw = collected.settings.get("languages") or {}
    where = collected.where("languages")
    if not isinstance(raw, dict):
        raise HugoConfigError(
            f"{where}: `languages` must be a mapping of language keys to their settings, not {kind(raw)}"
        )
    raw = dict(raw)
    for code, parts in collected.by_language.items():
        if "settings" in parts and isinstance(raw.get(code) or {}, dict):
            raw[code] = merged(raw.get(code) or {}, parts["settings"])
    languages = {}
    for code, options in raw.items():
        if not isinstance(options or {}, dict):
            raise HugoConfigError(
                f"{where}: `languages.{code}` must be a mapping of settings, not {kind(options)}"
            )
        options = options or {}
        weight = options.get("weight") or 0
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise HugoConfigError(f"{where}: `languages.{code}.weight` must be a number, not {weight!r}")
        languages[str(code).lower()] = {**options, "weight": weight}
    return languages


def _language_dirs(root: Path, languages: dict[str, dict]) -> dict[str, Path]:
    return {
        code: root / str(options["contentdir"])
        for code, options in languages.items()
        if options.get("contentdir")
    }


def _permalinks(raw, where: str) -> dict[str, str]:
    """Both forms: `{blog: pattern}` and the newer `{page: {blog: pattern}, section: {...}}`."""
    if not isinstance(raw, dict):
        raise HugoConfigError(
            f"{where}: `permalinks` must be a mapping of sections to URL patterns, not {kind(raw)}"
        )
    if isinstance(raw.get("page"), dict):
        raw = raw["page"]
    return {str(section): str(pattern) for section, pattern in raw.items() if isinstance(pattern, str)}


# --- what the site shows: title, menus, params (a wrong shape is a warning, never an error) -------------


def _title(collected: Collected, options: dict, code: str) -> str:
    """`languages.<code>.title`, else `title`."""
    for value, key, what in (
        (options.get("title"), "languages", f"languages.{code}.title"),
        (collected.settings.get("title"), "title", "title"),
    ):
        if value is None:
            continue
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value).strip()
        collected.warn(key, f"`{what}` is {kind(value)}, not text; ignored")
    return ""


def _language_menus(collected: Collected, options: dict, code: str) -> dict[str, tuple[MenuEntry, ...]]:
    """The language's own menus (`languages.<code>.menus`, `menu.<code>.*`) with the site's for the menu
    names it lacks: Hugo lays a language's settings over the root ones."""
    inline = options.get("menus", options.get("menu"))
    own = merged(inline, collected.by_language.get(code, {}).get("menus"))
    site = _menus(collected, collected.settings.get("menus"), "menus", "`menus`")
    key = f"{code}:menus" if f"{code}:menus" in collected.origins else "languages"
    return {**site, **_menus(collected, own, key, f"menus of language {code}")}


def _menus(collected: Collected, raw, key: str, what: str) -> dict[str, tuple[MenuEntry, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        collected.warn(key, f"{what} must be a mapping of menu names to entries, not {kind(raw)}; ignored")
        return {}
    menus = {}
    for name, entries in raw.items():
        if isinstance(entries, dict):  # a single entry written as a mapping
            entries = [entries]
        if not isinstance(entries, list):
            collected.warn(key, f"{what}: menu {name!r} is {kind(entries)}, not a list of entries; ignored")
            continue
        found = (_menu_entry(collected, entry, key, f"{what}: menu {name!r}") for entry in entries)
        menus[str(name)] = tuple(entry for entry in found if entry is not None)
    return menus


def _menu_entry(collected: Collected, raw, key: str, what: str) -> MenuEntry | None:
    """An entry: `name` and `url` (or `pageRef`) as text; a bad `weight` or `params` is left out."""
    if not isinstance(raw, dict):
        collected.warn(key, f"{what}: an entry is {kind(raw)}, not a mapping; ignored")
        return None
    name, url = raw.get("name"), raw.get("url") or raw.get("pageref") or ""
    if not isinstance(name, str) or not name.strip() or not isinstance(url, str):
        collected.warn(key, f"{what}: entry {_short(raw)} needs a name and a url as text; ignored")
        return None
    weight = raw.get("weight") or 0
    if isinstance(weight, bool) or not isinstance(weight, int):
        collected.warn(key, f"{what}: entry {name!r} has weight {weight!r}, not a whole number; 0 used")
        weight = 0
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        collected.warn(key, f"{what}: entry {name!r} has params that are {kind(params)}; ignored")
        params = {}
    identifier = str(raw.get("identifier") or name).strip()
    return MenuEntry(identifier=identifier, name=name.strip(), url=url.strip(), weight=weight, params=params)


def _site_params(collected: Collected) -> dict:
    raw = collected.settings.get("params")
    if raw is None or isinstance(raw, dict):
        return raw or {}
    collected.warn("params", f"`params` is {kind(raw)}, not a mapping; ignored")
    return {}


def _language_params(collected: Collected, site_params: dict, options: dict, code: str) -> dict:
    """The site's params with the language's laid over them (`languages.<code>.params`, `params.<code>.*`)."""
    own = merged(options.get("params"), collected.by_language.get(code, {}).get("params"))
    if own is None:
        return site_params
    if not isinstance(own, dict):
        key = f"{code}:params" if f"{code}:params" in collected.origins else "languages"
        collected.warn(key, f"params of language {code} are {kind(own)}, not a mapping; ignored")
        return site_params
    return merged(site_params, own)


def _main_sections(collected: Collected, site_params: dict) -> tuple[str, ...]:
    """`mainSections` at the top level, else under `params` (where themes put it)."""
    key = "mainsections" if "mainsections" in collected.settings else "params"
    raw = collected.settings.get("mainsections", site_params.get("mainsections"))
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return tuple(raw)
    collected.warn(key, f"`mainSections` is {kind(raw)}, not a list of section names; ignored")
    return ()


def _pager_size(collected: Collected) -> int:
    """`pagination.pagerSize`; the `paginate` of Hugo before 0.128 when that is all the site has."""
    pagination = collected.settings.get("pagination")
    size = pagination.get("pagersize") if isinstance(pagination, dict) else None
    key, what = "pagination", "pagination.pagerSize"
    if size is None and "paginate" in collected.settings:
        size, key, what = collected.settings["paginate"], "paginate", "paginate"
    if size is None:
        return DEFAULT_PAGER_SIZE
    if isinstance(size, int) and not isinstance(size, bool) and size > 0:
        return size
    collected.warn(key, f"`{what}` is {size!r}, not a positive whole number; {DEFAULT_PAGER_SIZE} used")
    return DEFAULT_PAGER_SIZE


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
