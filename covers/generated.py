"""Generated covers: a picture drawn with Pillow from a post's title and section.

Used wherever a post has no usable cover image (none uploaded, or the source named an image that was never
found), and by the discovery work for 1200×630 social cards. `draw_cover` is a pure function of its arguments
(same input, same pixels); `covers.views.generated_cover` serves it as PNG at `covers:generated`, outside
the language prefixes, cached by post id, kind, language and modification time.

The font is DejaVu Sans Bold, shipped in `covers/fonts/` (Bitstream Vera licence): Pillow's bundled default
font has no glyphs for á, ã, ç or ñ.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"

# Sizes of the pictures the site asks for, by kind (width, height).
COVER_SIZES: dict[str, tuple[int, int]] = {
    "listing": (640, 360),
    "carousel": (1200, 675),
    "social": (1200, 630),
}

# Background gradients (top-left colour, bottom-right colour); a section always gets the same one.
PALETTES: tuple[tuple[tuple[int, int, int], tuple[int, int, int]], ...] = (
    ((22, 78, 99), (8, 47, 73)),
    ((88, 28, 135), (49, 46, 129)),
    ((21, 94, 117), (6, 95, 70)),
    ((154, 52, 18), (124, 45, 18)),
    ((30, 64, 175), (30, 27, 75)),
    ((17, 94, 89), (19, 78, 74)),
    ((131, 24, 67), (76, 29, 149)),
)
TEXT_COLOUR = (255, 255, 255)
MUTED_COLOUR = (226, 232, 240)


@lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size=size)


def palette_for(section: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """A stable palette per section (a digest, not `hash()`, so it survives restarts)."""
    digest = hashlib.sha256(section.encode("utf-8")).digest()
    return PALETTES[digest[0] % len(PALETTES)]


def _gradient(width: int, height: int, start: tuple[int, int, int], end: tuple[int, int, int]) -> Image.Image:
    """A diagonal gradient, built from a tiny image resized up (fast, no per-pixel Python loop)."""
    small = Image.new("RGB", (2, 2))
    middle = tuple((a + b) // 2 for a, b in zip(start, end, strict=True))
    small.putdata([start, middle, middle, end])
    return small.resize((width, height), Image.Resampling.BILINEAR)


def wrap_text(text: str, font: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Greedy word wrap by measured width; a word wider than the line is cut with an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > max_width and len(current) > 1:
            current = current[:-2] + "…"
    if current:
        lines.append(current)
    return lines


def fit_title(
    title: str, max_width: int, max_height: int, largest: int, smallest: int
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font size at which the wrapped title fits the box; at the smallest size, extra lines go."""
    size = largest
    while True:
        font = _font(size)
        lines = wrap_text(title, font, max_width)
        line_height = int(size * 1.2)
        if len(lines) * line_height <= max_height or size <= smallest:
            break
        size = max(smallest, int(size * 0.88))
    max_lines = max(1, max_height // int(size * 1.2))
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return font, lines


def draw_cover(
    title: str,
    section: str,
    width: int,
    height: int,
    site_name: str | None = None,
    label: str | None = None,
) -> Image.Image:
    """Draw a cover: section label at the top, the title large, the site name at the bottom.

    `label` is the section's name as readers see it (translated); the section slug picks the colours
    and stands in for the label when none is given.

    Pure: depends only on its arguments. Sizes scale with the picture, so 640×360 thumbnails and 1200×630
    social cards come out with the same proportions.
    """
    start, end = palette_for(section or "blog")
    image = _gradient(width, height, start, end)
    draw = ImageDraw.Draw(image)

    unit = min(width, height)
    margin = max(12, int(width * 0.06))
    label_size = max(10, int(unit * 0.055))
    label_font = _font(label_size)

    # A bar and the section name, top left.
    top = margin
    label = (section if label is None else label or "").upper()
    if label:
        bar_height = max(3, label_size // 4)
        draw.rectangle((margin, top, margin + label_size * 3, top + bar_height), fill=TEXT_COLOUR)
        top += bar_height + label_size // 2
        draw.text((margin, top), label, font=label_font, fill=MUTED_COLOUR)
        top += int(label_size * 1.6)

    bottom = height - margin
    if site_name:
        footer_font = _font(label_size)
        draw.text((margin, bottom), site_name, font=footer_font, fill=MUTED_COLOUR, anchor="ls")
        bottom -= int(label_size * 1.8)

    title_font, lines = fit_title(
        title.strip() or (site_name or ""),
        max_width=width - 2 * margin,
        max_height=max(1, bottom - top),
        largest=max(14, int(unit * 0.14)),
        smallest=max(10, int(unit * 0.06)),
    )
    line_height = int(title_font.size * 1.2)
    # Titles sit on the lower part of the free area, like a magazine cover.
    y = max(top, bottom - line_height * len(lines))
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=TEXT_COLOUR)
        y += line_height
    return image


# Patterns a section cover may carry; the post's id picks one, so neighbouring cards differ.
PATTERNS = ("rings", "dots", "stripes")


def _draw_pattern(draw: ImageDraw.ImageDraw, width: int, height: int, pattern: str, seed: int) -> None:
    """Light marks over the right-hand side of the gradient, placed by `seed` (deterministic)."""
    ink = (255, 255, 255, 38)
    unit = min(width, height)
    if pattern == "rings":
        cx, cy = int(width * (0.72 + (seed % 5) * 0.04)), int(height * (0.35 + (seed % 3) * 0.15))
        for step in range(1, 8):
            radius = int(unit * 0.11 * step)
            draw.ellipse(
                (cx - radius, cy - radius, cx + radius, cy + radius), outline=ink, width=max(2, unit // 90)
            )
    elif pattern == "dots":
        gap = max(12, unit // 9)
        radius = max(2, gap // 6)
        for row, y in enumerate(range(gap // 2, height, gap)):
            for x in range(width // 2 + (row % 2) * gap // 2 + (seed % 4) * gap // 4, width, gap):
                draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=ink)
    else:
        gap = max(14, unit // 7)
        offset = (seed % 4) * gap // 4
        for x in range(width // 3 + offset, width + height, gap):
            draw.line((x, 0, x - height, height), fill=ink, width=max(3, gap // 4))


def draw_section_cover(
    section: str,
    width: int,
    height: int,
    site_name: str | None = None,
    label: str | None = None,
    seed: int = 0,
) -> Image.Image:
    """A cover without the title: the section's gradient, a pattern chosen by `seed` (the post's id), the
    section's name large at the bottom left and the site's name (its mark) small at the top left."""
    start, end = palette_for(section or "blog")
    image = _gradient(width, height, start, end).convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    _draw_pattern(ImageDraw.Draw(overlay), width, height, PATTERNS[seed % len(PATTERNS)], seed)
    image = Image.alpha_composite(image, overlay).convert("RGB")
    draw = ImageDraw.Draw(image)
    unit = min(width, height)
    margin = max(12, int(width * 0.06))
    mark_size = max(10, int(unit * 0.06))
    if site_name:
        bar = max(3, mark_size // 4)
        draw.rectangle((margin, margin, margin + mark_size * 3, margin + bar), fill=TEXT_COLOUR)
        draw.text(
            (margin, margin + bar + mark_size // 2), site_name, font=_font(mark_size), fill=MUTED_COLOUR
        )
    name = (section if label is None else label or "").upper()
    if name:
        font, lines = fit_title(
            name,
            max_width=width - 2 * margin,
            max_height=int(height * 0.4),
            largest=max(14, int(unit * 0.16)),
            smallest=max(10, int(unit * 0.07)),
        )
        line_height = int(font.size * 1.2)
        y = height - margin - line_height * len(lines)
        for line in lines:
            draw.text((margin, y), line, font=font, fill=TEXT_COLOUR)
            y += line_height
    return image


def cover_png(
    title: str,
    section: str,
    width: int,
    height: int,
    site_name: str | None = None,
    label: str | None = None,
) -> bytes:
    return image_png(draw_cover(title, section, width, height, site_name, label))


def image_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def generated_cover_url(post, kind: str, language: str | None = None) -> str:
    """The URL of a post's generated cover; the modification time busts browser and proxy caches."""
    kwargs = {"pk": post.pk, "kind": kind}
    if language and language != settings.LANGUAGE_CODE:
        kwargs["language"] = language
    version = int(post.modified_at.timestamp()) if getattr(post, "modified_at", None) else 0
    return f"{reverse('covers:generated', kwargs=kwargs)}?v={version}"
