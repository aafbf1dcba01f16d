"""The reader's site: listings, post pages, archive, the language switcher and old-URL redirects."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = _("Reader site")
