from django.db import migrations

from blog.editors import grant_editors


def let_editors_moderate(apps, schema_editor):
    grant_editors(apps, schema_editor, "comments", ["comment"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("blog", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(let_editors_moderate, migrations.RunPython.noop)]
