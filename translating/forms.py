"""The desk's form: one language's translated fields, named by their base names (`title`, `body`).

Each field is the model's own form field (its length and validators), optional, so a half-done
translation saves as a draft; the body gets the Markdown editor. A post's empty slug is made from the
title and a clashing one refused with a free one offered (`blog.slugs`, as the change form does); a
page's path is checked by `Page.clean`.
"""

from __future__ import annotations

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext

from blog.publishing import LanguageStatus
from blog.slugs import first_free, slug_taken, unique_slug
from editing.widgets import MarkdownEditor
from revisions.locking import version_token
from translating.sources import kind_of


class TranslationForm(forms.Form):
    # The version the form was opened at (revisions.locking): a save over someone else's is refused.
    version_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, obj, language: str, status: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.obj, self.language, self.status, self.kind = obj, language, status, kind_of(obj)
        if not self.is_bound:
            self.fields["version_token"].initial = version_token(obj)
        for name in self.kind.fields:
            field = obj._meta.get_field(f"{name}_{language}").formfield(required=False)
            field.label = capfirst(obj._meta.get_field(name).verbose_name)
            if name in self.kind.markdown_fields:
                field.widget = MarkdownEditor(language=language)
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3  # a summary: a few lines, like its source beside it
            field.widget.attrs.update({"lang": language, "spellcheck": "true"})
            self.fields[name] = field

    def clean(self):
        cleaned = super().clean()
        if self.kind.key == "post":
            self._clean_slug(cleaned)
        elif self.kind.key == "page":
            self._clean_path(cleaned)
        if self.status == LanguageStatus.PUBLISHED:
            needed = [
                name for name in self.kind.model.CONTENT_FIELDS if name in self.fields and name != "path"
            ]
            for name in needed:
                if not cleaned.get(name):
                    self.add_error(name, gettext("A language needs this to be published."))
        return cleaned

    def _clean_slug(self, cleaned) -> None:
        post = self.obj
        where = {"language": self.language, "section": post.section, "date": post.date, "pk": post.pk}
        slug, title = cleaned.get("slug") or "", cleaned.get("title") or ""
        if not slug and title:
            cleaned["slug"] = unique_slug(title, **where)
        elif slug and slug_taken(slug, **where):
            free = first_free(slug, lambda candidate: slug_taken(candidate, **where))
            message = gettext(
                "Another post of this section and month already uses this slug; “%(free)s” is free."
            )
            self.add_error("slug", message % {"free": free})

    def _clean_path(self, cleaned) -> None:
        page = copy.copy(self.obj)
        for name in self.kind.fields:
            setattr(page, f"{name}_{self.language}", cleaned.get(name) or "")
        try:
            page.clean()
        except ValidationError as error:
            messages = error.message_dict.get(f"path_{self.language}")
            if messages:
                self.add_error("path", messages)
