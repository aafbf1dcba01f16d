"""Today's site without a Hugo import: the site's name from `settings.SITE_NAME`, the main menu the header
showed before menus were data (Blog, News, Events, Archive in es/pt/en), and the Editors' rights on pages."""

from django.conf import settings
from django.db import migrations

from blog.editors import grant_editors

# (identifier, weight, address, {language: label}): the labels the interface translations gave them.
DEFAULT_MENU = (
    ("blog", 10, "/blog/", {"es": "Blog", "pt": "Blog", "en": "Blog"}),
    ("news", 20, "/news/", {"es": "Noticias", "pt": "Notícias", "en": "News"}),
    ("events", 30, "/events/", {"es": "Eventos", "pt": "Eventos", "en": "Events"}),
    ("archive", 40, "/archive/", {"es": "Archivo", "pt": "Arquivo", "en": "Archive"}),
)


def create_defaults(apps, schema_editor):
    site_identity = apps.get_model("pages", "SiteIdentity")
    menu_item = apps.get_model("pages", "MenuItem")
    default_language = settings.LANGUAGE_CODE
    site_identity.objects.get_or_create(
        pk=1, defaults={"name": settings.SITE_NAME, f"name_{default_language}": settings.SITE_NAME}
    )
    languages = [code for code, _name in settings.LANGUAGES]
    if not menu_item.objects.exists():
        menu_item.objects.bulk_create(
            menu_item(language=code, name=labels.get(code, labels["en"]), url=url, weight=weight, identifier=key)
            for key, weight, url, labels in DEFAULT_MENU
            for code in languages
        )
    grant_editors(apps, schema_editor, "pages", ["page", "menuitem", "siteidentity"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("blog", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
