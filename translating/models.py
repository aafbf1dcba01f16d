"""What each translation was made from, and the latest published source it is compared with.

- `PublishedSource`: per item (post, event, page), the source language's text as last saved while that
  language was published: its snapshot, fingerprints and digest (`translating.fingerprints`). Draft and
  review saves of the source change nothing.
- `TranslationBasis`: per item and target language, the source a translation was made from (saved in the
  desk, imported, or confirmed "still accurate"). A translation is *outdated* when its basis's digest
  differs from the published source's; `outdated` keeps that comparison as a column, so the grid and the
  dashboard count with one indexed join. It is rewritten whenever either digest changes (`record_*`).

Invariant: a translation without a basis was made from the current published source. Every change of the
published source first gives such translations a basis: the previous source (so they become outdated), or
on the first publication (or a change of source language) the new one.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ItemQuerySet(models.QuerySet):
    def of(self, obj) -> ItemQuerySet:
        content_type = ContentType.objects.get_for_model(type(obj))
        return self.filter(content_type=content_type, object_id=obj.pk)


class PublishedSource(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("source language"), max_length=8, choices=settings.LANGUAGES)
    snapshot = models.JSONField(_("source text"), default=dict)
    fingerprints = models.JSONField(default=dict)
    digest = models.CharField(max_length=64)
    words = models.PositiveIntegerField(_("words"), default=0)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("published source")
        verbose_name_plural = _("published sources")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="published_source_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} ({self.language})"

    @classmethod
    def record(cls, obj, *, language: str, snapshot: dict, fingerprints: dict, digest: str, words: int):
        """The source of `obj` was published as `snapshot`: store it, give untracked translations their
        basis, and re-evaluate every translation's `outdated`."""
        content_type = ContentType.objects.get_for_model(type(obj))
        previous = cls.objects.filter(content_type=content_type, object_id=obj.pk).first()
        new = {"language": language, "snapshot": snapshot, "fingerprints": fingerprints, "digest": digest}
        written = [
            code for code, _name in settings.LANGUAGES if code != language and obj.has_content_in(code)
        ]
        bases = TranslationBasis.objects.filter(content_type=content_type, object_id=obj.pk)
        if previous is not None and previous.language != language:
            # The source language changed: the translations count as made from the new source.
            bases.filter(language=language).delete()
            bases.filter(language__in=written).delete()
            TranslationBasis.create_for(obj, written, new)
        else:
            made_from = new if previous is None else previous.as_basis()
            tracked = set(bases.values_list("language", flat=True))
            TranslationBasis.create_for(obj, [code for code in written if code not in tracked], made_from)
            bases.exclude(digest=digest).update(outdated=True)
            bases.filter(digest=digest).update(outdated=False)
        cls.objects.update_or_create(
            content_type=content_type,
            object_id=obj.pk,
            defaults={**new, "words": words, "published_at": timezone.now()},
        )

    def as_basis(self) -> dict:
        return {
            "language": self.language,
            "snapshot": self.snapshot,
            "fingerprints": self.fingerprints,
            "digest": self.digest,
        }


def published_rows(content_type, items: list[tuple]) -> tuple[list, list]:
    """(PublishedSource rows, TranslationBasis rows) for items published for the first time, each given as
    (item, its source state from `translating.outdated.source_state`, its word count): what
    `PublishedSource.record` writes for an item with no rows yet (its written translations count as made
    from this source), to insert in bulk."""
    sources, bases = [], []
    for obj, state, words in items:
        language = state["language"]
        values = {key: state[key] for key in ("language", "snapshot", "fingerprints", "digest")}
        common = {"content_type": content_type, "object_id": obj.pk}
        sources.append(PublishedSource(**common, **values, words=words))
        written = [code for code, _ in settings.LANGUAGES if code != language and obj.has_content_in(code)]
        bases += TranslationBasis.rows_for(content_type, obj.pk, written, state)
    return sources, bases


class TranslationBasis(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    source_language = models.CharField(_("source language"), max_length=8, choices=settings.LANGUAGES)
    fingerprints = models.JSONField(default=dict)
    digest = models.CharField(max_length=64)
    source_snapshot = models.JSONField(_("source text"), default=dict)
    outdated = models.BooleanField(_("outdated"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="translation_basis_per_language"
            )
        ]
        indexes = [
            models.Index(
                fields=["content_type", "language", "object_id"],
                condition=models.Q(outdated=True),
                name="translation_outdated_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.source_language}→{self.language}"

    @classmethod
    def create_for(cls, obj, languages: list[str], source: dict, user=None) -> None:
        content_type = ContentType.objects.get_for_model(type(obj))
        cls.objects.bulk_create(cls.rows_for(content_type, obj.pk, languages, source, user))

    @classmethod
    def rows_for(cls, content_type, object_id: int, languages: list[str], source: dict, user=None) -> list:
        """Unsaved rows: the translations into `languages` made from `source`."""
        values = cls.values_from(source)
        common = {"content_type": content_type, "object_id": object_id, "confirmed_by": user}
        return [cls(**common, language=code, **values) for code in languages]

    @staticmethod
    def values_from(source: dict) -> dict:
        return {
            "source_language": source["language"],
            "fingerprints": source["fingerprints"],
            "digest": source["digest"],
            "source_snapshot": source["snapshot"],
        }

    @classmethod
    def record(
        cls, obj, language: str, source: dict, *, user=None, outdated: bool = False
    ) -> TranslationBasis:
        """`obj`'s translation into `language` is now made from `source` (language, snapshot,
        fingerprints, digest)."""
        basis, _created = cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            language=language,
            defaults={
                **cls.values_from(source),
                "outdated": outdated,
                "confirmed_by": user,
                "confirmed_at": timezone.now(),
            },
        )
        return basis
