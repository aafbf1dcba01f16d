"""Content that predates the desk, and imports: published sources are recorded and every existing
translation counts as up to date; a repeated import of a changed source marks the translations."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from blog.models import Post
from translating import outdated
from translating.models import PublishedSource

CONTENT = [
    ("blog", "0009_per_language_publishing"),
    ("events", "0005_per_language_publishing"),
    ("pages", "0003_per_language_publishing"),
]
BEFORE = [("translating", "0001_initial"), *CONTENT]
AFTER = [("translating", "0002_record_current_sources"), *CONTENT]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_records_published_sources_and_counts_translations_up_to_date():
    old = migrate(BEFORE)
    post = old.get_model("blog", "Post")
    now = timezone.now()
    both = post.objects.create(
        source_key="both", date=now, title_es="Hola", body_es="x", status_es="published",
        title_en="Hi", body_en="y", status_en="published",
    )  # fmt: skip
    post.objects.create(source_key="held", date=now, title_es="Borrador", body_es="x", status_es="draft")
    new = migrate(AFTER)
    sources = new.get_model("translating", "PublishedSource").objects.all()
    bases = new.get_model("translating", "TranslationBasis").objects.all()
    assert [(s.object_id, s.language, s.snapshot["title"]) for s in sources] == [(both.pk, "es", "Hola")]
    assert [(b.object_id, b.language, b.outdated) for b in bases] == [(both.pk, "en", False)]
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "content"


@pytest.mark.django_db
def test_an_import_records_the_published_sources(tmp_path):
    call_command("import_posts", str(SAMPLE), stdout=open("/dev/null", "w"))  # noqa: SIM115
    translated = [post for post in Post.objects.all() if len(post.written_languages()) > 1]
    assert translated
    for post in translated:
        assert PublishedSource.objects.of(post).get().language == post.source_language_code()
        assert outdated.outdated_languages(post) == []


@pytest.mark.django_db
def test_a_reimported_changed_source_marks_its_translations_outdated(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("post.es.md", "post.pt.md"):
        language = name.split(".")[1]
        front = f"---\ntitle: Título {language}\ndate: 2025-03-01\ntranslationKey: uno\n---\n"
        (folder / name).write_text(f"{front}\nTexto {language}.\n")
    call_command("import_posts", str(folder), "--default-lang", "es", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (folder / "post.es.md").write_text(
        "---\ntitle: Título es\ndate: 2025-03-01\ntranslationKey: uno\n---\n\nTexto es, corregido.\n"
    )
    call_command("import_posts", str(folder), "--default-lang", "es", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert outdated.outdated_languages(Post.objects.get()) == ["pt"]
