"""Outdated translations: which languages of an item lag behind its published source, what changed in the
source since, and "still accurate".

    outdated_languages(post)          → ["pt"]
    diff(post, "pt")                  → [FieldDiff("body", [ParagraphChange("changed", …)])]
    confirm(post, "pt", user)         # the translation takes the published source's fingerprints

`track_published_source(obj)` is what the post_save receiver runs (`translating.receivers`): when the
source language is published, it compares the source's digest with the stored one (one query) and records
a change; `track_published_sources(created=…, updated=…)` does the same for a batch of saved posts (the
importer's), in a few queries for the whole batch.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from blog.publishing import LanguageStatus
from translating.diffing import FieldDiff, snapshot_diff
from translating.fingerprints import digest, fingerprints, word_count
from translating.models import PublishedSource, TranslationBasis, published_rows
from translating.sources import kind_of, language_codes, snapshot, source_language


def source_state(obj, language: str | None = None) -> dict:
    """`obj`'s source text now: language, snapshot, fingerprints and digest (what a basis stores)."""
    kind = kind_of(obj)
    language = language or source_language(obj)
    text = snapshot(obj, language, kind)
    prints = fingerprints(text, kind.markdown_fields)
    return {"language": language, "snapshot": text, "fingerprints": prints, "digest": digest(prints)}


def source_is_published(obj, language: str) -> bool:
    """The source counts as published once its language's status is, scheduled ones included."""
    return obj.status_in(language) == LanguageStatus.PUBLISHED and obj.has_content_in(language)


def track_published_source(obj, *, created: bool = False) -> bool:
    """Record `obj`'s source as published if it is and it changed; True when something was recorded."""
    language = source_language(obj)
    if not source_is_published(obj, language):
        return False  # draft and review saves of the source mark nothing
    state = source_state(obj, language)
    if not created:
        stored = PublishedSource.objects.of(obj).values_list("language", "digest").first()
        if stored == (language, state["digest"]):
            return False
    PublishedSource.record(obj, **state, words=word_count(state["snapshot"]))
    return True


def track_published_sources(*, created: list, updated: list) -> None:
    """`track_published_source` for a batch of items of one model: the stored digests of the updated ones
    are read in one query; new items whose source is published get their `PublishedSource` and their
    translations' bases in two inserts. An item that has rows already (left by a deleted item with the same
    id) goes the one-at-a-time way."""
    items = [obj for obj in [*created, *updated] if source_is_published(obj, source_language(obj))]
    if not items:
        return
    content_type = ContentType.objects.get_for_model(type(items[0]))
    ids = [obj.pk for obj in items]
    stored = dict(
        (object_id, (language, digest))
        for object_id, language, digest in PublishedSource.objects.filter(
            content_type=content_type, object_id__in=ids
        ).values_list("object_id", "language", "digest")
    )
    new_ids = {obj.pk for obj in created} - stored.keys()
    new_ids -= set(
        TranslationBasis.objects.filter(content_type=content_type, object_id__in=new_ids).values_list(
            "object_id", flat=True
        )
    )
    fresh = []
    for obj in items:
        state = source_state(obj)
        if obj.pk in new_ids:
            fresh.append((obj, state, word_count(state["snapshot"])))
        elif stored.get(obj.pk) != (state["language"], state["digest"]):
            PublishedSource.record(obj, **state, words=word_count(state["snapshot"]))
    sources, bases = published_rows(content_type, fresh)
    PublishedSource.objects.bulk_create(sources)
    TranslationBasis.objects.bulk_create(bases)


def published_source(obj) -> PublishedSource | None:
    return PublishedSource.objects.of(obj).first()


def basis(obj, language: str) -> TranslationBasis | None:
    return TranslationBasis.objects.of(obj).filter(language=language).first()


def outdated_languages(obj) -> list[str]:
    """The languages whose translation has content and was made from an earlier published source."""
    source = source_language(obj)
    late = set(TranslationBasis.objects.of(obj).filter(outdated=True).values_list("language", flat=True))
    return [code for code in language_codes() if code in late and code != source and obj.has_content_in(code)]


def is_outdated(obj, language: str) -> bool:
    return language in outdated_languages(obj)


def diff(obj, language: str) -> list[FieldDiff]:
    """What changed in the published source since the translation into `language` was made; [] when the
    translation is up to date (or there is nothing to compare with)."""
    made_from, published = basis(obj, language), published_source(obj)
    if made_from is None or published is None or not made_from.outdated:
        return []
    return snapshot_diff(made_from.source_snapshot, published.snapshot, kind_of(obj).markdown_fields)


def current_source(obj) -> dict:
    """What a translation saved now is made from: the published source when there is one in the current
    source language, else the source's text as it stands (a source not yet published)."""
    published = published_source(obj)
    if published is not None and published.language == source_language(obj):
        return published.as_basis()
    return source_state(obj)


def confirm(obj, language: str, user) -> TranslationBasis:
    """ "Still accurate": the translation into `language` takes the current source's fingerprints."""
    return TranslationBasis.record(obj, language, current_source(obj), user=user)


def record_translation(obj, language: str, user, *, updated: bool) -> TranslationBasis | None:
    """After a save of the translation into `language`: it is made from the current source, unless it is
    outdated and the translator did not say it was brought up to date (a draft of other edits)."""
    existing = basis(obj, language)
    if existing is not None and existing.outdated and not updated:
        return None
    return TranslationBasis.record(obj, language, current_source(obj), user=user)


def drop_source_basis(obj, language: str) -> None:
    """`language` became the source: it is no longer a translation of anything."""
    TranslationBasis.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk, language=language
    ).delete()
