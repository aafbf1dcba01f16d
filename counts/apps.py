"""Live-post counts per listing, kept up to date by the writes themselves (see `counts.models`)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountsConfig(AppConfig):
    name = "counts"
    verbose_name = _("Post counts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from counts import receivers

        receivers.connect()
