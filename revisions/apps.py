from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    name = "revisions"
    verbose_name = _("Revisions")

    def ready(self):
        # After modeltranslation (earlier in INSTALLED_APPS) has added each language's columns.
        from revisions.registry import register_models

        register_models()
