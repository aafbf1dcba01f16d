"""Signals the blog sends so other apps can react without the blog importing them.

- `post_imported(sender=Post, post=…, front_matter={language: dict}, dry_run=bool)`: once per imported post
  group, inside its transaction. A receiver may return a list of warning strings; the importer reports them.
- `import_finished(sender=Post, summary=…)`: once after a (non dry-run) import, e.g. to invalidate caches.
"""

from django.dispatch import Signal

post_imported = Signal()
import_finished = Signal()
