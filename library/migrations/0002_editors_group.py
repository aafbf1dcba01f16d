from django.db import migrations

from blog.editors import grant_editors


def grant_library_rights(apps, schema_editor):
    grant_editors(apps, schema_editor, "library", ["image"])


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("blog", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant_library_rights, migrations.RunPython.noop)]
