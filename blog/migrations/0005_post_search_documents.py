"""PostgreSQL search documents: one stored, GIN-indexed `tsvector` per language on `blog_post`.

`search_document_es` / `_pt` / `_en` hold the title (weight A) and body (weight B) parsed with the language's
unaccent configuration (migration 0003). A trigger keeps them current on every insert and on updates of a
title or body, so every write path (admin, importer, `.update()`, raw SQL) stays in step. Without them,
each search re-parsed every candidate body twice (match and rank): seconds at a few thousand posts.

Why a trigger and not `GENERATED ALWAYS AS … STORED`: PostgreSQL refuses `ALTER COLUMN … TYPE` on a column a
generated column depends on, which would break a future `max_length` change of `title`; a trigger does not.
The columns are not model fields (SQLite has no tsvector; the fallback search does not need them): only
`blog/search.py` reads them. Adding a language means adding its column and line to the trigger here.
On SQLite every operation does nothing.
"""

from django.db import migrations

LANGUAGES = {"es": "es_unaccent", "pt": "pt_unaccent", "en": "en_unaccent"}


def document_sql(language: str, config: str, row: str = "NEW") -> str:
    return (
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({row}.title_{language}, '')), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, coalesce({row}.body_{language}, '')), 'B')"
    )


def create_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    assignments = "\n".join(
        f"  NEW.search_document_{language} := {document_sql(language, config)};"
        for language, config in LANGUAGES.items()
    )
    watched = ", ".join(f"title_{language}, body_{language}" for language in LANGUAGES)
    for language in LANGUAGES:
        schema_editor.execute(
            f"ALTER TABLE blog_post ADD COLUMN IF NOT EXISTS search_document_{language} tsvector"
        )
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION blog_post_search_documents() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{assignments}\n  RETURN NEW;\nEND\n$$"
    )
    schema_editor.execute("DROP TRIGGER IF EXISTS blog_post_search_documents ON blog_post")
    schema_editor.execute(
        f"CREATE TRIGGER blog_post_search_documents BEFORE INSERT OR UPDATE OF {watched} ON blog_post "
        "FOR EACH ROW EXECUTE FUNCTION blog_post_search_documents()"
    )
    # Fill the existing rows (the UPDATE names the watched columns, so the trigger does the work).
    schema_editor.execute(
        f"UPDATE blog_post SET title_{next(iter(LANGUAGES))} = title_{next(iter(LANGUAGES))}"
    )
    for language in LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS blog_post_search_{language}_idx "
            f"ON blog_post USING GIN (search_document_{language})"
        )


def drop_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS blog_post_search_documents ON blog_post")
    schema_editor.execute("DROP FUNCTION IF EXISTS blog_post_search_documents()")
    for language in LANGUAGES:
        schema_editor.execute(f"ALTER TABLE blog_post DROP COLUMN IF EXISTS search_document_{language}")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_post_cover_renditions"),
    ]

    operations = [
        migrations.RunPython(create_documents, drop_documents, elidable=False),
    ]
