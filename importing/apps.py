"""Moving a Hugo site in and out: the import pipeline, the export, and their commands.

It reads and writes the content models; the models never import it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    name = "importing"
    verbose_name = _("Import and export")
