"""Writing translations: the desk's one save path, "start from the source" and the source language.

`save_translation(obj, language, data, user, status=…)` checks the status change against the user's
permissions (editors draft and submit for review, publishers publish: `blog.publishing_admin`'s rules),
writes the fields, saves, and records the translation's basis (`translating.outdated`). It runs in one
transaction, inside `reversion.create_revision()` when django-reversion is installed, so every save of a
translation is kept with its author and a comment ("Translation pt saved").
"""

from __future__ import annotations

import contextlib

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from blog.publishing import LanguageStatus
from revisions.locking import check_unchanged
from translating.outdated import drop_source_basis, record_translation
from translating.sources import kind_of, source_language

KEEP = "keep"  # the status a save keeps: the language's current one


def revision(user, comment: str):
    """django-reversion's revision block with `user` and `comment`, or nothing when it is not installed."""
    if not apps.is_installed("reversion"):
        return contextlib.nullcontext()
    import reversion

    block = reversion.create_revision()

    @contextlib.contextmanager
    def described():
        with block:
            reversion.set_user(user)
            reversion.set_comment(comment)
            yield

    return described()


def check_status_change(obj, language: str, status: str, user) -> None:
    """Refuse a publication, unpublication or new date by someone who may not publish."""
    if obj.may_publish(user):
        return
    was_published = obj.status_in(language) == LanguageStatus.PUBLISHED
    if status == LanguageStatus.PUBLISHED and not was_published:
        raise PermissionDenied(gettext("Only publishers can publish a language."))
    if was_published and status != LanguageStatus.PUBLISHED:
        raise PermissionDenied(gettext("Only publishers can unpublish a language."))


def save_translation(
    obj,
    language: str,
    data: dict,
    user,
    *,
    status: str = KEEP,
    updated: bool = False,
    token: str | None = None,
):
    """Write `data` ({"title": …, "body": …}, base field names) into `obj`'s `language`, give that
    language `status` (KEEP: as it is), save, and record what source the translation is made from.

    `updated`: the translator brought an outdated translation up to date; without it an outdated
    translation stays outdated whatever is saved. `token`: the version the form was opened at
    (`revisions.locking`): if the item was saved since, `EditConflict` is raised and nothing is written."""
    kind = kind_of(obj)
    if status == KEEP:
        status = obj.status_in(language)
    check_status_change(obj, language, status, user)
    comment = gettext("Translation %(language)s saved") % {"language": language}
    with transaction.atomic(), revision(user, comment):
        check_unchanged(obj, token)  # locks the row until this transaction commits
        for field in kind.fields:
            if field in data:
                setattr(obj, f"{field}_{language}", data[field] or "")
        if status != obj.status_in(language) or status == LanguageStatus.PUBLISHED:
            obj.set_language_status(language, status, getattr(obj, f"publish_at_{language}", None))
        obj.save()
        if obj.has_content_in(language) and language != source_language(obj):
            record_translation(obj, language, user, updated=updated)
    return obj


def initial_from_source(obj, language: str) -> dict:
    """The target fields filled with the source's text, for "Start from the source" (not saved: the
    translator edits over it). Slugs and paths are left empty: they are made from the title on save."""
    kind = kind_of(obj)
    source = source_language(obj)
    return {field: obj.translated(field, source) for field in kind.fields if field not in ("slug", "path")}


def is_empty_translation(obj, language: str) -> bool:
    return not any(obj.translated(field, language) for field in kind_of(obj).fields)


def change_source_language(obj, language: str, user) -> None:
    """A post's source language, chosen in the desk. The new source stops being a translation; when it
    is published, the others count as made from it from now on (`PublishedSource.record`)."""
    comment = gettext("Source language set to %(language)s") % {"language": language}
    with transaction.atomic(), revision(user, comment):
        obj.source_language = language
        obj.save()
        drop_source_basis(obj, language)
