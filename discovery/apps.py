"""How readers and machines find the content: feeds, sitemaps, search, social previews and robots.txt."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = _("Discovery")
