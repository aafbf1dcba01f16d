"""Reactions to the blog's signals: `import_posts` links a post to the event its front matter names.

Front matter `event: <slug>` (or a list of slugs) in any language of a post group links the post to that
Event. A slug with no Event yet creates a stub named after the slug, with a warning so an editor completes it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.text import slugify

from blog.publishing import LanguageStatus
from events.models import Event


def event_slugs(front_matter: dict[str, dict]) -> list[str]:
    """The distinct event slugs named by any language's front matter, in first-seen order."""
    slugs: list[str] = []
    for fields in front_matter.values():
        value = (fields or {}).get("event")
        for item in value if isinstance(value, list | tuple) else [value]:
            if item not in (None, "") and str(item) not in slugs:
                slugs.append(str(item))
    return slugs


def link_imported_post(sender, *, post, front_matter: dict, dry_run: bool = False, **kwargs) -> list[str]:
    """Receiver of `blog.signals.post_imported`: returns warnings for the importer to report."""
    warnings: list[str] = []
    for named in event_slugs(front_matter or {}):
        slug = slugify(named)
        if not slug:
            warnings.append(f"event {named!r} is not a usable slug: not linked")
            continue
        if slug != named:
            warnings.append(f"event {named!r} read as slug {slug!r}")
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            verb = "would create" if dry_run else "created"
            warnings.append(f"event {slug!r} did not exist: {verb} a stub event named {slug!r} (complete it)")
            if dry_run:
                continue
            # Published everywhere: a stub is shown once a live post is about it (EventQuerySet.public).
            statuses = {f"status_{code}": LanguageStatus.PUBLISHED for code, _name in settings.LANGUAGES}
            event = Event.objects.create(
                slug=slug, is_stub=True, **{f"name_{settings.LANGUAGE_CODE}": slug}, **statuses
            )
        if not dry_run:
            event.posts.add(post)
    return warnings
