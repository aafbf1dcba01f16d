"""Repairs of real faults in source files, each returning (value, warnings) and never touching correct text.

- Mojibake: UTF-8 that was read as Mac Roman or Latin-1/Windows-1252 (`Bogot√°` → `Bogotá`), fixed line
  by line with ftfy's encoding fixer only (no quote straightening, no normalisation), which also repairs
  a line word by word when it mixes broken and correct text.
- Emoji whose first byte (0xF0) was lost (`üéüÔ∏è` → 🎟️): restored only when the re-decoded characters are
  all emoji; otherwise the text stays and a warning says so.
- Malformed dates whose day is unambiguous (`2025-04-18T1T10:00:00-06:00` → 2025-04-18, offset kept).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone

import ftfy

# Only the encoding steps; everything that would change correct text (quotes, widths, ligatures,
# HTML entities, normalisation) is off.
ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# A 4-byte UTF-8 sequence that lost its lead byte F0: 0x9F then two continuation bytes.
_HEADLESS_EMOJI = re.compile(rb"(?<![\xf0-\xf4])(\x9f[\x80-\xbf]{2})")
_EMOJI_JOINERS = {"\u200d", "\ufe0f", "\ufe0e", "\u20e3"}
_LEGACY_ENCODINGS = ("mac_roman", "cp1252", "latin-1")


class DateError(ValueError):
    """A date that cannot be read, not even its day."""


def fix_mojibake(text: str) -> tuple[str, list[str]]:
    """The text with mojibake repaired, and one warning listing what changed (original → repaired)."""
    changes: list[tuple[str, str]] = []
    warnings: list[str] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        fixed, doubtful = recode_runs(ftfy.fix_text(line, ENCODING_ONLY))
        warnings.extend(f"possibly damaged emoji left as is: {run!r}" for run in doubtful)
        if fixed != line:
            changes.extend(_changed_words(line, fixed))
            lines[index] = fixed
    if changes:
        shown = ", ".join(f"{old!r} → {new!r}" for old, new in changes[:5])
        more = f" (+{len(changes) - 5} more)" if len(changes) > 5 else ""
        warnings.insert(0, f"repaired mojibake: {shown}{more}")
    return "\n".join(lines), warnings


def recode_runs(text: str) -> tuple[str, list[str]]:
    """Re-decode each run of non-ASCII characters that is certainly UTF-8 seen through a legacy encoding.

    A run is replaced only when its bytes in Mac Roman, Windows-1252 or Latin-1 are valid UTF-8 (after
    restoring a lost 0xF0 before a headless emoji sequence) and every decoded character is a plausible
    Latin letter, punctuation mark or emoji: correct text (`Pingüino`, `¿`, curly quotes) never re-decodes.
    Returns the text and the runs that look like a damaged emoji but do not decode to one.
    """
    doubtful: list[str] = []

    def repair(match: re.Match) -> str:
        run = match.group(0)
        for encoding in _LEGACY_ENCODINGS:
            try:
                raw = run.encode(encoding)
            except UnicodeEncodeError:
                continue
            decoded = _decode_utf8(raw)
            if decoded is None and _HEADLESS_EMOJI.search(raw):
                decoded = _decode_utf8(_HEADLESS_EMOJI.sub(lambda m: b"\xf0" + m.group(1), raw))
                if decoded is None or not all(map(_is_emoji_part, decoded)):
                    doubtful.append(run)
                    continue
            if decoded is not None and decoded != run and all(map(_is_plausible, decoded)):
                return decoded
        return run

    return _NON_ASCII_RUN.sub(repair, text), list(dict.fromkeys(doubtful))


def _decode_utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_plausible(char: str) -> bool:
    code = ord(char)
    return (
        0xA0 <= code <= 0x17F  # Latin-1 supplement and Latin Extended-A
        or 0x2010 <= code <= 0x206F  # general punctuation
        or 0x20A0 <= code <= 0x20CF  # currency
        or code == 0x2122
        or _is_emoji_part(char)
    )


def _is_emoji_part(char: str) -> bool:
    return char in _EMOJI_JOINERS or (ord(char) >= 0x2000 and unicodedata.category(char) in {"So", "Sk"})


def _changed_words(before: str, after: str) -> list[tuple[str, str]]:
    old_words, new_words = before.split(), after.split()
    if len(old_words) != len(new_words):
        return [(before.strip(), after.strip())]
    return [(old, new) for old, new in zip(old_words, new_words, strict=True) if old != new]


# --- dates -------------------------------------------------------------------------------------------

_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})\s*$")


def parse_date(value) -> tuple[datetime, list[str]]:
    """An aware datetime that keeps the offset as written (Hugo's :year/:month use it), plus warnings.

    A date without a time is midnight UTC, as Hugo reads it without a `timeZone` setting.
    """
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)), []
    if isinstance(value, date):
        return datetime.combine(value, time(), UTC), []
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        return _repair_date(text)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), []


def _repair_date(text: str) -> tuple[datetime, list[str]]:
    match = _DAY.match(text)
    if match is None:
        raise DateError(f"unreadable date {text!r}")
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise DateError(f"unreadable date {text!r} ({error})") from error
    zone = _read_offset(text)
    repaired = datetime.combine(day, time(), zone or UTC)
    kept = f" with offset {repaired.strftime('%z')}" if zone else " (time zone unreadable: UTC)"
    return repaired, [f"malformed date {text!r} read as {day.isoformat()}{kept}"]


def _read_offset(text: str) -> timezone | None:
    match = _OFFSET.search(text)
    if match is None:
        return None
    token = match.group(1)
    if token == "Z":
        return UTC
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
