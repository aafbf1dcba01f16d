"""Covers, avatars and body images: resolve an image path safely as Hugo serves it, verify the file with
Pillow and straighten it when its EXIF orientation asks for it (`covers.renditions.straightened`; any other
image is stored byte for byte), or check an SVG as safe, well-formed SVG (`blog.svg`) and store it as it
came. Renditions are made later by `covers.lazy` (never of an SVG); generated covers belong to the covers
app too.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from blog.svg import MAX_SVG_BYTES, SvgError, is_svg_name, read_svg
from blog.validators import MAX_IMAGE_PIXELS
from covers.renditions import straightened, upright_size

REMOTE_PREFIXES = ("http://", "https://", "//", "data:")


class ImageError(Exception):
    """An image path that must not be followed (it escapes its root)."""


class UnusableImage(Exception):
    """A found image file that is not stored; the message completes "cover 'x.jpg' …"."""


@dataclass(frozen=True)
class PreparedImage:
    name: str
    content: bytes
    sha256: str
    width: int
    height: int


def resolve_image(
    entry: str,
    *,
    static_root: Path | None,
    folder: Path,
    relative_root: Path,
    relative_root_name: str = "content folder",
) -> Path | None:
    """The image file for `entry`, or None when it is missing or remote. The one resolution covers, body
    images and author avatars share.

    `/images/x.jpg` resolves under the static root. A path without a leading slash is first the page's
    own resource (`cover.jpg` in its bundle, next to the file), then, as Hugo serves `static/` at the
    site's root, the site's file (`images/x.png` → `static/images/x.png`): the order of the themes'
    `.Resources.GetMatch` … `relURL`. Raises ImageError when the path leaves its root (`../../etc/passwd`).
    """
    entry = entry.strip()
    if not entry or entry.lower().startswith(REMOTE_PREFIXES):
        return None
    if entry.startswith("/"):
        normalised = posixpath.normpath(entry.lstrip("/"))
        if normalised == ".." or normalised.startswith("../"):
            raise ImageError(f"image path {entry!r} escapes the static root")
        if static_root is None:
            return None
        return _inside(static_root, static_root / normalised, entry, "static root")
    found = _inside(relative_root, folder / entry, entry, relative_root_name)
    normalised = posixpath.normpath(entry)
    if found is not None or static_root is None or normalised == ".." or normalised.startswith("../"):
        return found
    return _inside(static_root, static_root / normalised, entry, "static root")


def _inside(root: Path, candidate: Path, entry: str, what: str) -> Path | None:
    resolved_root = root.resolve()
    resolved = candidate.resolve()
    if not resolved.is_relative_to(resolved_root):
        raise ImageError(f"image path {entry!r} escapes the {what}")
    return resolved if resolved.is_file() else None


def prepare_image(path: Path) -> PreparedImage:
    """Verified image bytes: the original ones, byte for byte, unless an EXIF orientation other than 1 asks
    for a turn (then re-encoded upright); width and height are the upright picture's.

    Raises UnusableImage when Pillow cannot read the file or it has more pixels than an upload may have
    (the admin's limit; a decompression bomb would otherwise fail the whole post). A file named `.svg` is
    checked as SVG instead (`prepare_svg`).
    """
    if is_svg_name(path.name):
        return prepare_svg(path)
    try:
        raw = path.read_bytes()
        with Image.open(io.BytesIO(raw)) as probe:
            pixels = probe.width * probe.height
            if pixels > MAX_IMAGE_PIXELS:
                raise UnusableImage(f"is too large ({pixels} pixels, limit {MAX_IMAGE_PIXELS})")
            probe.verify()
        with Image.open(io.BytesIO(raw)) as image:
            upright = straightened(image)  # None when the orientation tag is absent or 1
            width, height = upright_size(image)
    except Image.DecompressionBombError as error:
        raise UnusableImage("is too large (a possible decompression bomb)") from error
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as error:
        raise UnusableImage("is not a readable image") from error
    content = raw if upright is None else upright
    return PreparedImage(path.name, content, hashlib.sha256(raw).hexdigest(), width, height)


def prepare_svg(path: Path) -> PreparedImage:
    """An SVG's bytes as they came, with the size its width, height or viewBox give it.

    Raises UnusableImage when it is not safe, well-formed SVG (scripts, foreign objects, event handlers,
    entities: `blog.svg`); nothing in it is ever resolved or fetched."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SVG_BYTES + 1)  # one byte more than allowed: read_svg refuses it
        info = read_svg(raw)
    except SvgError as error:
        raise UnusableImage(str(error)) from error
    except OSError as error:
        raise UnusableImage("is not a readable image") from error
    return PreparedImage(path.name, raw, hashlib.sha256(raw).hexdigest(), info.width, info.height)
