"""The pages app: the site's identity (name, tagline), its menus and its static pages (about, contact)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Site and pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from blog.text import clean_text_on_save

        # Nothing with a control character is stored, whoever saves (admin, importer, shell).
        clean_text_on_save(self.get_models())
