from django.db import migrations

from blog.editors import grant_editors

CONTENT_MODELS = ["post", "author", "category", "tag", "series", "postredirect"]


def create_editors_group(apps, schema_editor):
    grant_editors(apps, schema_editor, "blog", CONTENT_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, migrations.RunPython.noop)]
