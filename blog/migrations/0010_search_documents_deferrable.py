"""The search-document trigger of 0005 learns to defer: on a connection that set
`bitacora.defer_search_documents = 'on'` (the importer's, inside `blog.search_documents.deferred()`) it leaves
the documents NULL for a second connection to fill. A partial index finds the posts still waiting, so the
sweep that ends every import costs nothing when none is.
"""

from importlib import import_module

from django.db import migrations

documents = import_module("blog.migrations.0005_post_search_documents")
LANGUAGES = documents.LANGUAGES
MISSING = " OR ".join(f"search_document_{language} IS NULL" for language in LANGUAGES)


def function_sql(deferrable: bool) -> str:
    computed = "\n".join(
        f"  NEW.search_document_{language} := {documents.document_sql(language, config)};"
        for language, config in LANGUAGES.items()
    )
    deferral = ""
    if deferrable:
        emptied = "\n".join(f"    NEW.search_document_{language} := NULL;" for language in LANGUAGES)
        deferral = (
            "  IF current_setting('bitacora.defer_search_documents', true) = 'on' THEN\n"
            f"{emptied}\n    RETURN NEW;\n  END IF;\n"
        )
    return (
        "CREATE OR REPLACE FUNCTION blog_post_search_documents() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{deferral}{computed}\n  RETURN NEW;\nEND\n$$"
    )


def make_deferrable(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(function_sql(deferrable=True))
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS blog_post_search_missing_idx ON blog_post (id) WHERE {MISSING}"
    )


def make_immediate(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS blog_post_search_missing_idx")
    schema_editor.execute(function_sql(deferrable=False))


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0009_per_language_publishing"),
    ]

    operations = [
        migrations.RunPython(make_deferrable, make_immediate, elidable=False),
    ]
