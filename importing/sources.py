"""Finding input files and reading their bytes safely: size limit, binary check, UTF-8 decoding.

Every refusal is a `SourceError` whose message is the one line the command prints for that file.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
CONTENT_SUFFIXES = {".md", ".markdown", ".txt"}
FRONT_MATTER_OPENERS = (b"---", b"+++", b"\xef\xbb\xbf---", b"\xef\xbb\xbf+++")
# Latin-1 letters and Spanish/Portuguese punctuation: what a legacy-encoded text legitimately contains.
_LEGACY_TEXT = re.compile(
    r"[\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac]*"
)


class SourceError(Exception):
    """A file that cannot be imported; the message says why in a few words."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    # Path relative to the directory it was found in (its content root); the file name for explicit files.
    relative: str
    # True when found inside a directory (a Hugo-like tree), False for a file named on the command line.
    in_tree: bool
    root: Path | None = None


def discover(paths: list[Path]) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Expand the command-line paths into content files, plus (path, reason) for paths that do not exist.

    Explicit files are taken whatever their extension; inside directories only Markdown/text files that
    start with front matter (other files, e.g. a README without front matter, are not content).
    """
    found: list[SourceFile] = []
    missing: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.suffix.lower() in CONTENT_SUFFIXES and _starts_with_front_matter(file):
                    found.append(SourceFile(file, file.relative_to(path).as_posix(), True, path))
        elif path.exists() or path.is_symlink():
            found.append(SourceFile(path, path.name, False, None))
        else:
            missing.append((str(path), "no such file or directory"))
    return found, missing


def _starts_with_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(6).startswith(FRONT_MATTER_OPENERS)
    except OSError:
        return True  # let read_source report the real error for this file


def read_source(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """The file's text and warnings; raises SourceError for unreadable, oversized, binary or undecodable."""
    try:
        info = path.stat()
        # A device or a pipe has no size to check and may never end (or, for a pipe, block on open).
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("cannot read file: not a regular file")
        if info.st_size > max_bytes:
            raise SourceError(f"file too large ({info.st_size} bytes, limit {max_bytes})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
        if len(data) > max_bytes:
            raise SourceError(f"file too large (over {max_bytes} bytes)")
    except SourceError:
        raise
    except OSError as error:
        raise SourceError(f"cannot read file: {error.strerror or error}") from error
    return decode_bytes(data)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        legacy = _decode_legacy(data)
        if legacy is None:
            raise SourceError(
                f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}) and not repairable"
            ) from error
        return legacy, [f"not UTF-8: read as Windows-1252 (first bad byte at offset {error.start})"]


def _decode_legacy(data: bytes) -> str | None:
    """A Windows-1252/Latin-1 text whose every character is a plain letter or punctuation, else None.

    Only then is the re-decoding certain; anything with control characters or symbols is refused.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if _LEGACY_TEXT.fullmatch(text) else None
