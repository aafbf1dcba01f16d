"""Existing content: every published source is recorded as it is now, and every existing translation
counts as made from it (up to date), so installing the desk flags nothing."""

from django.db import migrations


def forwards(apps, schema_editor):
    from translating.backfill import record_current_sources

    record_current_sources(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("translating", "0001_initial"),
        ("blog", "0009_per_language_publishing"),
        ("events", "0005_per_language_publishing"),
        ("pages", "0003_per_language_publishing"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
