"""Hugo configuration files → one merged mapping of settings, as Hugo 0.152 merges them (see
`importing.hugo_config` for the rules). Pure reading: what the settings mean is `hugo_config`'s.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from importing.sources import printable

ROOT_NAMES = ("hugo", "config")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")  # Hugo's order
CONFIG_DIRS = ("_default", "production")  # `hugo` builds for the production environment
# Config-directory files whose keys decide languages and URLs: one that cannot be read stops the import.
NEEDED_KEYS = {"languages", "permalinks"}
LANGUAGE_PARTS = {"menu": "menus", "menus": "menus", "params": "params"}


class HugoConfigError(Exception):
    pass


@dataclass
class Collected:
    """Settings as merged so far, with the file that last set each key (for error and warning lines)."""

    settings: dict = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    # language key → ("settings" | "menus" | "params") → value, from `<name>.<lang>.*` files.
    by_language: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def where(self, key: str) -> str:
        """The file that set `key` (a top-level key, or `<lang>:menus`/`<lang>:params`)."""
        return printable(self.origins.get(key, self.origins.get("languages", "configuration")))

    def warn(self, key: str, message: str) -> None:
        self.warnings.append(f"{self.where(key)}: {message}")


def collect(root: Path) -> Collected:
    """Every configuration file Hugo would read for `root`, merged."""
    collected = Collected()
    candidates = [root / f"{name}{suffix}" for name in ROOT_NAMES for suffix in CONFIG_SUFFIXES]
    found = [path for path in candidates if path.is_file()]
    if found:
        _add_root_file(collected, found[0])
    for ignored in found[1:]:
        collected.warnings.append(
            f"{printable(ignored)}: not read: Hugo reads only the first of hugo.*, config.* ({found[0].name})"
        )
    for folder in (root / "config" / name for name in CONFIG_DIRS):
        if folder.is_dir():
            for path in sorted(path for path in folder.rglob("*") if path.is_file()):
                if path.suffix.lower() in CONFIG_SUFFIXES:
                    _add_dir_file(collected, path)
    return collected


def _add_root_file(collected: Collected, path: Path) -> None:
    data = _normalised(_mapping(path, read_config(path)))
    _deep_merge(collected.settings, data)
    collected.origins.update(dict.fromkeys(data, path))


def _add_dir_file(collected: Collected, path: Path) -> None:
    """A `config/<env>/` file: `hugo.*`/`config.*`, `<key>.*` or `<key>.<lang>.*` (see the module doc)."""
    name, _dot, language = path.stem.lower().rpartition(".")
    if not name:
        name, language = language, ""
    if name in ROOT_NAMES and not language:
        _add_root_file(collected, path)
        return
    part = LANGUAGE_PARTS.get(name, "settings") if language else ""
    needed = part == "settings" or (not language and name in NEEDED_KEYS)
    try:
        data = read_config(path)
    except HugoConfigError as error:
        if needed:
            raise
        collected.warnings.append(f"{error}; file ignored (the import does not need it)")
        return
    if data is None:
        return
    if language:
        if part == "settings":
            data = _mapping(path, data)
        into = collected.by_language.setdefault(language, {})
        into[part] = merged(into.get(part), _lower_keys(data))
        collected.origins[f"{language}:{part}"] = path
        collected.origins.setdefault(f"{language}:files", path)
        return
    key = "menus" if name == "menu" else name  # Hugo renamed `menu` to `menus` in 0.53
    value = _normalised({key: data})[key]
    collected.settings[key] = merged(collected.settings.get(key), value)
    collected.origins[key] = path


def read_config(path: Path):
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
        if path.suffix.lower() == ".toml":
            return tomllib.loads(text)
        if path.suffix.lower() == ".json":
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
            f"{printable(path)}: configuration must be a mapping of settings, not {kind(data)}"
        )
    return data


def kind(value) -> str:
    names = {dict: "a mapping", list: "a list", str: "text"}
    return names.get(type(value), type(value).__name__)


def _normalised(data: dict) -> dict:
    """Top-level settings with their keys lower-cased at every level, `permalinks` (sections) as written."""
    return {
        str(key).lower(): value if str(key).lower() == "permalinks" else _lower_keys(value)
        for key, value in data.items()
    }


def _lower_keys(data):
    """Hugo's configuration keys are case-insensitive: every mapping key lower-cased, also inside lists."""
    if isinstance(data, dict):
        return {str(key).lower(): _lower_keys(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_lower_keys(value) for value in data]
    return data


def _deep_merge(into: dict, data: dict) -> None:
    """Hugo's `Set("", …)`: mappings merged key by key, anything else replaced."""
    for key, value in data.items():
        into[key] = merged(into.get(key), value)


def merged(old, new):
    if new is None:
        return old
    if isinstance(old, dict) and isinstance(new, dict):
        result = dict(old)
        _deep_merge(result, new)
        return result
    return new
