"""Record the current published sources of every post, event and page, and count every existing
translation as made from them (up to date). The data migration runs it when the desk is installed; the
grid's benchmark runs it on generated data. Works with a migration's historical models (`apps`) as with
the live registry, so it repeats the rules it needs rather than calling model methods.
"""

from __future__ import annotations

from django.conf import settings

from translating.fingerprints import digest, fingerprints, word_count

# (app label, model, content fields, source fields, Markdown fields): as `translating.sources.kinds()` and
# each model's CONTENT_FIELDS.
SPECS = (
    ("blog", "post", ("title", "body"), ("title", "summary", "body"), ("body",)),
    ("events", "event", ("name",), ("name", "summary", "description"), ("description",)),
    ("pages", "page", ("title", "path"), ("title", "description", "body"), ("body",)),
)


def source_of(item, content: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """The item's source language (None when it has no language yet) and its written languages."""
    codes = [code for code, _name in settings.LANGUAGES]
    written = [code for code in codes if all(getattr(item, f"{field}_{code}", "") for field in content)]
    chosen = getattr(item, "source_language", "")
    if not written:
        return None, written
    return (chosen if chosen in written else written[0]), written


def record_current_sources(apps, batch: int = 500) -> int:
    """Returns the number of published sources recorded (items already recorded are left as they are)."""
    content_types = apps.get_model("contenttypes", "ContentType")
    published_source = apps.get_model("translating", "PublishedSource")
    basis = apps.get_model("translating", "TranslationBasis")
    recorded = 0
    for app_label, model_name, content, source_fields, markdown in SPECS:
        model = apps.get_model(app_label, model_name)
        content_type, _created = content_types.objects.get_or_create(app_label=app_label, model=model_name)
        done = set(
            published_source.objects.filter(content_type=content_type).values_list("object_id", flat=True)
        )
        sources, bases = [], []
        for item in model.objects.order_by("pk").iterator(chunk_size=batch):
            language, written = source_of(item, content)
            if item.pk in done or language is None or getattr(item, f"status_{language}") != "published":
                continue
            text = {field: getattr(item, f"{field}_{language}") or "" for field in source_fields}
            prints = fingerprints(text, markdown)
            values = {"fingerprints": prints, "digest": digest(prints)}
            common = {"content_type": content_type, "object_id": item.pk}
            sources.append(
                published_source(**common, **values, language=language, snapshot=text, words=word_count(text))
            )
            bases += [
                basis(**common, **values, language=code, source_language=language, source_snapshot=text)
                for code in written
                if code != language
            ]
            if len(sources) >= batch:
                recorded += _flush(published_source, basis, sources, bases)
        recorded += _flush(published_source, basis, sources, bases)
    return recorded


def _flush(published_source, basis, sources: list, bases: list) -> int:
    count = len(sources)
    published_source.objects.bulk_create(sources)
    basis.objects.bulk_create(bases, ignore_conflicts=True)
    sources.clear()
    bases.clear()
    return count
