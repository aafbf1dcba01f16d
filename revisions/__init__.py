"""Revisions and no lost edits: every save of a post, event or page is kept (who, when, what), compared per
field and per language, restored whole or one language at a time; a second editor's stale save is refused
with a diff of what changed meanwhile (optimistic locking); the change form is autosaved to the browser.

Built on django-reversion rather than django-simple-history because:
- one JSON version per save, whatever the model's columns: modeltranslation's `title_es`, `title_pt`…
  are just fields of that JSON, so a language added to `LANGUAGES` needs no history migration, where
  simple-history keeps a shadow table per model that must follow every column change;
- a revision groups every object saved in one request: a post with its authors, categories and tags
  (followed relations), so a version says which terms it had and what they were called;
- admin integration (the revision opened around an admin save, its user and change message) and a
  maintained, small public API (`create_revision`, `set_user`, `set_comment`, `Version`).

Imports are not revisions: a revision per import batch halved `import_posts`' throughput (README,
"Revisions and no lost edits"); a change made outside the admin is recorded when the item is next opened.

We do not use reversion's own `VersionAdmin` views: its revert (`Revision.revert`) would also revert the
followed tags and authors, and delete the ones added since; restoring here writes only the object itself.
"""
