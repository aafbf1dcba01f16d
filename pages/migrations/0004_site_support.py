# The "support us" block shown on posts marked `reward`: a translated text and one link.

from django.db import migrations, models

import blog.validators


def text_field(name):
    return models.TextField(
        blank=True,
        max_length=600,
        null=name != "support_text",
        help_text="Shown on posts marked “reward”, in the languages it is written in, with the link below.",
        verbose_name="support text",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_per_language_publishing"),
    ]

    operations = [
        *(
            migrations.AddField(model_name="siteidentity", name=name, field=text_field(name))
            for name in ("support_text", "support_text_es", "support_text_pt", "support_text_en")
        ),
        migrations.AddField(
            model_name="siteidentity",
            name="support_url",
            field=models.URLField(
                blank=True,
                help_text="Where readers can support the site (a donation or membership page).",
                validators=[blog.validators.validate_http_url],
                verbose_name="support link",
            ),
        ),
    ]
