"""What the side-by-side view shows: the source's fields beside the form's, the body's blocks aligned,
the rendered preview of the source, the languages' states and the changes since the translation was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from blog.publishing import LanguageState, LanguageStatus
from blog.rendering import render_body
from translating import outdated
from translating.alignment import Row, align, sections
from translating.fingerprints import split_blocks, word_count
from translating.sources import kind_of, snapshot, source_language


@dataclass
class SourceBlock:
    text: str
    kind: str
    section: int
    index: int  # within its section: what the script matches the cursor's block with


@dataclass
class FieldRow:
    name: str
    bound_field: object
    source_text: str
    is_markdown: bool = False
    blocks: list[SourceBlock] = field(default_factory=list)
    preview_html: str = ""
    pairs: list[Row] = field(default_factory=list)


def source_blocks(text: str) -> list[SourceBlock]:
    return [
        SourceBlock(block.text, block.kind, number, index)
        for number, group in enumerate(sections(split_blocks(text)))
        for index, block in enumerate(group)
    ]


def field_rows(obj, form, source: str) -> list[FieldRow]:
    kind = kind_of(obj)
    rows = []
    for name in kind.fields:
        text = obj.translated(name, source)
        row = FieldRow(name, form[name], text)
        if name in kind.markdown_fields:
            target = form[name].value() or ""
            row.is_markdown = True
            row.blocks = source_blocks(text)
            row.preview_html = mark_safe(render_body(text, source).html)  # noqa: S308 - sanitised by nh3
            row.pairs = align(text, target)
        rows.append(row)
    return rows


def desk_url(obj, language: str) -> str:
    return reverse("admin:translating_desk", args=[kind_of(obj).key, obj.pk, language])


def language_tabs(obj, current: str) -> list[dict]:
    source = source_language(obj)
    late = set(outdated.outdated_languages(obj))
    tabs = []
    for code, name in settings.LANGUAGES:
        state = "outdated" if code in late else obj.language_state(code)
        tabs.append(
            {
                "code": code,
                "name": name,
                "state": state,
                "is_source": code == source,
                "is_current": code == current,
                "url": desk_url(obj, code),
            }
        )
    return tabs


def status_buttons(obj, language: str, may_publish: bool) -> list[tuple[str, str]]:
    """(status, label) of the save buttons this user gets for this language."""
    if obj.status_in(language) == LanguageStatus.PUBLISHED:
        buttons = [(LanguageStatus.PUBLISHED, gettext("Save (stays published)"))]
        if may_publish:
            buttons.append((LanguageStatus.DRAFT, gettext("Save and unpublish")))
        return buttons
    buttons = [
        (LanguageStatus.DRAFT, gettext("Save draft")),
        (LanguageStatus.REVIEW, gettext("Submit for review")),
    ]
    if may_publish:
        buttons.append((LanguageStatus.PUBLISHED, gettext("Publish")))
    return buttons


def desk_context(obj, language: str, form, user) -> dict:
    kind = kind_of(obj)
    source = source_language(obj)
    may_publish = obj.may_publish(user)
    changes = outdated.diff(obj, language) if language != source else []
    labels = {name: obj._meta.get_field(name).verbose_name for name in kind.fields}
    return {
        "item": obj,
        "kind": kind,
        "language": language,
        "language_name": dict(settings.LANGUAGES)[language],
        "source": source,
        "source_name": dict(settings.LANGUAGES)[source],
        "is_source": language == source,
        "state": LanguageState(obj.language_state(language)),
        "tabs": language_tabs(obj, language),
        "rows": field_rows(obj, form, source) if language != source else [],
        "form": form,
        "changes": [(labels.get(change.field, change.field), change) for change in changes],
        "buttons": status_buttons(obj, language, may_publish),
        "words": word_count(snapshot(obj, source, kind)),
        "can_choose_source": hasattr(obj, "source_language"),
        "languages": settings.LANGUAGES,
        "change_url": reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]),
    }
