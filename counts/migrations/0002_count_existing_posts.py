"""Count the posts that exist already (`counts.tally.rebuild`), so the counts start in step.

It uses the current models (not the historical ones): it reads only columns that exist from
`blog.0009_per_language_publishing` on (section, series, date, titles, bodies, statuses, `publish_at`).
"""

from django.db import migrations


def count_posts(apps, schema_editor):
    from counts.tally import rebuild

    rebuild()


def forget_counts(apps, schema_editor):
    apps.get_model("counts", "PostTally").objects.all().delete()
    apps.get_model("counts", "ReadyCount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("counts", "0001_initial"),
        ("blog", "0009_per_language_publishing"),
    ]

    operations = [migrations.RunPython(count_posts, forget_counts, elidable=False)]
