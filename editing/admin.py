"""`MarkdownEditorMixin`: the Markdown editor on a ModelAdmin's Markdown fields, in every language tab.

`markdown_fields = ("body",)` names the fields by their base name; modeltranslation's per-language
columns (`body_es`, `body_pt`, `body_en`) get the editor with that language.
"""

from __future__ import annotations

from editing.widgets import MarkdownEditor, language_of


class MarkdownEditorMixin:
    markdown_fields: tuple[str, ...] = ("body",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        base = db_field.name.rsplit("_", 1)[0] if language_of(db_field.name) else db_field.name
        if base in self.markdown_fields:
            kwargs["widget"] = MarkdownEditor(language=language_of(db_field.name))
        return super().formfield_for_dbfield(db_field, request, **kwargs)
