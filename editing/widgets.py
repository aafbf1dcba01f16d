"""`MarkdownEditor`: a textarea with a Markdown toolbar, keyboard shortcuts, word count and reading time, and
a live preview rendered on the server by the site's own renderer (`editing.views.preview`).

A plain form widget: any form can use it (`forms.CharField(widget=MarkdownEditor(language="pt"))`); in the
admin, `editing.admin.MarkdownEditorMixin` puts it on translated body fields. Its script and style are
static files of this app (`editing/editor.js`, `editing/editor.css`), with no inline code, so the site's
Content-Security-Policy needs no `unsafe-inline`. The "image" button opens the image library's picker when
that app is installed (`admin:library_image_picker`).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

PICKER_URL_NAME = "admin:library_image_picker"


def language_of(name: str) -> str | None:
    """`body_pt` → `pt`: the language a modeltranslation field name ends with, if any."""
    code = name.rsplit("_", 1)[-1] if "_" in name else ""
    return code if code in dict(settings.LANGUAGES) else None


def image_picker_url() -> str:
    try:
        return reverse(PICKER_URL_NAME)
    except NoReverseMatch:
        return ""  # no image library installed: the editor shows no image button


class MarkdownEditor(forms.Textarea):
    """A Markdown textarea with toolbar and server-side preview.

    `language` is the language the text is written in (its preview's heading anchors, the alt text the
    image picker inserts); by default the one the field name ends with, else the active language."""

    template_name = "editing/markdown_editor.html"

    class Media:
        css = {"all": ["editing/editor.css"]}
        js = ["editing/editor.js"]

    def __init__(self, attrs=None, *, language: str | None = None, image_picker: bool = True):
        super().__init__({"rows": 18, **(attrs or {})})
        self.language = language
        self.image_picker = image_picker

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        language = self.language or language_of(name) or translation.get_language() or settings.LANGUAGE_CODE
        context["editor"] = {
            "language": language,
            "preview_url": reverse("editing:preview"),
            "picker_url": image_picker_url() if self.image_picker else "",
        }
        return context
