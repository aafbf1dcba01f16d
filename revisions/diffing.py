"""Two sets of values compared field by field and language by language, as HTML for the history pages.

Long texts (bodies, summaries, descriptions: Markdown) are compared by paragraph (blank-line separated),
and each changed paragraph word by word; short texts word by word; other values as "before → after".
Everything is escaped here; `<del>`/`<ins>` mark what went and what came.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from reversion import is_registered
from reversion.models import Version

from revisions.registry import STATUS_FIELDS, language_of, translated_fields
from revisions.snapshots import Values, changed_fields

TOKENS = re.compile(r"\w+|\s+|[^\w\s]+")
# Below this share of common words a changed text reads better as "all of this went, all of this came".
WORD_DIFF_MIN_RATIO = 0.3


@dataclass
class FieldChange:
    name: str
    label: str
    html: SafeString


@dataclass
class Section:
    language: str | None
    title: str
    changes: list[FieldChange] = field(default_factory=list)


def compare(model, before: Values | None, after: Values, names: list[str] | None = None) -> list[Section]:
    """The changed fields (of `names`, else all), grouped: one section per language, then the rest."""
    changed = [name for name in changed_fields(before, after) if names is None or name in names]
    languages = dict(settings.LANGUAGES)
    sections = {code: Section(code, f"{gettext(name)} ({code})") for code, name in languages.items()}
    shared = Section(None, gettext("Fields shared by every language"))
    for name in _in_display_order(model, changed):
        code = language_of(model, name)
        old = before.get(name) if before else None
        change = FieldChange(name, _label(model, name), render_change(model, name, old, after[name]))
        (sections[code] if code else shared).changes.append(change)
    return [section for section in [*sections.values(), shared] if section.changes]


def _in_display_order(model, names: list[str]) -> list[str]:
    """Each language's text fields in form order, then its state, then the shared fields."""
    order = {name: i for i, name in enumerate(translated_fields(model))}

    def key(name: str):
        base = name.rpartition("_")[0]
        return (base in STATUS_FIELDS, order.get(base, len(order)), name)

    return sorted(names, key=key)


def _label(model, name: str) -> str:
    base = name.rpartition("_")[0] if language_of(model, name) else name
    return str(model._meta.get_field(base).verbose_name)


def render_change(model, name: str, old, new) -> SafeString:
    model_field = model._meta.get_field(name)
    if isinstance(model_field, models.TextField):
        return paragraph_diff(old or "", new or "")
    if isinstance(model_field, (models.CharField, models.SlugField)) and not model_field.choices:
        return word_diff(old or "", new or "")
    if model_field.many_to_many:
        return _set_change(model_field, old or [], new or [])
    return format_html(
        '<span class="diff-value"><del>{}</del> → <ins>{}</ins></span>',
        shown(model_field, old),
        shown(model_field, new),
    )


def shown(model_field, value) -> str:
    """A value as an editor reads it: a choice's label, a local date, Yes/No, a related object's name."""
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if model_field.is_relation:
        return relation_names(model_field, [value])[0]
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def relation_names(model_field, pks: list) -> list[str]:
    """Names of related objects: as they are now, else as a revision last recorded them (deleted ones)."""
    related = model_field.related_model
    found = related._base_manager.in_bulk(pks)
    names = []
    for pk in pks:
        if pk in found:
            names.append(str(found[pk]))
            continue
        version = (
            Version.objects.get_for_object_reference(related, pk).first() if is_registered(related) else None
        )
        names.append(version.object_repr if version else f"#{pk}")
    return names


def _set_change(model_field, old: list, new: list) -> SafeString:
    gone = [pk for pk in old if pk not in new]
    came = [pk for pk in new if pk not in old]
    parts = [format_html("<del>{}</del>", name) for name in relation_names(model_field, gone)]
    parts += [format_html("<ins>{}</ins>", name) for name in relation_names(model_field, came)]
    return format_html('<span class="diff-value">{}</span>', mark_safe(" ".join(parts)))


def word_diff(old: str, new: str) -> SafeString:
    """`old` and `new` as one text, the words that went in `<del>`, the ones that came in `<ins>`."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if a and b and matcher.ratio() < WORD_DIFF_MIN_RATIO:
        return format_html("<del>{}</del><ins>{}</ins>", old, new)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(out))


def paragraphs(text: str) -> list[str]:
    return [part.strip("\n") for part in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if part.strip()]


def paragraph_diff(old: str, new: str) -> SafeString:
    """Paragraph by paragraph: unchanged runs folded away, changed paragraphs compared word by word."""
    a, b = paragraphs(old), paragraphs(new)
    if a == b:
        note = gettext("Only spaces or line breaks changed.")
        return format_html('<div class="diff-text"><p class="diff-whitespace">{}</p></div>', note)
    blocks = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            blocks.append(_unchanged(a[i1:i2]))
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                changed = word_diff(olds[k], news[k])
                blocks.append(format_html('<div class="diff-para diff-changed">{}</div>', changed))
            elif k < len(olds):
                blocks.append(format_html('<div class="diff-para diff-removed"><del>{}</del></div>', olds[k]))
            else:
                blocks.append(format_html('<div class="diff-para diff-added"><ins>{}</ins></div>', news[k]))
    return format_html('<div class="diff-text">{}</div>', mark_safe("".join(blocks)))


def _unchanged(run: list[str]) -> SafeString:
    summary = ngettext("%(n)d unchanged paragraph", "%(n)d unchanged paragraphs", len(run)) % {"n": len(run)}
    return format_html(
        '<details class="diff-same"><summary>{}</summary>{}</details>',
        summary,
        format_html_join("", '<div class="diff-para">{}</div>', ((text,) for text in run)),
    )
