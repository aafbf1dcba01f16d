"""The change forms' side of locking and autosave: a hidden token field, checked on save.

`locking_form(form_class)` adds the field to a ModelAdmin's form. On a refused save the form keeps
everything the editor typed, shows what the other editor changed, and carries a fresh token: saving
again, having seen the diff, replaces their version deliberately.
"""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from revisions.diffing import compare
from revisions.locking import TOKEN_FIELD, EditConflict, check_unchanged, loaded_version


def autosave_attrs(saved_at) -> dict[str, str]:
    """What autosave.js reads from the token field: the server version's time and its words."""
    return {
        "data-autosave": "on",
        "data-saved-at": saved_at.isoformat() if saved_at else "",
        "data-question": gettext("Restore the unsaved changes from %(time)s, kept by this browser?"),
        "data-restore": gettext("Restore"),
        "data-discard": gettext("Discard"),
        "data-restored": gettext("Unsaved changes restored: check them, then save."),
    }


class LockingFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(TOKEN_FIELD)
        if field is None:
            return
        saved_at = None
        if self.instance.pk and not self.is_bound:
            loaded = loaded_version(self.instance)
            field.initial, saved_at = loaded.token, loaded.saved_at
        field.widget.attrs.update(autosave_attrs(saved_at))

    @property
    def changed_data(self):
        # The token is bookkeeping, not an edit: kept out of the change message ("Changed title…").
        return [name for name in super().changed_data if name != TOKEN_FIELD]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and TOKEN_FIELD in self.fields:
            try:
                check_unchanged(self.instance, self.cleaned_data.get(TOKEN_FIELD))
            except EditConflict as conflict:
                self.edit_conflict = conflict
                self.add_error(None, conflict_message(conflict))
                data = self.data.copy()
                data[self.add_prefix(TOKEN_FIELD)] = conflict.token
                self.data = data
        return cleaned


def conflict_message(conflict: EditConflict):
    """The refusal, with who saved meanwhile and a diff of what they changed (HTML, escaped within)."""
    sections = compare(conflict.model, conflict.loaded, conflict.current) if conflict.loaded else []
    html = render_to_string(
        "revisions/conflict.html",
        {"since": conflict.since, "sections": sections, "known": conflict.loaded is not None},
    )
    return mark_safe(html)  # noqa: S308 - the template escapes every value


def locking_form(form_class):
    """`form_class` with the hidden token field (a declared field, so the admin's form factory keeps it)."""
    attrs = {TOKEN_FIELD: forms.CharField(required=False, widget=forms.HiddenInput)}
    return type(form_class.__name__, (LockingFormMixin, form_class), attrs)
