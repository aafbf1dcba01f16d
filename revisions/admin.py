"""`RevisionsAdminMixin`: every admin save a revision, its history, compare and restore, and locking.

Put it first among a ModelAdmin's bases (`class PostAdmin(RevisionsAdminMixin, …, TabbedTranslationAdmin)`).
Saves from the change form and from list actions are one revision each, with the user and Django's
change message; the history page (`<id>/history/`) lists them, `history/compare/` diffs two and
`history/<version>/restore/` restores one, whole or one language, after a confirmation.
"""

from __future__ import annotations

import reversion
from django import forms
from django.urls import path

from revisions import views
from revisions.forms import locking_form
from revisions.locking import TOKEN_FIELD


class RevisionsAdminMixin:
    object_history_template = "revisions/history.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":  # actions and list edits are POSTs
            return super().changelist_view(request, extra_context)
        with reversion.create_revision():
            reversion.set_user(request.user)
            action = self.get_actions(request).get(request.POST.get("action", ""))
            if action:
                reversion.set_comment(str(action[2]))  # the action's label, as the list offered it
            return super().changelist_view(request, extra_context)

    def log_addition(self, request, obj, message):
        return self._comment(super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return self._comment(super().log_change(request, obj, message))

    @staticmethod
    def _comment(entry):
        # Django's change message as data (JSON), worded in each reader's language when shown.
        if reversion.is_active() and entry is not None:
            reversion.set_comment(entry.change_message)
        return entry

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = locking_form(kwargs.get("form", self.form))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        # The token must be rendered to be sent back: as a hidden row of the first fieldset; not at all
        # where the form cannot be saved (a view-only user would see it as a read-only field).
        fieldsets = [
            (name, {**options, "fields": [f for f in options.get("fields", ()) if f != TOKEN_FIELD]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        editable = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if not editable or not fieldsets:
            return fieldsets
        (name, first), *rest = fieldsets
        return [(name, {**first, "fields": [*first["fields"], TOKEN_FIELD]}), *rest]

    @property
    def media(self):
        return super().media + forms.Media(
            js=["revisions/autosave.js"], css={"all": ["revisions/revisions.css"]}
        )

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view

        def compare(request, object_id):
            return views.compare(self, request, object_id)

        def restore(request, object_id, version_id):
            return views.restore(self, request, object_id, version_id)

        # Before the admin's own: its `<path:object_id>/` would take these addresses.
        return [
            path("<path:object_id>/history/compare/", wrap(compare), name=f"{prefix}_compare"),
            path(
                "<path:object_id>/history/<int:version_id>/restore/", wrap(restore), name=f"{prefix}_restore"
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        return views.history(self, request, object_id)
