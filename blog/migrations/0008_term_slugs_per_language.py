"""Terms get a slug per language (`slug_es`, `slug_pt`, `slug_en`), unique per language, and old term slugs a
`TermRedirect` (blog.taxonomy).

Today's slug is filled in for every language the term has a name in (a term named in no language keeps it
in the default one), so every term page that answered before still answers at the same URL; the language
a term has no name in has no page for it any more, as in Hugo. The operations are written as loops over
the three term models and the three languages (what makemigrations wrote, one by one, is the same).
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TERMS = ("category", "tag", "series")
LANGUAGES = ("es", "pt", "en")
KEY = django.core.validators.RegexValidator(
    "^[-\\w.]+\\Z", "Use letters, numbers, dots, hyphens or underscores.", code="invalid_key"
)


def fill_slugs(apps, schema_editor):
    codes = [code for code, _name in settings.LANGUAGES]
    for name in TERMS:
        model = apps.get_model("blog", name)
        terms = list(model.objects.all())
        for term in terms:
            named = [code for code in codes if getattr(term, f"name_{code}", None)]
            for code in named or [settings.LANGUAGE_CODE]:
                setattr(term, f"slug_{code}", term.slug)
        model.objects.bulk_update(terms, [f"slug_{code}" for code in codes], batch_size=500)


def slug_field(**options):
    return models.CharField(blank=True, max_length=100, validators=[KEY], verbose_name="slug", **options)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_cover_stored_dimensions"),
    ]

    operations = [
        migrations.CreateModel(
            name="TermRedirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("category", "category"), ("tag", "tag"), ("series", "series")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                ("slug", models.CharField(max_length=100, verbose_name="slug")),
                (
                    "origin",
                    models.CharField(
                        choices=[("hugo", "Hugo URL"), ("slug", "earlier slug")],
                        max_length=10,
                        verbose_name="origin",
                    ),
                ),
                *(
                    (
                        term,
                        models.ForeignKey(
                            blank=True,
                            null=True,
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="+",
                            to=f"blog.{term}",
                        ),
                    )
                    for term in TERMS
                ),
            ],
            options={
                "verbose_name": "old term URL",
                "verbose_name_plural": "old term URLs",
                "ordering": ["kind", "language", "slug"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "language", "slug"), name="blog_termredirect_unique"
                    )
                ],
            },
        ),
        *(
            migrations.AddField(model_name=term, name=f"slug_{code}", field=slug_field(null=True))
            for term in TERMS
            for code in LANGUAGES
        ),
        # The untranslated column is modeltranslation's original field now: uniqueness is per language.
        *(migrations.AlterField(model_name=term, name="slug", field=slug_field()) for term in TERMS),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        *(
            migrations.AddConstraint(
                model_name=term,
                constraint=models.UniqueConstraint(
                    condition=models.Q((f"slug_{code}__gt", "")),
                    fields=(f"slug_{code}",),
                    name=f"blog_{term}_slug_{code}_unique",
                ),
            )
            for term in TERMS
            for code in LANGUAGES
        ),
    ]
