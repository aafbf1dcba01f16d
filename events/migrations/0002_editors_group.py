from django.db import migrations

from blog.editors import grant_editors


def grant_event_rights(apps, schema_editor):
    grant_editors(apps, schema_editor, "events", ["event"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("blog", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant_event_rights, migrations.RunPython.noop)]
