"""Finding input files and reading their bytes safely: names, links, size limit, binary check, and decoding
(UTF-8; UTF-16/32 with a byte order mark; Windows-1252 when certain).

Every refusal is a `SourceError` whose message is the one line the command prints for that file.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024
# Inside a folder, a file "looks like content" when its extension is one Hugo reads as content; each such file
# gets exactly one line in the report. Markdown (and .txt, which this importer has always read) is imported;
# Hugo's other content formats are reported as skipped. Any other file (images, data) is a page resource.
CONTENT_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".txt"}
OTHER_HUGO_FORMATS = {
    ".html": "HTML",
    ".htm": "HTML",
    ".adoc": "AsciiDoc",
    ".asciidoc": "AsciiDoc",
    ".ad": "AsciiDoc",
    ".org": "Emacs Org",
    ".pandoc": "Pandoc",
    ".pdc": "Pandoc",
    ".rst": "reStructuredText",
}
# Text encodings told by their byte order mark (UTF-32 first: its little-endian mark starts like UTF-16's).
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
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
    """Expand the command-line paths into content files, plus (printable path, reason) for the paths that
    cannot be imported: missing ones, names that are not UTF-8 text, links out of their folder.

    Explicit files are taken whatever their extension; inside directories every file that looks like
    content (`CONTENT_SUFFIXES`, `OTHER_HUGO_FORMATS`), so each gets its line: imported, skipped or failed
    (`load_page` says which). Folders that are symbolic links are not entered; a content file that is one
    must stay inside its folder.
    """
    found: list[SourceFile] = []
    refused: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if not looks_like_content(file):
                    continue
                source = SourceFile(file, file.relative_to(path).as_posix(), True, path)
                problem = _name_problem(source.relative) or _link_problem(file, path)
                if problem:
                    refused.append((printable(file), problem))
                else:
                    found.append(source)
        elif path.exists() or path.is_symlink():
            problem = _name_problem(path.name)
            if problem:
                refused.append((printable(path), problem))
            else:
                found.append(SourceFile(path, path.name, False, None))
        else:
            refused.append((printable(path), "no such file or directory"))
    return found, refused


def printable(path: Path | str) -> str:
    """A path as one printable line: bytes that are not UTF-8 as `\\xe9`, control characters as `\\x01`."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _name_problem(relative: str) -> str:
    """Why a file's name (its path inside its folder) cannot name a post, or ''.

    The name becomes the post's key and old URL: it must be text, and a control character would break the
    report's one line per file."""
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8 (rename the file)"
    if _CONTROL.search(relative):
        return "file name contains control characters (rename the file)"
    return ""


def _link_problem(file: Path, root: Path) -> str:
    """A symbolic link to a file outside the folder being imported is refused, as images and folders are."""
    if file.is_symlink() and not file.resolve().is_relative_to(root.resolve()):
        return f"symbolic link to a file outside {printable(root)}: not imported"
    return ""


def looks_like_content(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in CONTENT_SUFFIXES or suffix in OTHER_HUGO_FORMATS


def other_format(source: SourceFile) -> str:
    """The name of the Hugo content format of a file found in a folder that is not Markdown, or ''."""
    return OTHER_HUGO_FORMATS.get(source.path.suffix.lower(), "") if source.in_tree else ""


def read_source(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """The file's text and warnings; raises SourceError for unreadable, oversized, binary or undecodable."""
    return decode_bytes(read_bytes(path, max_bytes=max_bytes))


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes; raises SourceError for a file that is not regular, unreadable or oversized."""
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
    return data


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if encoding is not None and encoding != "utf-8":
        return _decode_unicode(data, encoding)
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (contains NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
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


def _decode_unicode(data: bytes, encoding: str) -> tuple[str, list[str]]:
    """A UTF-16 or UTF-32 file (Windows editors save "Unicode" so), told by its byte order mark."""
    name = encoding.removesuffix("-le").removesuffix("-be").upper()
    bom = next(bom for bom, name in BOMS if name == encoding)
    try:
        text = data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(
            f"not valid {name} text (byte order mark of {name}, bad data at offset {error.start + len(bom)})"
        ) from error
    if "\x00" in text:
        raise SourceError(f"binary file (contains NUL characters, read as {name})")
    return text, [f"read as {name} (byte order mark)"]


def _decode_legacy(data: bytes) -> str | None:
    """A Windows-1252/Latin-1 text whose every character is a plain letter or punctuation, else None.

    Only then is the re-decoding certain; anything with control characters or symbols is refused.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if _LEGACY_TEXT.fullmatch(text) else None
