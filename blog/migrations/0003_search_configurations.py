"""PostgreSQL search support: the `unaccent` extension and one accent-insensitive text search
configuration per language (`es_unaccent`, `pt_unaccent`, `en_unaccent`), used by `blog/search.py`.

Each configuration copies the language's stemming configuration and puts `unaccent` before the stemmer
for words that may carry accents, so `Migración` and `migracion` reduce to the same lexeme. On SQLite every
operation here does nothing (the fallback search folds accents in Python).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIGURATIONS = {"es_unaccent": "spanish", "pt_unaccent": "portuguese", "en_unaccent": "english"}


class UnaccentExtensionOnPostgres(UnaccentExtension):
    """Django's operation already skips other databases going forwards; make going back skip them too."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, stemmer in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{stemmer})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}_stem"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_editors_group"),
    ]

    operations = [
        UnaccentExtensionOnPostgres(),
        migrations.RunPython(create_configurations, drop_configurations, elidable=False),
    ]
