"""Previews: staff see unpublished languages at their address; a share link shows a draft to its holder."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreviewsConfig(AppConfig):
    name = "previews"
    verbose_name = _("Previews")
    default_auto_field = "django.db.models.BigAutoField"
